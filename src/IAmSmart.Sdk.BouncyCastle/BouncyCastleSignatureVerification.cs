using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.BouncyCastle;

/// <summary>The signature verifiers this package adds to what the BCL can verify.</summary>
public static class BouncyCastleSignatureVerification
{
    /// <summary>
    /// Verifies <c>SM3withSM2</c> and <c>NONEwithSM2</c> signing results (default user ID <c>1234567812345678</c>).
    /// Set it as <see cref="SignatureVerificationOptions.Sm2Verifier"/>; <c>UseBouncyCastle()</c> also registers it as
    /// the <see cref="ISm2SignatureVerifier"/> service.
    /// </summary>
    public static ISm2SignatureVerifier Sm2 => BouncyCastleSm2SignatureVerifier.Instance;
}
