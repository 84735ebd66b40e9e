namespace IAmSmart.Sdk.Crypto;

/// <summary>The default <see cref="IContentKeySource"/>: asks iAM Smart for a key and unwraps it with the key ring.</summary>
internal sealed class ExchangedContentKeySource(IContentKeyExchange exchange, KeyEncryptionKeyRing keyRing, TimeProvider time) : IContentKeySource
{
    public async Task<ContentKey> FetchAsync(CancellationToken cancellationToken)
    {
        var issued = await exchange.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        var expiresAt = issued.Lifetime is { } lifetime ? time.GetUtcNow() + lifetime : (DateTimeOffset?)null;
        return await keyRing.UnwrapAsync(issued.SecretKey, issued.PublicKey, expiresAt, cancellationToken).ConfigureAwait(false);
    }

    public Task RevokeAsync(CancellationToken cancellationToken) => exchange.RevokeKeyAsync(cancellationToken);
}
