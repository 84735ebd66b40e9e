using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Decides whether an RFC 3161 timestamp token in a signer's unsigned attributes may supply the signing time. Unsigned
/// attributes are not covered by the signer's signature, so anyone can add a token: it counts only when it verifies over
/// this signature and its TSA is trusted: the single critical id-kp-timeStamping usage and a chain to one of
/// <see cref="PdfVerificationOptions.TrustedTimestampAuthorities"/> that is valid at the time of verification.
/// </summary>
/// <remarks>
/// The TSA chain is built at the verification time, not at the token's own time: a token cannot vouch for the time at
/// which its own TSA key was still good, or a key that leaked after its certificate expired could backdate tokens. With
/// no long-term validation data (not supported), an expired TSA no longer supplies the time.
/// </remarks>
internal static class TimestampTokenCheck
{
    private const string TimeStampingPurposeOid = "1.3.6.1.5.5.7.3.8";

    /// <summary>
    /// The first token that is trusted; otherwise what became of the first token (the reason it does not count);
    /// <see cref="PdfTimestampResult.None"/> when the signer has no token.
    /// </summary>
    public static PdfTimestampResult Evaluate(byte[] encodedCms, SignerInfo signer, PdfVerificationOptions options, DateTimeOffset now)
    {
        var tokens = CmsSignature.GetTimestampTokens(signer);
        if (tokens.Count == 0)
        {
            return PdfTimestampResult.None;
        }

        var signature = CmsSignature.GetSignatureValue(encodedCms);
        if (signature is null)
        {
            return new PdfTimestampResult(PdfTimestampStatus.InvalidToken, null, "The signer's signature value, which a timestamp token covers, cannot be read.");
        }

        PdfTimestampResult? first = null;
        foreach (var token in tokens)
        {
            var result = EvaluateOne(token, signature, options, now);
            if (result.Status == PdfTimestampStatus.Trusted)
            {
                return result;
            }

            first ??= result;
        }

        return first!;
    }

    /// <summary>
    /// Exactly one extended key usage extension, critical, naming id-kp-timeStamping (RFC 3161 §2.3), as the BCL's
    /// token check requires.
    /// </summary>
    public static bool HasTimestampingUsage(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 1
            && usages[0].Critical
            && usages[0].EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TimeStampingPurposeOid);
    }

    private static PdfTimestampResult EvaluateOne(byte[] encodedToken, byte[] signature, PdfVerificationOptions options, DateTimeOffset now)
    {
        // Decoded on its own first, for the TSA certificate and the certificates the token carries: the token check
        // below only says yes or no.
        var cms = CmsSignature.TryDecode(encodedToken, detachedContent: null);
        var tsaCertificate = cms is { SignerInfos.Count: 1 } ? cms.SignerInfos[0].Certificate : null;
        if (cms is null || tsaCertificate is null)
        {
            return new PdfTimestampResult(PdfTimestampStatus.InvalidToken, null, "The timestamp token is not a SignedData with one signer and the TSA certificate.");
        }

        if (!HasTimestampingUsage(tsaCertificate))
        {
            return new PdfTimestampResult(PdfTimestampStatus.NotTimestampingCertificate, null,
                $"The TSA certificate '{tsaCertificate.Subject}' lacks the single critical id-kp-timeStamping extended key usage.");
        }

        if (!Rfc3161TimestampToken.TryDecode(encodedToken, out var token, out _)
            || !token.VerifySignatureForData(signature, out var verifiedBy))
        {
            return new PdfTimestampResult(PdfTimestampStatus.InvalidToken, null,
                "The timestamp token does not verify over this signature (malformed, another message imprint, a bad signature, or a TSA certificate not valid at the token's time).");
        }

        var tokenTime = token.TokenInfo.Timestamp;
        var at = tokenTime.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
        if (options.TrustedTimestampAuthorities.Count == 0)
        {
            return new PdfTimestampResult(PdfTimestampStatus.NoTrustedAuthorities, tokenTime,
                $"The timestamp token states {at}, but no trusted timestamp authorities were given (PdfVerificationOptions.TrustedTimestampAuthorities).");
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(options.TrustedTimestampAuthorities);
        policy.ExtraStore.AddRange(cms.Certificates);
        policy.ExtraStore.AddRange(options.AdditionalCertificates);
        policy.RevocationMode = options.RevocationMode;
        policy.RevocationFlag = options.RevocationFlag;
        policy.VerificationTime = now.UtcDateTime;

        // The leaf's own usage is checked above; this makes every CA between it and the anchor answer for it too: one
        // whose extended key usage is restricted to other purposes (a TLS-only issuing CA, say) cannot vouch for a
        // TSA (RFC 5280 leaves EKU on CAs to policy; the platforms, and the netstandard2.0 stand-in, treat an absent EKU
        // as any usage).
        policy.ApplicationPolicy.Add(new Oid(TimeStampingPurposeOid));
        if (chain.Build(verifiedBy))
        {
            return new PdfTimestampResult(PdfTimestampStatus.Trusted, tokenTime,
                $"The timestamp token states {at}; its TSA '{verifiedBy.Subject}' chains to a trusted timestamp authority.");
        }

        var problems = chain.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.NoError).ToList();
        var statuses = string.Join("; ", problems.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}"));
        return problems.Any(s => s.Status == X509ChainStatusFlags.NotTimeValid)
            ? new PdfTimestampResult(PdfTimestampStatus.AuthorityNotTimeValid, tokenTime,
                $"The timestamp token states {at}, but its TSA '{verifiedBy.Subject}' or a CA above it is not valid now ({statuses}).")
            : new PdfTimestampResult(PdfTimestampStatus.UntrustedAuthority, tokenTime,
                $"The timestamp token states {at}, but its TSA '{verifiedBy.Subject}' does not chain to a trusted timestamp authority ({statuses}).");
    }
}
