namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The calls that issue and revoke content keys (<c>security/getKey</c>, <c>security/revokeKey</c>), as the crypto layer
/// needs them: the transport implements this, so that nothing here depends on HTTP.
/// </summary>
internal interface IContentKeyExchange
{
    /// <summary>Asks iAM Smart for a content key and returns it still wrapped.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IssuedContentKey> GetKeyAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the current content key.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RevokeKeyAsync(CancellationToken cancellationToken);
}

/// <summary>A content key as getKey returns it: wrapped under a key-encryption key.</summary>
/// <param name="SecretKey">Base64 of the RSA ciphertext.</param>
/// <param name="PublicKey">The <c>pubKey</c> naming the key-encryption key used, if given.</param>
/// <param name="Lifetime">How long from now the key is accepted, if known.</param>
internal sealed record IssuedContentKey(string SecretKey, string? PublicKey, TimeSpan? Lifetime);
