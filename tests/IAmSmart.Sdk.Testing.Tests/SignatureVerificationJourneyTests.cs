using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// Verification trusts only the configured roots and the hash the e-service sent: a genuine simulator signature passes;
/// a tampered one, one from another CA, one with an expired certificate, or one over another hash does not.
/// </summary>
public sealed class SignatureVerificationJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SigningSim Sim, HashSigningResult Result, string HashCode)> SignedAsync()
    {
        var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.OliverBrightwater);
        var hashCode = SigningWithLoginJourneyTests.HashOf("Invented mortgage deed");
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        await s.Client.Signing.InitiateHashSigningAsync(SigningWithLoginJourneyTests.HashRequest(token, operation, hashCode), Ct);
        await s.DeliverAsync();
        var outcome = await s.Client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);
        return (s, outcome.Result!, hashCode);
    }

    [Fact]
    public async Task Genuine_signature_verifies_and_the_certificate_chains_to_the_simulator_root()
    {
        var (s, result, hashCode) = await SignedAsync();
        using (s)
        {
            Assert.True(s.Client.Signing.Verify(result, hashCode, s.TrustSimulatorRoot()).IsValid);
            Assert.True(s.Client.Signing.Verify(result, s.TrustSimulatorRoot()).IsValid);
            using var cert = result.LoadCertificate();
            Assert.Equal(s.Simulator.CertificateAuthority.IssuingCertificate.Subject, cert.Issuer);
            Assert.Contains(SimulatorPersonas.OliverBrightwater.Id, cert.Subject, StringComparison.Ordinal); // the certificate names the signer…
            Assert.DoesNotContain(SimulatorPersonas.OliverBrightwater.Id, result.ToString(), StringComparison.Ordinal); // …which ToString never shows
            Assert.DoesNotContain(result.Signature[..16], result.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tampered_signature_fails_the_signature_check()
    {
        var (s, result, hashCode) = await SignedAsync();
        using (s)
        {
            var signature = result.GetSignatureBytes();
            signature[^1] ^= 0x01;
            var tampered = new HashSigningResult(result.HashCode, result.Timestamp, Convert.ToBase64String(signature), result.Certificate);

            Assert.Equal(SignatureCheck.Signature, s.Client.Signing.Verify(tampered, hashCode, s.TrustSimulatorRoot()).FailedCheck);
        }
    }

    [Fact]
    public async Task Signature_over_another_hash_fails_the_hash_check()
    {
        var (s, result, _) = await SignedAsync();
        using (s)
        {
            var verification = s.Client.Signing.Verify(result, SigningWithLoginJourneyTests.HashOf("The document the e-service meant"), s.TrustSimulatorRoot());

            Assert.Equal(SignatureCheck.HashCode, verification.FailedCheck);
        }
    }

    [Fact]
    public async Task Genuine_signature_checked_against_other_roots_fails_the_chain_check()
    {
        var (s, result, hashCode) = await SignedAsync();
        using (s)
        using (var other = new TestCertificateAuthority(s.Sim.Clock.GetUtcNow().AddYears(-1)))
        {
            var options = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck, TimeProvider = s.Sim.Clock };
            options.TrustAnchors.Add(other.Root);

            Assert.Equal(SignatureCheck.Chain, s.Client.Signing.Verify(result, hashCode, options).FailedCheck);
        }
    }

    [Fact]
    public void Certificate_from_another_CA_fails_the_chain_check_even_when_the_signature_matches_it()
    {
        using var s = new SigningSim();
        using var other = new TestCertificateAuthority(s.Sim.Clock.GetUtcNow().AddYears(-1));
        using var signer = other.IssueSigner(s.Sim.Clock.GetUtcNow().AddDays(-1), s.Sim.Clock.GetUtcNow().AddYears(1));
        var hashCode = SigningWithLoginJourneyTests.HashOf("Invented mortgage deed");
        var forged = new HashSigningResult(
            hashCode, s.Sim.Clock.GetUtcNow(), TestCertificateAuthority.SignHashCode(signer, hashCode), Convert.ToBase64String(signer.RawData));

        Assert.Equal(SignatureCheck.Chain, s.Client.Signing.Verify(forged, hashCode, s.TrustSimulatorRoot()).FailedCheck);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Expired_certificate_fails_the_validity_check_and_a_backdated_result_fails_the_chain_check_now()
    {
        using var s = new SigningSim();
        var now = s.Sim.Clock.GetUtcNow();
        using var ca = new TestCertificateAuthority(now.AddYears(-3));
        using var expired = ca.IssueSigner(now.AddYears(-2), now.AddDays(-1));
        var hashCode = SigningWithLoginJourneyTests.HashOf("Invented mortgage deed");
        var result = new HashSigningResult(hashCode, now, TestCertificateAuthority.SignHashCode(expired, hashCode), Convert.ToBase64String(expired.RawData));
        var options = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck, TimeProvider = s.Sim.Clock };
        options.TrustAnchors.Add(ca.Root);
        options.Intermediates.Add(ca.IssuingCa);

        var verification = s.Client.Signing.Verify(result, hashCode, options);

        Assert.Equal(SignatureCheck.Validity, verification.FailedCheck);

        // A result backdated into the certificate's validity still fails: the chain is checked now, not at the
        // callback's own timestamp, which whoever built the callback chose.
        var backdated = new HashSigningResult(hashCode, now.AddYears(-1), result.Signature, result.Certificate);
        var backdatedVerification = s.Client.Signing.Verify(backdated, hashCode, options);
        Assert.Equal(SignatureCheck.Chain, backdatedVerification.FailedCheck);
        Assert.Contains("NotTimeValid", backdatedVerification.Detail, StringComparison.Ordinal);

        // Re-verifying an archived result as of a date the verifier trusts is a deliberate choice of clock.
        options.TimeProvider = new FakeTimeProvider(now.AddYears(-1));
        Assert.True(s.Client.Signing.Verify(backdated, hashCode, options).IsValid);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Revocation_mode_is_a_required_choice_with_no_default()
    {
        var property = typeof(SignatureVerificationOptions).GetProperty(nameof(SignatureVerificationOptions.RevocationMode))!;

        Assert.True(property.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute), inherit: false));
        Assert.True(typeof(SignatureVerificationOptions).IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute), inherit: false));
    }

    [Fact]
    public async Task Without_configured_trust_anchors_nothing_verifies()
    {
        var (s, result, hashCode) = await SignedAsync();
        using (s)
        {
            var verification = s.Client.Signing.Verify(result, hashCode, new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck });

            Assert.Equal(SignatureCheck.Chain, verification.FailedCheck);
            Assert.Contains("TrustAnchors", verification.Detail, StringComparison.Ordinal);
        }
    }
}
