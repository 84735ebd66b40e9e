using System.Security.Cryptography;
using IAmSmart.Sdk.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Security;

namespace IAmSmart.Sdk.BouncyCastle;

/// <summary>
/// A key-encryption key that unwraps with BouncyCastle's RSA (blinded) and PKCS#1 v1.5, as the BCL key does (contract §11.2).
/// A padding failure is reported as the BCL reports it, a <see cref="CryptographicException"/>, so that the key ring and
/// the callback reader take the same path either way: try the next key, then go on with a random content key through the
/// same decryption, which fails as tampered content does (no padding oracle).
/// </summary>
internal sealed class BouncyCastleRsaKeyEncryptionKey : IKeyEncryptionKey
{
    private readonly AsymmetricKeyParameter _privateKey;

    public BouncyCastleRsaKeyEncryptionKey(ReadOnlySpan<byte> pkcs8PrivateKey, ReadOnlyMemory<byte> subjectPublicKeyInfo)
    {
        _privateKey = PrivateKeyFactory.CreateKey(pkcs8PrivateKey.ToArray());
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
    }

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rsa = new Pkcs1Encoding(new RsaBlindedEngine());
        rsa.Init(false, _privateKey);
        try
        {
            return ValueTask.FromResult(rsa.ProcessBlock(wrappedKey.ToArray(), 0, wrappedKey.Length));
        }
        catch (Exception ex) when (ex is InvalidCipherTextException or DataLengthException)
        {
            throw new CryptographicException("The wrapped key could not be decrypted.", ex);
        }
    }

    /// <summary>
    /// The same ring with each in-memory RSA key unwrapping through BouncyCastle; a key that cannot be exported (an HSM,
    /// a KMS, a non-exportable store key) stays as it is.
    /// </summary>
    public static KeyEncryptionKeyRing Convert(KeyEncryptionKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return new KeyEncryptionKeyRing(ring.Keys.Select(ConvertKey).ToList());
    }

    private static IKeyEncryptionKey ConvertKey(IKeyEncryptionKey key)
    {
        if (key is not RsaKeyEncryptionKey rsa || rsa.TryExportPkcs8PrivateKey() is not { } pkcs8)
        {
            return key;
        }

        try
        {
            return new BouncyCastleRsaKeyEncryptionKey(pkcs8, key.SubjectPublicKeyInfo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
