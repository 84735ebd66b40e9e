using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf;

/// <summary>How <see cref="PdfSignatureVerifier"/> builds the signer certificate chain.</summary>
public sealed class PdfVerificationOptions
{
    /// <summary>
    /// Whether and how to check revocation of the signer's chain; there is no default, because the right answer depends on
    /// where you run. <see cref="X509RevocationMode.Online"/> for Hongkong Post certificates in production (OCSP/CRL
    /// over the network); <see cref="X509RevocationMode.Offline"/> when you keep CRLs in the machine's cache yourself;
    /// <see cref="X509RevocationMode.NoCheck"/> only for test CAs that publish no revocation information: a revoked
    /// certificate then verifies. See docs/pdf-signing.md.
    /// </summary>
    public required X509RevocationMode RevocationMode { get; set; }

    /// <summary>Which certificates of the chain revocation is checked for. Default: all but the root.</summary>
    public X509RevocationFlag RevocationFlag { get; set; } = X509RevocationFlag.ExcludeRoot;

    /// <summary>Intermediate CA certificates to use when the CMS does not carry them. Not trusted by themselves.</summary>
    public X509Certificate2Collection AdditionalCertificates { get; } = [];

    /// <summary>
    /// Root certificates of the timestamp authorities (TSAs) whose RFC 3161 timestamp tokens may supply the signing
    /// time. Empty by default, and then no token does: anyone can add a token to a signature's unsigned attributes, so a
    /// token counts only when its TSA certificate has the critical id-kp-timeStamping usage and its chain builds to one
    /// of these roots, valid now, with revocation per <see cref="RevocationMode"/>, every CA on the way that restricts
    /// its extended key usages allowing id-kp-timeStamping. Otherwise the verifier uses the time it would use without a
    /// token (the signer's claimed signingTime, which proves nothing against the key holder) and says why in
    /// <see cref="PdfVerificationResult.Timestamp"/>. TSA intermediates come from the token itself or from
    /// <see cref="AdditionalCertificates"/>. See docs/pdf-signing.md.
    /// </summary>
    public X509Certificate2Collection TrustedTimestampAuthorities { get; } = [];
}
