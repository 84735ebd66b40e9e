using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Certificates;

/// <summary>
/// A test PKI shaped like iAM Smart's: a root, an "iAM Smart-Cert"-like issuing CA, and one RSA-2048 signing
/// certificate per persona, issued on first use. Nothing here chains to a real CA. Use <see cref="TrustAnchors"/> and
/// <see cref="CreateChainPolicy"/> to test signature-verification code.
/// </summary>
public sealed class SimulatorCertificateAuthority : IDisposable
{
    private static readonly Lazy<SimulatorCertificateAuthority> SharedInstance = new(() => new SimulatorCertificateAuthority { _isShared = true });

    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _issuing;
    private readonly ConcurrentDictionary<string, Lazy<X509Certificate2>> _signers = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _notBefore;
    private bool _isShared;

    /// <summary>Creates a new root and issuing CA (two RSA-2048 key generations), valid from a day ago for ten years.</summary>
    /// <param name="timeProvider">The clock that dates the certificates. Default the system clock.</param>
    public SimulatorCertificateAuthority(TimeProvider? timeProvider = null)
    {
        _notBefore = (timeProvider ?? TimeProvider.System).GetUtcNow().AddDays(-1);
        var notAfter = _notBefore.AddYears(10);

        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest(
            "CN=IAmSmart.Sdk Simulator Test Root CA, O=IAmSmart.Sdk Simulator (NOT A REAL CA), C=HK", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(rootRequest);
        _root = rootRequest.CreateSelfSigned(_notBefore, notAfter);

        using var issuingKey = RSA.Create(2048);
        var issuingRequest = new CertificateRequest(
            "CN=Test iAM Smart-Cert CA (simulator), O=IAmSmart.Sdk Simulator (NOT A REAL CA), C=HK", issuingKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddCaExtensions(issuingRequest);
        issuingRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issuingPublic = issuingRequest.Create(_root, _notBefore, notAfter.AddDays(-1), NewSerialNumber());
        _issuing = issuingPublic.CopyWithPrivateKey(issuingKey);
        IssuingCertificate = X509CertificateLoader.LoadCertificate(_issuing.RawData);
        RootCertificate = X509CertificateLoader.LoadCertificate(_root.RawData);
    }

    /// <summary>One authority per process, made on first use, so that tests do not pay for key generation each time.</summary>
    public static SimulatorCertificateAuthority Shared => SharedInstance.Value;

    /// <summary>The self-signed root (public part only).</summary>
    public X509Certificate2 RootCertificate { get; }

    /// <summary>The issuing CA that signs the personas' certificates (public part only).</summary>
    public X509Certificate2 IssuingCertificate { get; }

    /// <summary>The certificates to trust: the root.</summary>
    public X509Certificate2Collection TrustAnchors => [RootCertificate];

    /// <summary>A chain policy that trusts only this authority's root, knows its issuing CA, and skips revocation (the test CA publishes no CRL or OCSP).</summary>
    /// <param name="verificationTime">The time to validate at; default now.</param>
    public X509ChainPolicy CreateChainPolicy(DateTime? verificationTime = null)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(RootCertificate);
        policy.ExtraStore.Add(IssuingCertificate);
        if (verificationTime is { } time)
        {
            policy.VerificationTime = time;
            policy.VerificationTimeIgnored = false;
        }

        return policy;
    }

    /// <summary>The signing certificate of a persona (public part only), issued on first use.</summary>
    /// <param name="persona">The persona.</param>
    public X509Certificate2 GetCertificate(SimulatorPersona persona)
        => X509CertificateLoader.LoadCertificate(GetSigner(persona).RawData);

    /// <summary>The persona's certificate with its private key.</summary>
    internal X509Certificate2 GetSigner(SimulatorPersona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return _signers.GetOrAdd(persona.Id, _ => new Lazy<X509Certificate2>(() => Issue(persona))).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_isShared)
        {
            return; // the shared authority lives as long as the process
        }

        foreach (var signer in _signers.Values.Where(s => s.IsValueCreated))
        {
            signer.Value.Dispose();
        }

        _root.Dispose();
        _issuing.Dispose();
        RootCertificate.Dispose();
        IssuingCertificate.Dispose();
    }

    private X509Certificate2 Issue(SimulatorPersona persona)
    {
        using var key = RSA.Create(2048);
        // The subject names the persona key, not the person: certificates end up in logs and PDFs.
        var request = new CertificateRequest(
            $"CN=Simulator signer {persona.Id}, OU=iAM Smart-Cert (simulated), O=IAmSmart.Sdk Simulator (NOT A REAL CA), C=HK",
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_issuing, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(_issuing, _notBefore, _notBefore.AddYears(5), NewSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    private static void AddCaExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // and without a leading zero byte
        return serial;
    }
}
