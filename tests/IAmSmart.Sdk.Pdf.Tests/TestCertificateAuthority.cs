using IAmSmart.Sdk.Pdf;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// A throw-away CA in the shape iAM Smart uses (root → "iAM Smart-Cert" issuing CA → signer), built in memory.
/// All names are invented.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Lazy<TestCertificateAuthority> SharedInstance = new(() => new TestCertificateAuthority("Test"));

    public TestCertificateAuthority(string name)
    {
        var now = DateTimeOffset.UtcNow;
        Root = CreateRoot($"CN={name} Hongkong Post Root CA, O=IAmSmart.Sdk Tests", now.AddYears(-1), now.AddYears(10));
        IssuingCa = CreateChild(Root, $"CN={name} iAM Smart-Cert CA, O=IAmSmart.Sdk Tests", now.AddYears(-1), now.AddYears(5), isCa: true);
        Signer = IssueSigner("Test Signer Alpha", now.AddDays(-1), now.AddYears(1));
    }

    /// <summary>One CA for the whole test run: RSA key generation is slow.</summary>
    public static TestCertificateAuthority Shared => SharedInstance.Value;

    public X509Certificate2 Root { get; }

    public X509Certificate2 IssuingCa { get; }

    /// <summary>A currently valid RSA-2048 signer certificate, with its private key.</summary>
    public X509Certificate2 Signer { get; }

    public X509Certificate2Collection TrustAnchors => [X509CertificateLoader.LoadCertificate(Root.RawData)];

    /// <summary>Verification options for this CA, which publishes no revocation information: nothing to check.</summary>
    public static PdfVerificationOptions NoRevocation => new() { RevocationMode = X509RevocationMode.NoCheck };

    public X509Certificate2 IssueSigner(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        CreateChild(IssuingCa, $"CN={commonName}, O=IAmSmart.Sdk Tests", notBefore, notAfter, isCa: false);

    public void Dispose()
    {
        Signer.Dispose();
        IssuingCa.Dispose();
        Root.Dispose();
    }

    private static X509Certificate2 CreateRoot(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 CreateChild(X509Certificate2 issuer, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, bool isCa)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            isCa ? X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
            true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, notBefore, notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }
}
