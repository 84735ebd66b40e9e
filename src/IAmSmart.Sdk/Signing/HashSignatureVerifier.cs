using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Signing;

/// <summary>Which check of a signature verification failed.</summary>
public enum SignatureCheck
{
    /// <summary>No check failed.</summary>
    None,

    /// <summary>The hash, signature or certificate is not valid Base64 or DER.</summary>
    Encoding,

    /// <summary>The signature does not verify over the hash with the certificate's key.</summary>
    Signature,

    /// <summary>The certificate may not be used for signatures (key usage lacks digitalSignature and nonRepudiation).</summary>
    KeyUsage,

    /// <summary>The certificate was not valid at the signing time.</summary>
    Validity,

    /// <summary>The certificate does not chain to a configured trust anchor, or a chain certificate is revoked.</summary>
    Chain,

    /// <summary>The signed <c>hashCode</c> is not the one the e-service asked to sign.</summary>
    HashCode,
}

/// <summary>The outcome of verifying a signature: valid, or exactly which check failed and why.</summary>
/// <param name="FailedCheck">The first check that failed; <see cref="SignatureCheck.None"/> when valid.</param>
/// <param name="Detail">Why it failed, without personal data; empty when valid.</param>
public sealed record SignatureVerificationResult(SignatureCheck FailedCheck, string Detail)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsValid => FailedCheck == SignatureCheck.None;

    internal static SignatureVerificationResult Valid { get; } = new(SignatureCheck.None, string.Empty);
}

/// <summary>Settings of <see cref="HashSignatureVerifier"/>: trust anchors, how the hash was signed, revocation.</summary>
public sealed class SignatureVerificationOptions
{
    /// <summary>
    /// The roots to trust: the test roots for the simulator and the sandbox; the Hongkong Post roots for production.
    /// Nothing seen on the wire is trusted unless it chains to one of these.
    /// </summary>
    public X509Certificate2Collection TrustAnchors { get; } = [];

    /// <summary>Intermediate CA certificates to help build the chain (they are not trusted by themselves).</summary>
    public X509Certificate2Collection Intermediates { get; } = [];

    /// <summary>
    /// Whether and how to check revocation of the signer's chain; there is no default, because the right answer depends on
    /// where you run. <see cref="X509RevocationMode.Online"/> for Hongkong Post certificates in production (OCSP/CRL
    /// over the network: allow the outbound calls); <see cref="X509RevocationMode.Offline"/> when you keep CRLs in the
    /// machine's cache yourself; <see cref="X509RevocationMode.NoCheck"/> only for test CAs (the simulator, the
    /// sandbox) that publish no revocation information: a revoked certificate then verifies. See docs/signing.md §9.
    /// </summary>
    public required X509RevocationMode RevocationMode { get; set; }

    /// <summary>
    /// The clock the chain is checked against. Default <see cref="TimeProvider.System"/>: the chain (and revocation) is
    /// checked <em>now</em>, not at the result's own <c>timestamp</c>, which comes from the callback and would let a
    /// backdated result pass with a certificate that has since expired or been revoked. The certificate must also have
    /// been valid at that timestamp. Set another clock in tests, or to re-verify an archived result as of a date you trust.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether the signature was computed over the Base64-decoded <c>hashCode</c> bytes as the message (SHA256withRSA, the
    /// convention of the test vectors and S4's verifier) or over them as a ready digest (NONEwithRSA). The contract marks
    /// the input convention as inferred, so it is a setting. Default: message.
    /// </summary>
    public HashSigningConvention Convention { get; set; } = HashSigningConvention.HashCodeIsMessage;

    /// <summary>
    /// Verifies SM2 signatures (<c>SM3withSM2</c> under <see cref="HashSigningConvention.HashCodeIsMessage"/>,
    /// <c>NONEwithSM2</c> under <see cref="HashSigningConvention.HashCodeIsDigest"/>), used when the signer's
    /// certificate holds an SM2 key. The BCL cannot verify SM2: take one from IAmSmart.Sdk.BouncyCastle
    /// (<c>UseBouncyCastle()</c> registers it as a service). Without one, an SM2 result fails the signature check.
    /// </summary>
    public ISm2SignatureVerifier? Sm2Verifier { get; set; }
}

/// <summary>What the iAM Smart signature covers (contract §12.4) [I].</summary>
public enum HashSigningConvention
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 over the decoded <c>hashCode</c> bytes (<c>SHA256withRSA</c>).</summary>
    HashCodeIsMessage,

    /// <summary>RSASSA-PKCS1-v1_5 with a SHA-256 DigestInfo of the decoded <c>hashCode</c> bytes taken as the digest (<c>NONEwithRSA</c>).</summary>
    HashCodeIsDigest,
}

/// <summary>Verifies an SM2 signature (GB/T 32918) with the signer's public key; the BCL has no SM2.</summary>
public interface ISm2SignatureVerifier
{
    /// <summary>Whether <paramref name="signature"/> is a valid SM2 signature by the key of <paramref name="subjectPublicKeyInfo"/>.</summary>
    /// <param name="subjectPublicKeyInfo">The DER SubjectPublicKeyInfo of the signer's SM2 public key (curve sm2p256v1).</param>
    /// <param name="hashCode">The decoded <c>hashCode</c>: the message (<c>SM3withSM2</c>) or a 32-byte SM3 digest (<c>NONEwithSM2</c>).</param>
    /// <param name="signature">The decoded signature: DER <c>SEQUENCE { r, s }</c>, or the 64 bytes <c>r ‖ s</c>.</param>
    /// <param name="hashCodeIsDigest">Whether <paramref name="hashCode"/> is already the digest <c>e</c> (<c>NONEwithSM2</c>); otherwise
    /// <c>e = SM3(Z ‖ hashCode)</c> with the default user ID <c>1234567812345678</c> (<c>SM3withSM2</c>).</param>
    bool Verify(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> hashCode, ReadOnlySpan<byte> signature, bool hashCodeIsDigest);
}

/// <summary>
/// Verifies a hash-signing result: the signature, the certificate's key usage and validity at the signing time, and its
/// chain to the trust anchors with the revocation check you chose, at the time of verification.
/// </summary>
/// <param name="options">Trust anchors and conventions.</param>
public sealed class HashSignatureVerifier(SignatureVerificationOptions options)
{
    /// <summary>Verifies one result.</summary>
    /// <param name="hashCode">The <c>hashCode</c> that was signed (Base64).</param>
    /// <param name="signature">The <c>signature</c> (Base64).</param>
    /// <param name="certificate">The signer's <c>cert</c> (Base64 DER).</param>
    /// <param name="signedAt">The signing <c>timestamp</c>.</param>
    public SignatureVerificationResult Verify(string hashCode, string signature, string certificate, DateTimeOffset signedAt)
    {
        byte[] hash, signatureBytes;
        X509Certificate2 signer;
        try
        {
            hash = Convert.FromBase64String(hashCode);
            signatureBytes = Convert.FromBase64String(signature);
            signer = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return new(SignatureCheck.Encoding, "The hash, signature or certificate is not valid Base64 or DER.");
        }

        using (signer)
        {
            return VerifySignature(signer, hash, signatureBytes)
                ?? VerifyKeyUsage(signer)
                ?? VerifyValidity(signer, signedAt)
                ?? VerifyChain(signer)
                ?? SignatureVerificationResult.Valid;
        }
    }

    /// <summary>Whether two Base64 <c>hashCode</c> values carry the same bytes (padding or line breaks may differ).</summary>
    internal static bool SameHash(string actual, string expected)
    {
        try
        {
            return Convert.FromBase64String(actual).AsSpan().SequenceEqual(Convert.FromBase64String(expected));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // The DER of the named curve sm2p256v1 (1.2.156.10197.1.301), the parameters of an SM2 key's SubjectPublicKeyInfo.
    private static readonly byte[] Sm2CurveOid = [0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D];

    private static bool HasSm2Key(X509Certificate2 signer)
        => signer.PublicKey.Oid.Value == "1.2.840.10045.2.1" && (signer.PublicKey.EncodedParameters?.RawData ?? []).AsSpan().SequenceEqual(Sm2CurveOid);

    private SignatureVerificationResult? VerifySignature(X509Certificate2 signer, byte[] hash, byte[] signature)
    {
        if (HasSm2Key(signer))
        {
            if (options.Sm2Verifier is not { } sm2)
            {
                return new(SignatureCheck.Signature, "The certificate holds an SM2 key and no SM2 verifier is configured: set SignatureVerificationOptions.Sm2Verifier (IAmSmart.Sdk.BouncyCastle provides one).");
            }

            var digest = options.Convention == HashSigningConvention.HashCodeIsDigest;
            return (!digest || hash.Length == 32) && sm2.Verify(signer.PublicKey.ExportSubjectPublicKeyInfo(), hash, signature, digest)
                ? null
                : new(SignatureCheck.Signature, "The SM2 signature does not verify over the hash with the certificate's public key.");
        }

        using var rsa = signer.GetRSAPublicKey();
        if (rsa is null)
        {
            return new(SignatureCheck.Signature, "The certificate has no RSA public key.");
        }

        var valid = options.Convention == HashSigningConvention.HashCodeIsMessage
            ? rsa.VerifyData(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : hash.Length == SHA256.HashSizeInBytes && rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return valid ? null : new(SignatureCheck.Signature, "The signature does not verify over the hash with the certificate's public key.");
    }

    private static SignatureVerificationResult? VerifyKeyUsage(X509Certificate2 signer)
    {
        var usage = signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        const X509KeyUsageFlags signing = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;
        return usage is null || (usage.KeyUsages & signing) != 0
            ? null
            : new(SignatureCheck.KeyUsage, $"The certificate's key usage ({usage.KeyUsages}) does not allow signatures.");
    }

    private static SignatureVerificationResult? VerifyValidity(X509Certificate2 signer, DateTimeOffset signedAt)
        => signedAt.UtcDateTime < signer.NotBefore.ToUniversalTime() || signedAt.UtcDateTime > signer.NotAfter.ToUniversalTime()
            ? new(SignatureCheck.Validity, $"The certificate is valid from {signer.NotBefore:u} to {signer.NotAfter:u}, not at the signing time {signedAt:u}.")
            : null;

    private SignatureVerificationResult? VerifyChain(X509Certificate2 signer)
    {
        if (options.TrustAnchors.Count == 0)
        {
            return new(SignatureCheck.Chain, "No trust anchors are configured: add the iAM Smart-Cert roots to SignatureVerificationOptions.TrustAnchors.");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(options.TrustAnchors);
        chain.ChainPolicy.ExtraStore.AddRange(options.Intermediates);
        chain.ChainPolicy.RevocationMode = options.RevocationMode;
        chain.ChainPolicy.VerificationTime = (options.TimeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(signer))
        {
            return null;
        }

        var problems = string.Join("; ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return new(SignatureCheck.Chain, $"The certificate does not chain to a trusted root: {problems}.");
    }
}
