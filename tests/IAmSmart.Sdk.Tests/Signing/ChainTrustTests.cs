using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Certificates;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>
/// What counts as a trust anchor for a hash signature's chain, the same on the net10.0 build (the BCL's CustomRootTrust)
/// and the netstandard2.0 build (the SDK's X509Chain stand-in): this file runs against both.
/// </summary>
public sealed class ChainTrustTests
{
    private static readonly string HashCode = Convert.ToBase64String(SHA256.HashData("a document"u8));

    [Fact]
    public void A_signer_under_the_root_given_as_anchor_passes_the_chain_check()
    {
        using var ca = new TestCertificateAuthority(DateTimeOffset.UtcNow.AddDays(-1), "Chain trust");
        using var signer = ca.IssueSigner(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var result = Verify(signer, anchor: ca.Root, intermediate: ca.IssuingCa);

        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public void An_intermediate_given_as_the_only_trust_anchor_fails_the_chain_check()
    {
        using var ca = new TestCertificateAuthority(DateTimeOffset.UtcNow.AddDays(-1), "Chain trust");
        using var signer = ca.IssueSigner(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var result = Verify(signer, anchor: ca.IssuingCa, intermediate: null);

        Assert.Equal(SignatureCheck.Chain, result.FailedCheck);
        Assert.Contains("PartialChain", result.Detail, StringComparison.Ordinal);
    }

    private static SignatureVerificationResult Verify(X509Certificate2 signer, X509Certificate2 anchor, X509Certificate2? intermediate)
    {
        var options = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck };
        options.TrustAnchors.Add(X509CertificateLoader.LoadCertificate(anchor.RawData));
        if (intermediate is not null)
        {
            options.Intermediates.Add(X509CertificateLoader.LoadCertificate(intermediate.RawData));
        }

        return new HashSignatureVerifier(options).Verify(
            HashCode, TestCertificateAuthority.SignHashCode(signer, HashCode), Convert.ToBase64String(signer.RawData), DateTimeOffset.UtcNow);
    }
}
