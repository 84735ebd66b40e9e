using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Testing.Certificates;

/// <summary>
/// A throw-away certificate authority built in memory, in the shape iAM Smart uses (root, issuing CA, RSA-2048 signing
/// certificates with their private keys), for the signature-verification failures the simulator's own
/// <see cref="SimulatorCertificateAuthority"/> cannot produce: a signer from an unrelated CA, an expired or
/// not-yet-valid signer. Every name says it is not a real CA, and no key ever leaves the process.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private const string Organization = "O=IAmSmart.Sdk tests (NOT A REAL CA)";

    private readonly X509Certificate2 _issuingWithKey;
    private readonly string _name;

    /// <summary>Creates a root (valid 20 years) and an issuing CA (valid 19 years) from <paramref name="notBefore"/>: two RSA-2048 key generations.</summary>
    /// <param name="notBefore">When the CA certificates start to be valid; choose it on the clock of the code under test.</param>
    /// <param name="name">A word that tells this CA's certificates apart from another's, for example <c>Unrelated</c>.</param>
    public TestCertificateAuthority(DateTimeOffset notBefore, string name = "Unrelated")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;

        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest($"CN={name} Test Root CA, {Organization}", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(rootRequest);
        using var rootWithKey = rootRequest.CreateSelfSigned(notBefore, notBefore.AddYears(20));
        Root = X509CertificateLoader.LoadCertificate(rootWithKey.RawData); // the root's key is needed only once, below

        using var issuingKey = RSA.Create(2048);
        var issuingRequest = new CertificateRequest($"CN={name} Test Issuing CA, {Organization}", issuingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(issuingRequest);
        issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issuingPublic = issuingRequest.Create(rootWithKey, notBefore, notBefore.AddYears(19), NewSerialNumber());
        _issuingWithKey = issuingPublic.CopyWithPrivateKey(issuingKey);
        IssuingCa = X509CertificateLoader.LoadCertificate(_issuingWithKey.RawData);
    }

    /// <summary>The self-signed root certificate (public part only).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The issuing CA certificate, issued by <see cref="Root"/> (public part only).</summary>
    public X509Certificate2 IssuingCa { get; }

    /// <summary>The root alone, as a new collection: the trust anchors for verifying this CA's signers.</summary>
    public X509Certificate2Collection TrustAnchors => [X509CertificateLoader.LoadCertificate(Root.RawData)];

    /// <summary>Issues an RSA-2048 signing certificate (digital signature, non-repudiation) under <see cref="IssuingCa"/>.</summary>
    /// <param name="notBefore">The start of its validity.</param>
    /// <param name="notAfter">The end of its validity; before now for an expired signer.</param>
    /// <param name="commonName">Its subject's common name; an invented one by default.</param>
    /// <returns>The certificate with its private key; the caller disposes it.</returns>
    public X509Certificate2 IssueSigner(DateTimeOffset notBefore, DateTimeOffset notAfter, string? commonName = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName ?? _name + " test signer"}, {Organization}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(IssuingCa, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(_issuingWithKey, notBefore, notAfter, NewSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// Signs a hash the way iAM Smart's default SHA256withRSA signing does: RSA PKCS#1 v1.5 with SHA-256 over the
    /// decoded <paramref name="hashCode"/> bytes.
    /// </summary>
    /// <param name="signer">A certificate with its RSA private key, for example from <see cref="IssueSigner"/>.</param>
    /// <param name="hashCode">The Base64 <c>hashCode</c> of the signing request.</param>
    /// <returns>The Base64 signature.</returns>
    public static string SignHashCode(X509Certificate2 signer, string hashCode)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(hashCode);
        using var key = signer.GetRSAPrivateKey() ?? throw new ArgumentException("The certificate has no RSA private key.", nameof(signer));
        return Convert.ToBase64String(key.SignData(Convert.FromBase64String(hashCode), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Disposes the CA certificates and the issuing CA's private key; signers already issued are the caller's.</summary>
    public void Dispose()
    {
        Root.Dispose();
        IssuingCa.Dispose();
        _issuingWithKey.Dispose();
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F; // positive
        return serial;
    }

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }
}
