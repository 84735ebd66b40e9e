using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Crypto;

/// <summary>A key-encryption key held in memory as an <see cref="RSA"/> private key.</summary>
public sealed class RsaKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    private readonly RSA _rsa;

    /// <summary>Wraps an RSA private key. The instance takes ownership of <paramref name="rsa"/>.</summary>
    /// <param name="rsa">An RSA key with its private part.</param>
    public RsaKeyEncryptionKey(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        _rsa = rsa;
        SubjectPublicKeyInfo = rsa.ExportSubjectPublicKeyInfo();
    }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>Loads the private key of a PKCS#12 (PFX) file.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="password">The file's password.</param>
    /// <exception cref="IAmSmartConfigurationException">The file cannot be read, the password is wrong, or it holds no RSA private key.</exception>
    public static RsaKeyEncryptionKey FromPkcs12File(string path, string? password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IAmSmartConfigurationException(
                $"The encipherment certificate file '{Path.GetFileName(path)}' cannot be read: {ex.Message}", innerException: ex);
        }

        return FromPkcs12(data, password);
    }

    /// <summary>Loads the private key of PKCS#12 (PFX) data.</summary>
    /// <param name="pkcs12">The PKCS#12 bytes.</param>
    /// <param name="password">The password.</param>
    /// <exception cref="IAmSmartConfigurationException">The password is wrong or the data holds no RSA private key.</exception>
    public static RsaKeyEncryptionKey FromPkcs12(ReadOnlySpan<byte> pkcs12, string? password)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
            return FromCertificate(certificate);
        }
        catch (CryptographicException ex)
        {
            throw new IAmSmartConfigurationException(
                "The encipherment certificate (PKCS#12) cannot be opened: the password is wrong or the data is not PKCS#12.", innerException: ex);
        }
    }

    /// <summary>Loads an RSA private key from PEM text (<c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c> or <c>ENCRYPTED PRIVATE KEY</c>).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="password">The password for an encrypted key; <see langword="null"/> otherwise.</param>
    /// <exception cref="IAmSmartConfigurationException">The PEM holds no usable RSA private key.</exception>
    public static RsaKeyEncryptionKey FromPem(string pem, string? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pem);
        var rsa = RSA.Create();
        try
        {
            if (password is null)
            {
                rsa.ImportFromPem(pem);
            }
            else
            {
                rsa.ImportFromEncryptedPem(pem, password);
            }

            // A public key alone would import, but cannot unwrap: find out now rather than at the first getKey.
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return new RsaKeyEncryptionKey(rsa);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new IAmSmartConfigurationException("The PEM text holds no usable RSA private key (or its password is wrong).", innerException: ex);
        }
    }

    /// <summary>Uses the private key of a certificate, for example one from a certificate store.</summary>
    /// <param name="certificate">A certificate with an RSA private key. Its key is copied when exportable, or referenced otherwise.</param>
    /// <exception cref="IAmSmartConfigurationException">The certificate has no RSA private key.</exception>
    public static RsaKeyEncryptionKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var rsa = certificate.GetRSAPrivateKey()
            ?? throw new IAmSmartConfigurationException(
                $"The encipherment certificate '{certificate.Subject}' has no RSA private key. Use the PFX that holds the private key.");
        return new RsaKeyEncryptionKey(rsa);
    }

    /// <summary>Finds a certificate with its private key in a certificate store by thumbprint.</summary>
    /// <param name="thumbprint">The SHA-1 thumbprint (hex; spaces ignored).</param>
    /// <param name="storeName">The store name.</param>
    /// <param name="storeLocation">The store location.</param>
    /// <exception cref="IAmSmartConfigurationException">No such certificate, or it has no RSA private key.</exception>
    public static RsaKeyEncryptionKey FromStore(string thumbprint, StoreName storeName = StoreName.My, StoreLocation storeLocation = StoreLocation.CurrentUser)
    {
        ArgumentException.ThrowIfNullOrEmpty(thumbprint);
        var normalized = thumbprint.Replace(" ", string.Empty, StringComparison.Ordinal);
        using var store = new X509Store(storeName, storeLocation);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, normalized, validOnly: false);
        try
        {
            if (found.Count == 0)
            {
                throw new IAmSmartConfigurationException(
                    $"No certificate with thumbprint {normalized} is in the {storeLocation}/{storeName} store.");
            }

            return FromCertificate(found[0]);
        }
        finally
        {
            foreach (var certificate in found)
            {
                certificate.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // PKCS#1 v1.5, not OAEP: the one padding that yields the 32-byte key (contract §11.2).
        return ValueTask.FromResult(_rsa.Decrypt(wrappedKey.Span, RSAEncryptionPadding.Pkcs1));
    }

    /// <summary>
    /// The private key as PKCS#8, for a crypto provider that unwraps with its own RSA (IAmSmart.Sdk.BouncyCastle);
    /// <see langword="null"/> when the key cannot be exported (a certificate-store key marked non-exportable).
    /// </summary>
    internal byte[]? TryExportPkcs8PrivateKey()
    {
        try
        {
            return _rsa.ExportPkcs8PrivateKey();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _rsa.Dispose();
}
