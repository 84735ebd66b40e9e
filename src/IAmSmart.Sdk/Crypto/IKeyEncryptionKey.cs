namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The e-service's key-encryption key (KEK): the private key of its encipherment certificate, which unwraps the content
/// encryption keys iAM Smart sends (RSA PKCS#1 v1.5, contract §11.2). Implement this interface to keep the private key in
/// an HSM or a cloud KMS.
/// </summary>
public interface IKeyEncryptionKey
{
    /// <summary>The DER SubjectPublicKeyInfo of the public key; iAM Smart names the KEK it used by this (<c>pubKey</c>).</summary>
    ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>Decrypts a wrapped key with RSA PKCS#1 v1.5.</summary>
    /// <param name="wrappedKey">The RSA ciphertext (256 bytes for RSA-2048).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The decrypted bytes, exactly as they came out of RSA.</returns>
    ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default);
}
