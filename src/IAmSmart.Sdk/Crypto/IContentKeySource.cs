namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Where a <see cref="ContentKeyManager"/> gets and revokes content keys. The default calls iAM Smart's
/// <c>security/getKey</c> and <c>security/revokeKey</c> and unwraps the key with the configured key-encryption keys;
/// register another (before <c>AddIAmSmart</c>, which adds the default with <c>TryAdd</c>) to decorate or replace it.
/// </summary>
public interface IContentKeySource
{
    /// <summary>Requests a content key (<c>security/getKey</c>) and unwraps it.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<ContentKey> FetchAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the current content key (<c>security/revokeKey</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task RevokeAsync(CancellationToken cancellationToken);
}
