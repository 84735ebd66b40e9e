using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>
/// A second, unrelated test CA (root, issuing CA, signers with private keys) for verification failures the simulator
/// cannot produce: a certificate from another CA, an expired certificate. Nothing here is a real CA.
/// </summary>
internal sealed class OtherCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _issuing;

    public OtherCertificateAuthority(DateTimeOffset notBefore)
    {
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Unrelated Test Root CA, O=IAmSmart.Sdk tests (NOT A REAL CA)", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(rootRequest);
        Root = rootRequest.CreateSelfSigned(notBefore, notBefore.AddYears(20));

        using var issuingKey = RSA.Create(2048);
        var issuingRequest = new CertificateRequest("CN=Unrelated Test Issuing CA, O=IAmSmart.Sdk tests (NOT A REAL CA)", issuingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(issuingRequest);
        using var issuingPublic = issuingRequest.Create(Root, notBefore, notBefore.AddYears(19), [0x01, 0x02]);
        _issuing = issuingPublic.CopyWithPrivateKey(issuingKey);
        Issuing = X509CertificateLoader.LoadCertificate(_issuing.RawData);
    }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Issuing { get; }

    /// <summary>A signing certificate (with its private key) valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.</summary>
    public X509Certificate2 IssueSigner(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Unrelated test signer, O=IAmSmart.Sdk tests (NOT A REAL CA)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        using var issued = request.Create(_issuing, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Signs a hash as iAM Smart's default SHA256withRSA does: over the decoded hashCode bytes.</summary>
    public static string SignHashCode(X509Certificate2 signer, string hashCode)
    {
        using var key = signer.GetRSAPrivateKey()!;
        return Convert.ToBase64String(key.SignData(Convert.FromBase64String(hashCode), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public void Dispose()
    {
        Root.Dispose();
        Issuing.Dispose();
        _issuing.Dispose();
    }

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }
}
