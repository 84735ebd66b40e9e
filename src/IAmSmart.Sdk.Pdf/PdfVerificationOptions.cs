using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf;

/// <summary>How <see cref="PdfSignatureVerifier"/> builds the signer certificate chain.</summary>
public sealed class PdfVerificationOptions
{
    /// <summary>
    /// Whether to check revocation (OCSP/CRL over the network). Default <see cref="X509RevocationMode.NoCheck"/>, which
    /// suits test CAs; use <see cref="X509RevocationMode.Online"/> for Hongkong Post certificates in production.
    /// </summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>Which certificates of the chain revocation is checked for. Default: all but the root.</summary>
    public X509RevocationFlag RevocationFlag { get; set; } = X509RevocationFlag.ExcludeRoot;

    /// <summary>Intermediate CA certificates to use when the CMS does not carry them. Not trusted by themselves.</summary>
    public X509Certificate2Collection AdditionalCertificates { get; } = [];
}
