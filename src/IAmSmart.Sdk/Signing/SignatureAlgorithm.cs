namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The <c>sigAlgo</c> of a hash-signing request (contract §12.1): how iAM Smart signs the <c>hashCode</c>. The known
/// values are static members; any other string can be wrapped, so that an algorithm iAM Smart adds later needs no SDK
/// release. When a request sets none, nothing is sent and iAM Smart uses <see cref="Sha256WithRsa"/>.
/// </summary>
/// <param name="Value">The value as sent on the wire, for example <c>SHA256withRSA</c>.</param>
public readonly record struct SignatureAlgorithm(string Value)
{
    /// <summary>
    /// <c>SHA256withRSA</c>, iAM Smart's default: RSA PKCS#1 v1.5 with SHA-256 over the Base64-decoded <c>hashCode</c>
    /// bytes. Verify with <see cref="HashSigningConvention.HashCodeIsMessage"/>.
    /// </summary>
    public static SignatureAlgorithm Sha256WithRsa { get; } = new("SHA256withRSA");

    /// <summary>
    /// <c>NONEwithRSA</c>: the <c>hashCode</c> must already be a SHA-256 digest (32 bytes) and is signed as such. Verify
    /// with <see cref="HashSigningConvention.HashCodeIsDigest"/>. Whether iAM Smart wraps it in a DigestInfo is not
    /// known [G]; the SDK assumes it does, as the simulator does.
    /// </summary>
    public static SignatureAlgorithm NoneWithRsa { get; } = new("NONEwithRSA");

    /// <summary><c>SM3withSM2</c> (Chinese national algorithms). Named by the CorpID specification [I]. Verify with
    /// <see cref="HashSigningConvention.HashCodeIsMessage"/> and an <see cref="SignatureVerificationOptions.Sm2Verifier"/> (the BCL has no SM2;
    /// IAmSmart.Sdk.BouncyCastle has one).</summary>
    public static SignatureAlgorithm Sm3WithSm2 { get; } = new("SM3withSM2");

    /// <summary><c>NONEwithSM2</c>: the <c>hashCode</c> must already be an SM3 digest (32 bytes) [I]. Verify with
    /// <see cref="HashSigningConvention.HashCodeIsDigest"/> and an <see cref="SignatureVerificationOptions.Sm2Verifier"/>.</summary>
    public static SignatureAlgorithm NoneWithSm2 { get; } = new("NONEwithSM2");

    /// <summary>
    /// The length in bytes the decoded <c>hashCode</c> must have, for the algorithms that sign a ready digest
    /// (<c>NONEwith…</c>: 32, a SHA-256 or SM3 digest); <see langword="null"/> when any length is accepted.
    /// </summary>
    public int? RequiredDigestLength => Value == NoneWithRsa.Value || Value == NoneWithSm2.Value ? 32 : null;

    /// <summary>The value.</summary>
    public override string ToString() => Value;
}
