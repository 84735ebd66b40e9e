using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// Verifies the signatures of a signed PDF, check by check (<see cref="PdfVerificationCheck"/>), and reports
/// which one failed. It never throws for a bad PDF or signature: that is a result, not an error. Thread-safe.
/// </summary>
/// <remarks>
/// <see cref="Verify"/> checks the last signature (the one covering the end of the file), which is the one
/// <see cref="PdfDeferredSigner"/> adds; <see cref="VerifyAll"/> checks each signature of a PDF signed several times.
/// Revocation is checked only when <see cref="PdfVerificationOptions.RevocationMode"/> asks for it.
/// </remarks>
public class PdfSignatureVerifier
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier on the system clock.</summary>
    public PdfSignatureVerifier()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a verifier.</summary>
    /// <param name="timeProvider">The clock used when the signature carries no signing time.</param>
    public PdfSignatureVerifier(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Verifies the last signature of a signed PDF, which must cover the whole file.</summary>
    /// <param name="signedPdf">The signed PDF.</param>
    /// <param name="trustAnchors">Root CA certificates to trust (for iAM Smart: the Hongkong Post root); nothing else is trusted.</param>
    /// <param name="options">The revocation check (required: there is no silent default) and extra intermediates.</param>
    /// <returns>One result per check.</returns>
    public virtual PdfVerificationResult Verify(ReadOnlySpan<byte> signedPdf, X509Certificate2Collection trustAnchors, PdfVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        ArgumentNullException.ThrowIfNull(options);
        if (!PdfSyntax.HasPdfHeader(signedPdf))
        {
            return NotAPdf();
        }

        return SignatureLocator.TryLocateLast(signedPdf, out var hole, out var problem)
            ? VerifyOne(signedPdf, hole, isLast: true, trustAnchors, options)
            : new Report().Fail(PdfVerificationCheck.ByteRange, problem).Build();
    }

    /// <summary>
    /// Verifies every signature of a PDF signed more than once (each later signature appended as an incremental
    /// update), in signing order. The last must cover the whole file, as in <see cref="Verify"/>; an earlier one must
    /// cover a whole earlier revision, from the start of the file to one of its <c>%%EOF</c> markers.
    /// </summary>
    /// <remarks>
    /// A valid earlier signature proves that its revision is unchanged. What the later revisions changed is not
    /// analysed (no DocMDP / FieldMDP rules); the last signature covers those changes.
    /// </remarks>
    /// <param name="signedPdf">The signed PDF.</param>
    /// <param name="trustAnchors">Root CA certificates to trust; nothing else is trusted.</param>
    /// <param name="options">The revocation check (required: there is no silent default) and extra intermediates.</param>
    /// <returns>
    /// One result per signature, in file order; never empty: a PDF without signatures gives a single failed result,
    /// so that <c>results.All(r =&gt; r.IsValid)</c> is never vacuously true.
    /// </returns>
    public virtual IReadOnlyList<PdfVerificationResult> VerifyAll(ReadOnlySpan<byte> signedPdf, X509Certificate2Collection trustAnchors, PdfVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        ArgumentNullException.ThrowIfNull(options);
        if (!PdfSyntax.HasPdfHeader(signedPdf))
        {
            return [NotAPdf()];
        }

        var located = SignatureLocator.LocateAll(signedPdf);
        if (located.Count == 0)
        {
            return [new Report().Fail(PdfVerificationCheck.ByteRange, SignatureLocator.NoByteRange).Build()];
        }

        var results = new List<PdfVerificationResult>(located.Count);
        for (var i = 0; i < located.Count; i++)
        {
            results.Add(located[i].Hole is { } hole
                ? VerifyOne(signedPdf, hole, isLast: i == located.Count - 1, trustAnchors, options)
                : new Report().Fail(PdfVerificationCheck.ByteRange, located[i].Problem).Build());
        }

        return results;
    }

    private static PdfVerificationResult NotAPdf() =>
        new Report().Fail(PdfVerificationCheck.ByteRange, "The input is not a PDF (no %PDF- header).").Build();

    private PdfVerificationResult VerifyOne(
        ReadOnlySpan<byte> signedPdf,
        SignatureHole hole,
        bool isLast,
        X509Certificate2Collection trustAnchors,
        PdfVerificationOptions options)
    {
        var report = new Report();
        var signedEnd = hole.ByteRange.SecondOffset + hole.ByteRange.SecondLength;
        if (hole.CoversWholeFile)
        {
            report.Pass(PdfVerificationCheck.ByteRange, $"The /ByteRange {hole.ByteRange} covers all {signedPdf.Length} bytes except the /Contents hex string.");
        }
        else if (!isLast && hole.ByteRange.FirstOffset == 0 && PdfSyntax.EndsAtRevisionBoundary(signedPdf, signedEnd))
        {
            report.Pass(PdfVerificationCheck.ByteRange,
                $"The /ByteRange {hole.ByteRange} covers the earlier revision of {signedEnd} bytes except the /Contents hex string; later bytes are incremental updates.");
        }
        else
        {
            report.Fail(PdfVerificationCheck.ByteRange, isLast
                ? $"The /ByteRange {hole.ByteRange} does not cover the whole file of {signedPdf.Length} bytes: bytes were added or the range is forged."
                : $"The /ByteRange {hole.ByteRange} does not cover a whole revision (from the start of the file to a %%EOF): the range is forged or damaged.");
        }

        report.DocDigest = Convert.ToBase64String(hole.ComputeDigest(signedPdf, HashAlgorithmName.SHA256));

        var encoded = ReadContents(hole.HexDigits(signedPdf), out var problem);
        var cms = encoded is null ? null : CmsSignature.TryDecode(encoded, detachedContent: null);
        if (encoded is not null && cms is null)
        {
            problem = "The /Contents is not a CMS / PKCS#7 SignedData structure.";
        }
        else if (cms is not null && cms.SignerInfos.Count != 1)
        {
            problem = $"The CMS has {cms.SignerInfos.Count} signers instead of one.";
            cms = null;
        }

        if (cms is null)
        {
            return report.Fail(PdfVerificationCheck.CmsSignature, problem).Build();
        }

        try
        {
            VerifySigner(signedPdf, hole, encoded!, cms, trustAnchors, options, report);
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException or FormatException)
        {
            // A SignedData that decodes can still hold a malformed attribute or certificate; that is a failed
            // check, never a crash.
            report.FailFirstUnrecorded($"The CMS or a certificate in it is malformed: {ex.Message}");
        }

        return report.Build();
    }

    private void VerifySigner(
        ReadOnlySpan<byte> signedPdf,
        SignatureHole hole,
        byte[] encoded,
        SignedCms cms,
        X509Certificate2Collection trustAnchors,
        PdfVerificationOptions options,
        Report report)
    {
        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate;
        report.SignerCertificate = certificate;

        var digestMatches = CheckMessageDigest(signedPdf, hole, signer, report);
        CheckCmsSignature(encoded, signedPdf, hole, signer, digestMatches, report);

        report.Timestamp = TimestampTokenCheck.Evaluate(encoded, signer, options, _timeProvider.GetUtcNow());
        (report.SigningTime, report.SigningTimeSource) = FindSigningTime(signer, report.Timestamp);
        if (certificate is null)
        {
            return;
        }

        var chainCertificates = CheckChain(certificate, cms.Certificates, trustAnchors, options, report.SigningTime.Value, report);
        CheckValidity(certificate, chainCertificates, report.SigningTime.Value, report.SigningTimeSource, report);
    }

    private static byte[]? ReadContents(ReadOnlySpan<byte> hexDigits, out string problem)
    {
        if (hexDigits.IndexOfAnyExcept((byte)'0') < 0)
        {
            problem = "The /Contents placeholder is empty: the PDF was prepared but the signature was never embedded.";
            return null;
        }

        var bytes = Convert.FromHexString(Encoding.ASCII.GetString(hexDigits));
        if (!CmsSignature.TryGetEncodedLength(bytes, out var length))
        {
            problem = "The /Contents does not start with a DER-encoded value.";
            return null;
        }

        problem = string.Empty;
        return bytes.AsSpan(0, length).ToArray();
    }

    private static bool CheckMessageDigest(ReadOnlySpan<byte> pdf, SignatureHole hole, SignerInfo signer, Report report)
    {
        var algorithm = CmsSignature.ToHashAlgorithm(signer.DigestAlgorithm);
        var messageDigest = CmsSignature.GetMessageDigest(signer);
        if (algorithm is null)
        {
            report.Fail(PdfVerificationCheck.MessageDigest, $"The CMS digest algorithm {signer.DigestAlgorithm.Value} is not supported (SHA-256/384/512 are).");
            return false;
        }

        if (messageDigest is null)
        {
            report.Fail(PdfVerificationCheck.MessageDigest, "The CMS has no messageDigest signed attribute.");
            return false;
        }

        var actual = hole.ComputeDigest(pdf, algorithm.Value);
        if (CryptographicOperations.FixedTimeEquals(actual, messageDigest))
        {
            report.Pass(PdfVerificationCheck.MessageDigest, $"The messageDigest equals the {algorithm.Value.Name} of the ByteRange ({Convert.ToBase64String(actual)}).");
            return true;
        }

        report.Fail(PdfVerificationCheck.MessageDigest,
            $"The messageDigest ({Convert.ToBase64String(messageDigest)}) differs from the {algorithm.Value.Name} of the ByteRange ({Convert.ToBase64String(actual)}): the document was changed after signing.");
        return false;
    }

    private static void CheckCmsSignature(byte[] encoded, ReadOnlySpan<byte> pdf, SignatureHole hole, SignerInfo signer, bool digestMatches, Report report)
    {
        if (signer.Certificate is null)
        {
            report.Fail(PdfVerificationCheck.CmsSignature, "The CMS does not contain the signer certificate.");
            return;
        }

        if (digestMatches)
        {
            // With the content digest right, the BCL's complete check is authoritative.
            try
            {
                var withContent = CmsSignature.TryDecode(encoded, hole.CopySignedContent(pdf))
                    ?? throw new CryptographicException("The CMS could not be decoded together with the document content.");
                withContent.SignerInfos[0].CheckSignature(verifySignatureOnly: true);
                report.Pass(PdfVerificationCheck.CmsSignature, "The CMS signature verifies with the signer certificate.");
            }
            catch (CryptographicException ex)
            {
                report.Fail(PdfVerificationCheck.CmsSignature, $"The CMS signature does not verify: {ex.Message}");
            }

            return;
        }

        // The document changed: check the signature over the signed attributes alone, to tell a genuine signature on
        // a modified document from a forged one.
        switch (CmsSignature.VerifySignedAttributes(encoded, signer, signer.Certificate))
        {
            case true:
                report.Pass(PdfVerificationCheck.CmsSignature, "The signature over the CMS signed attributes verifies with the signer certificate.");
                break;
            case false:
                report.Fail(PdfVerificationCheck.CmsSignature, "The signature over the CMS signed attributes does not verify.");
                break;
            default:
                report.NotChecked(PdfVerificationCheck.CmsSignature,
                    $"The signature algorithm {CmsSignature.GetSignatureAlgorithm(encoded) ?? "(unreadable)"} cannot be checked apart from the document digest.");
                break;
        }
    }

    /// <summary>
    /// A trusted timestamp token's time; otherwise (no token, or one that does not count: <paramref name="timestamp"/>
    /// says why) the time the verifier would use without a token.
    /// </summary>
    private (DateTimeOffset Time, PdfSigningTimeSource Source) FindSigningTime(SignerInfo signer, PdfTimestampResult timestamp)
    {
        if (timestamp is { Status: PdfTimestampStatus.Trusted, TokenTime: { } trusted })
        {
            return (trusted, PdfSigningTimeSource.TimestampToken);
        }

        return CmsSignature.GetClaimedSigningTime(signer) is { } claimed
            ? (claimed, PdfSigningTimeSource.SigningTimeAttribute)
            : (_timeProvider.GetUtcNow(), PdfSigningTimeSource.VerificationTime);
    }

    private static List<X509Certificate2> CheckChain(
        X509Certificate2 certificate,
        X509Certificate2Collection cmsCertificates,
        X509Certificate2Collection trustAnchors,
        PdfVerificationOptions options,
        DateTimeOffset signingTime,
        Report report)
    {
        if (trustAnchors.Count == 0)
        {
            report.Fail(PdfVerificationCheck.CertificateChain, "No trust anchors were given, so no certificate can be trusted.");
            return [];
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(trustAnchors);
        policy.ExtraStore.AddRange(cmsCertificates);
        policy.ExtraStore.AddRange(options.AdditionalCertificates);
        policy.RevocationMode = options.RevocationMode;
        policy.RevocationFlag = options.RevocationFlag;
        policy.VerificationTime = signingTime.UtcDateTime;

        // Validity periods are their own check, against the signing time; here only the path and trust count.
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;

        var built = chain.Build(certificate);
        var elements = chain.ChainElements.Select(e => e.Certificate).ToList();
        if (built)
        {
            var root = elements[^1];
            report.Pass(PdfVerificationCheck.CertificateChain,
                $"The signer certificate chains through {elements.Count - 1} CA certificate(s) to the trust anchor '{root.Subject}'.");
        }
        else
        {
            var statuses = string.Join("; ", chain.ChainStatus
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => $"{s.Status}: {s.StatusInformation.Trim()}"));
            report.Fail(PdfVerificationCheck.CertificateChain, $"The signer certificate does not chain to a given trust anchor ({statuses}).");
        }

        return elements;
    }

    private static void CheckValidity(
        X509Certificate2 signerCertificate,
        List<X509Certificate2> chain,
        DateTimeOffset signingTime,
        PdfSigningTimeSource source,
        Report report)
    {
        var certificates = chain.Count > 0 ? chain : [signerCertificate];
        var at = signingTime.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
        for (var i = 0; i < certificates.Count; i++)
        {
            var candidate = certificates[i];
            var notBefore = candidate.NotBefore.ToUniversalTime();
            var notAfter = candidate.NotAfter.ToUniversalTime();
            if (signingTime.UtcDateTime < notBefore || signingTime.UtcDateTime > notAfter)
            {
                // Name CA certificates by subject but never the signer's: it is a person's name.
                var which = i == 0 ? "The signer certificate" : $"The CA certificate '{candidate.Subject}'";
                report.Fail(PdfVerificationCheck.CertificateValidity,
                    $"{which} is valid from {notBefore.ToString("u", CultureInfo.InvariantCulture)} to {notAfter.ToString("u", CultureInfo.InvariantCulture)}, "
                    + $"not at the signing time {at} ({source}).");
                return;
            }
        }

        report.Pass(PdfVerificationCheck.CertificateValidity, $"All {certificates.Count} certificate(s) were valid at the signing time {at} ({source}).");
    }

    /// <summary>Collects the check results; any check never reached is reported as not checked.</summary>
    private sealed class Report
    {
        private readonly Dictionary<PdfVerificationCheck, PdfVerificationCheckResult> _results = [];

        public X509Certificate2? SignerCertificate { get; set; }

        public DateTimeOffset? SigningTime { get; set; }

        public PdfSigningTimeSource SigningTimeSource { get; set; } = PdfSigningTimeSource.VerificationTime;

        public string? DocDigest { get; set; }

        public PdfTimestampResult Timestamp { get; set; } = PdfTimestampResult.None;

        public Report Pass(PdfVerificationCheck check, string detail) => Set(check, PdfCheckStatus.Passed, detail);

        public Report Fail(PdfVerificationCheck check, string detail) => Set(check, PdfCheckStatus.Failed, detail);

        public Report NotChecked(PdfVerificationCheck check, string detail) => Set(check, PdfCheckStatus.NotChecked, detail);

        /// <summary>Fails the first check, in order, that has no result yet: the one that was running.</summary>
        public void FailFirstUnrecorded(string detail)
        {
            foreach (var check in Enum.GetValues<PdfVerificationCheck>())
            {
                if (!_results.ContainsKey(check))
                {
                    Fail(check, detail);
                    return;
                }
            }
        }

        public PdfVerificationResult Build()
        {
            var checks = Enum.GetValues<PdfVerificationCheck>()
                .Select(c => _results.TryGetValue(c, out var result)
                    ? result
                    : new PdfVerificationCheckResult(c, PdfCheckStatus.NotChecked, "Not checked: an earlier check failed."))
                .ToList();
            return new PdfVerificationResult(checks, SignerCertificate, SigningTime, SigningTimeSource, DocDigest, Timestamp);
        }

        private Report Set(PdfVerificationCheck check, PdfCheckStatus status, string detail)
        {
            _results[check] = new PdfVerificationCheckResult(check, status, detail);
            return this;
        }
    }
}
