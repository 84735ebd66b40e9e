using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf;

/// <summary>One of the checks <see cref="PdfSignatureVerifier"/> makes on a signed PDF, in the order it makes them.</summary>
public enum PdfVerificationCheck
{
    /// <summary>The <c>/ByteRange</c> covers the whole file except the <c>/Contents</c> hex string of the signature.</summary>
    ByteRange,

    /// <summary>The <c>/Contents</c> is a detached CMS SignedData with one signer whose signature verifies with its certificate.</summary>
    CmsSignature,

    /// <summary>The CMS messageDigest attribute equals the digest of the ByteRange bytes: the document is unchanged.</summary>
    MessageDigest,

    /// <summary>The signer certificate chains to one of the trust anchors given (revocation as configured).</summary>
    CertificateChain,

    /// <summary>The signer certificate (and each certificate of its chain) was within its validity period at signing time.</summary>
    CertificateValidity,
}

/// <summary>The outcome of one <see cref="PdfVerificationCheck"/>.</summary>
public enum PdfCheckStatus
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed; the detail says why.</summary>
    Failed,

    /// <summary>The check could not be made because an earlier one failed or the algorithm is not supported.</summary>
    NotChecked,
}

/// <summary>Where the signing time used for the validity checks came from.</summary>
public enum PdfSigningTimeSource
{
    /// <summary>
    /// An RFC 3161 timestamp token over the signature from a trusted timestamp authority
    /// (<see cref="PdfVerificationOptions.TrustedTimestampAuthorities"/>; <see cref="PdfTimestampStatus.Trusted"/>).
    /// </summary>
    TimestampToken,

    /// <summary>
    /// The CMS signingTime signed attribute: the time the signer claims. The key holder's software chooses it, so it does
    /// not prove when the signature was made: a holder of a key whose certificate has since expired or been revoked can
    /// claim a time when it was still good. Require <see cref="PdfTimestampStatus.Trusted"/> where that matters.
    /// </summary>
    SigningTimeAttribute,

    /// <summary>No time in the signature; the time of verification was used.</summary>
    VerificationTime,
}

/// <summary>
/// What became of the RFC 3161 timestamp token(s) in the signer's unsigned attributes. Only
/// <see cref="Trusted"/> lets a token supply the signing time; for any other status the verifier uses the time it would
/// use without a token (the claimed signingTime, else the verification time), as
/// <see cref="PdfVerificationResult.SigningTimeSource"/> shows. The signature's own checks are not failed by it: a caller
/// that requires a trusted time checks for <see cref="Trusted"/>. Only <see cref="Trusted"/> proves the signing time
/// against the key holder; with any other status the time used is the one the key holder claimed (or the time of
/// verification), so a relying party that needs the time proven must require
/// <c>result.Timestamp.Status == PdfTimestampStatus.Trusted</c>.
/// </summary>
public enum PdfTimestampStatus
{
    /// <summary>The signature carries no timestamp token.</summary>
    None,

    /// <summary>The token verifies, covers this signature, and its TSA chains to a trusted TSA root: its time is used.</summary>
    Trusted,

    /// <summary>
    /// The token verifies and covers this signature, but <see cref="PdfVerificationOptions.TrustedTimestampAuthorities"/>
    /// is empty, so no TSA can be trusted.
    /// </summary>
    NoTrustedAuthorities,

    /// <summary>
    /// The token is malformed, does not cover this signature's value, its signature does not verify, or its TSA
    /// certificate was not valid at the token's time.
    /// </summary>
    InvalidToken,

    /// <summary>The TSA certificate lacks the single critical id-kp-timeStamping extended key usage RFC 3161 requires.</summary>
    NotTimestampingCertificate,

    /// <summary>The TSA certificate or a CA certificate of its chain is not valid at the time of verification (expired).</summary>
    AuthorityNotTimeValid,

    /// <summary>
    /// The TSA certificate does not chain to a trusted TSA root, or is revoked, or the revocation check failed, or a CA
    /// of its chain is restricted (by its extended key usage) to usages other than timestamping.
    /// </summary>
    UntrustedAuthority,
}

/// <summary>What the verifier made of the signature's timestamp token, with a detail free of personal data.</summary>
/// <param name="Status">Whether a token supplied the signing time, and if not, why.</param>
/// <param name="TokenTime">
/// The time the token states (its genTime) once it verified over this signature, trusted or not; <see langword="null"/>
/// when there is no token or it did not verify.
/// </param>
/// <param name="Detail">What was found, in words, for logs and support.</param>
public sealed record PdfTimestampResult(PdfTimestampStatus Status, DateTimeOffset? TokenTime, string Detail)
{
    /// <summary>No timestamp token in the signature.</summary>
    public static PdfTimestampResult None { get; } = new(PdfTimestampStatus.None, null, "The signature carries no timestamp token.");
}

/// <summary>The outcome of one check, with a detail free of personal data.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Status">Passed, failed or not checked.</param>
/// <param name="Detail">What was found, in words, for logs and support.</param>
public sealed record PdfVerificationCheckResult(PdfVerificationCheck Check, PdfCheckStatus Status, string Detail);

/// <summary>
/// What <see cref="PdfSignatureVerifier"/> found: one result per <see cref="PdfVerificationCheck"/>, so a caller can
/// tell exactly which check failed. Can be constructed directly to fake a verifier in tests.
/// </summary>
public sealed class PdfVerificationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="checks">One result per check.</param>
    /// <param name="signerCertificate">The signer certificate found in the CMS, if any.</param>
    /// <param name="signingTime">The signing time used for the validity checks, if the checks got that far.</param>
    /// <param name="signingTimeSource">Where <paramref name="signingTime"/> came from.</param>
    /// <param name="docDigest">Base64 digest of the ByteRange bytes, if a ByteRange was found.</param>
    public PdfVerificationResult(
        IReadOnlyList<PdfVerificationCheckResult> checks,
        X509Certificate2? signerCertificate,
        DateTimeOffset? signingTime,
        PdfSigningTimeSource signingTimeSource,
        string? docDigest)
        : this(checks, signerCertificate, signingTime, signingTimeSource, docDigest, signingTimeSource == PdfSigningTimeSource.TimestampToken
            ? new PdfTimestampResult(PdfTimestampStatus.Trusted, signingTime, "The signing time comes from a trusted timestamp token.")
            : PdfTimestampResult.None)
    {
    }

    /// <summary>Creates a result with what became of the signature's timestamp token.</summary>
    /// <param name="checks">One result per check.</param>
    /// <param name="signerCertificate">The signer certificate found in the CMS, if any.</param>
    /// <param name="signingTime">The signing time used for the validity checks, if the checks got that far.</param>
    /// <param name="signingTimeSource">Where <paramref name="signingTime"/> came from.</param>
    /// <param name="docDigest">Base64 digest of the ByteRange bytes, if a ByteRange was found.</param>
    /// <param name="timestamp">What became of the timestamp token, if any.</param>
    public PdfVerificationResult(
        IReadOnlyList<PdfVerificationCheckResult> checks,
        X509Certificate2? signerCertificate,
        DateTimeOffset? signingTime,
        PdfSigningTimeSource signingTimeSource,
        string? docDigest,
        PdfTimestampResult timestamp)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(timestamp);
        Timestamp = timestamp;
        Checks = checks;
        SignerCertificate = signerCertificate;
        SigningTime = signingTime;
        SigningTimeSource = signingTimeSource;
        DocDigest = docDigest;
    }

    /// <summary>One result per check, in the order of <see cref="PdfVerificationCheck"/>.</summary>
    public IReadOnlyList<PdfVerificationCheckResult> Checks { get; }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.Status == PdfCheckStatus.Passed);

    /// <summary>The first check that did not pass, or <see langword="null"/> when the signature is valid.</summary>
    public PdfVerificationCheckResult? FirstFailure => Checks.FirstOrDefault(c => c.Status != PdfCheckStatus.Passed);

    /// <summary>The signer certificate carried in the CMS, if one was found.</summary>
    public X509Certificate2? SignerCertificate { get; }

    /// <summary>
    /// The signing time the validity checks used. Proven against the key holder only when
    /// <see cref="Timestamp"/>'s status is <see cref="PdfTimestampStatus.Trusted"/>; otherwise it is the time the key
    /// holder claimed (<see cref="PdfSigningTimeSource.SigningTimeAttribute"/>) or the time of verification.
    /// </summary>
    public DateTimeOffset? SigningTime { get; }

    /// <summary>
    /// Where <see cref="SigningTime"/> came from. Only <see cref="PdfSigningTimeSource.TimestampToken"/> (a trusted
    /// token) proves the time against the key holder; a relying party that needs that must require
    /// <c>Timestamp.Status == PdfTimestampStatus.Trusted</c>.
    /// </summary>
    public PdfSigningTimeSource SigningTimeSource { get; }

    /// <summary>
    /// What became of the signature's RFC 3161 timestamp token: whether it supplied <see cref="SigningTime"/>, and if
    /// not, why (<see cref="PdfTimestampStatus"/>). <see cref="PdfTimestampResult.None"/> when there is none, or the
    /// checks did not get that far. Only <see cref="PdfTimestampStatus.Trusted"/> proves the signing time against the key
    /// holder; a relying party that needs that must require <c>Timestamp.Status == PdfTimestampStatus.Trusted</c>, as
    /// the verifier otherwise falls back to the time the signer claims (kept so that short-lived signing certificates are
    /// not all refused at the time of verification).
    /// </summary>
    public PdfTimestampResult Timestamp { get; }

    /// <summary>Base64 digest of the ByteRange bytes (SHA-256 for iAM Smart): the <c>docDigest</c> the signature should carry.</summary>
    public string? DocDigest { get; }

    /// <summary>The outcome of one check.</summary>
    /// <param name="check">Which check.</param>
    /// <returns>Its status; <see cref="PdfCheckStatus.NotChecked"/> when absent.</returns>
    public PdfCheckStatus StatusOf(PdfVerificationCheck check) =>
        Checks.FirstOrDefault(c => c.Check == check)?.Status ?? PdfCheckStatus.NotChecked;
}
