using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Tests;

[Trait("Category", "Unit")]
public sealed class VerifyTests
{
    private readonly PdfDeferredSigner _signer = new();
    private readonly PdfSignatureVerifier _verifier = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestCertificateAuthority Ca => TestCertificateAuthority.Shared;

    private async Task<(PreparedPdf Prepared, byte[] Signed)> SignAsync(Func<PreparedPdf, byte[]>? sign = null)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        return (prepared, _signer.Embed(prepared, (sign ?? (p => TestPdfs.Sign(p)))(prepared)));
    }

    [Fact]
    public async Task A_round_trip_signature_passes_every_check()
    {
        var (prepared, signed) = await SignAsync();

        var result = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Null(result.FirstFailure);
        Assert.Equal(Enum.GetValues<PdfVerificationCheck>(), result.Checks.Select(c => c.Check));
        Assert.All(result.Checks, c => Assert.Equal(PdfCheckStatus.Passed, c.Status));
        Assert.Equal(prepared.DocDigest, result.DocDigest);
        Assert.Equal(Ca.Signer.Thumbprint, result.SignerCertificate?.Thumbprint);
        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
        Assert.InRange(result.SigningTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task An_intermediate_given_as_the_only_trust_anchor_is_treated_as_the_net10_build_treats_it()
    {
        var (_, signed) = await SignAsync();
        var intermediateOnly = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(Ca.IssuingCa.RawData) };

        var result = _verifier.Verify(signed, intermediateOnly, TestCertificateAuthority.NoRevocation);

        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.CertificateChain));
        Assert.Contains("PartialChain", result.FirstFailure?.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_byte_in_the_document_fails_the_digest_check_only()
    {
        var (prepared, signed) = await SignAsync();
        signed[(int)(prepared.ByteRange.FirstLength / 2)] ^= 0x20;

        var result = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.False(result.IsValid);
        Assert.Equal(PdfVerificationCheck.MessageDigest, result.FirstFailure?.Check);
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.MessageDigest));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.ByteRange));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.CmsSignature));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.CertificateChain));
    }

    [Fact]
    public async Task A_changed_document_whose_signer_key_cannot_be_read_fails_the_signature_check_without_throwing()
    {
        // Embed refuses such a CMS, so the hex is written into the placeholder directly, as a hostile file would carry it;
        // then a changed byte sends the verifier down the path that checks the signed attributes alone.
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var cms = TestPdfs.WithUnreadableSignerKey(prepared.GetSignedContent());
        var pdf = prepared.ToArray();
        System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(pdf, (int)prepared.PlaceholderOffset + 1);
        pdf[(int)(prepared.ByteRange.FirstLength / 2)] ^= 0x20;

        var result = _verifier.Verify(pdf, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.False(result.IsValid);
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.MessageDigest));
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.CmsSignature));
    }

    [Fact]
    public async Task A_forged_signature_value_fails_the_signature_check()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var cms = TestPdfs.Sign(prepared);
        var signed = _signer.Embed(prepared, cms);

        // Alter a hex digit inside the RSA signature value, the last 256 bytes of the CMS.
        var digit = (int)prepared.PlaceholderOffset + 1 + ((cms.Length - 10) * 2);
        signed[digit] = signed[digit] == (byte)'0' ? (byte)'1' : (byte)'0';

        var result = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.Equal(PdfVerificationCheck.CmsSignature, result.FirstFailure?.Check);
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.CmsSignature));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.MessageDigest));
    }

    [Fact]
    public async Task A_certificate_from_another_CA_fails_the_chain_check()
    {
        using var otherCa = new TestCertificateAuthority("Other");
        var (_, signed) = await SignAsync(p => TestPdfs.Sign(p, otherCa));

        var result = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.False(result.IsValid);
        Assert.Equal(PdfVerificationCheck.CertificateChain, result.FirstFailure?.Check);
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.CmsSignature));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.MessageDigest));
        Assert.True(_verifier.Verify(signed, otherCa.TrustAnchors, TestCertificateAuthority.NoRevocation).IsValid);
    }

    [Fact]
    public async Task An_expired_signer_certificate_fails_the_validity_check()
    {
        var now = DateTimeOffset.UtcNow;
        using var expired = Ca.IssueSigner("Test Signer Expired", now.AddDays(-60), now.AddDays(-30));
        var (_, signed) = await SignAsync(p => TestPdfs.Sign(p, signer: expired));

        var result = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.False(result.IsValid);
        Assert.Equal(PdfVerificationCheck.CertificateValidity, result.FirstFailure?.Check);
        Assert.Contains("signer certificate", result.FirstFailure?.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Test Signer Expired", result.FirstFailure?.Detail, StringComparison.Ordinal);
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.CertificateChain));
    }

    [Fact]
    public async Task Without_a_signing_time_the_verifier_clock_decides_validity()
    {
        var (_, signed) = await SignAsync(p => TestPdfs.SignDetached(p.GetSignedContent(), Ca.Signer, Ca.IssuingCa, signingTime: null));

        var whileValid = new PdfSignatureVerifier(new FixedTimeProvider(DateTimeOffset.UtcNow)).Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);
        var afterExpiry = new PdfSignatureVerifier(new FixedTimeProvider(DateTimeOffset.UtcNow.AddYears(2))).Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.True(whileValid.IsValid, whileValid.FirstFailure?.Detail);
        Assert.Equal(PdfSigningTimeSource.VerificationTime, whileValid.SigningTimeSource);
        Assert.Equal(PdfCheckStatus.Failed, afterExpiry.StatusOf(PdfVerificationCheck.CertificateValidity));
    }

    [Fact]
    public async Task Bytes_appended_after_signing_fail_the_ByteRange_check()
    {
        var (_, signed) = await SignAsync();

        var result = _verifier.Verify([.. signed, .. "\n% appended\n"u8], Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.Equal(PdfVerificationCheck.ByteRange, result.FirstFailure?.Check);
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.ByteRange));
        Assert.Equal(PdfCheckStatus.Passed, result.StatusOf(PdfVerificationCheck.MessageDigest));
    }

    [Fact]
    public async Task A_prepared_but_unsigned_pdf_fails_the_signature_check()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);

        var result = _verifier.Verify(prepared.Bytes.Span, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.Equal(PdfVerificationCheck.CmsSignature, result.FirstFailure?.Check);
        Assert.Contains("never embedded", result.FirstFailure?.Detail, StringComparison.Ordinal);
        Assert.Equal(PdfCheckStatus.NotChecked, result.StatusOf(PdfVerificationCheck.CertificateChain));
    }

    [Fact]
    public void Input_that_is_not_a_pdf_fails_the_first_check_and_skips_the_rest()
    {
        var result = _verifier.Verify("not a pdf"u8, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.False(result.IsValid);
        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.ByteRange));
        Assert.All(result.Checks.Skip(1), c => Assert.Equal(PdfCheckStatus.NotChecked, c.Status));
    }

    [Fact]
    public async Task No_trust_anchors_means_no_trusted_chain()
    {
        var (_, signed) = await SignAsync();

        var result = _verifier.Verify(signed, [], TestCertificateAuthority.NoRevocation);

        Assert.Equal(PdfCheckStatus.Failed, result.StatusOf(PdfVerificationCheck.CertificateChain));
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Revocation_mode_is_a_required_choice_with_no_default()
    {
        var property = typeof(PdfVerificationOptions).GetProperty(nameof(PdfVerificationOptions.RevocationMode))!;

        // By name, as the compiler recognises it: the netstandard2.0 build carries its own internal copy of the attribute.
        Assert.Contains(property.GetCustomAttributes(inherit: false), a => a.GetType().FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute");
        Assert.Throws<ArgumentNullException>(() => _verifier.Verify(TestPdfs.CreateUnsigned(), Ca.TrustAnchors, null!));
    }

    [Fact]
    public async Task An_intermediate_missing_from_the_cms_can_be_supplied_in_the_options()
    {
        var (_, signed) = await SignAsync(p => TestPdfs.SignDetached(p.GetSignedContent(), Ca.Signer, issuingCa: null, DateTimeOffset.UtcNow));
        var options = TestCertificateAuthority.NoRevocation;
        options.AdditionalCertificates.Add(Ca.IssuingCa);

        var without = _verifier.Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);
        var with = _verifier.Verify(signed, Ca.TrustAnchors, options);

        Assert.Equal(PdfCheckStatus.Failed, without.StatusOf(PdfVerificationCheck.CertificateChain));
        Assert.True(with.IsValid, with.FirstFailure?.Detail);
    }

    [Fact]
    public async Task VerifyAll_checks_every_signature_and_its_last_result_is_Verify()
    {
        var twice = await SignTwiceAsync();

        var all = _verifier.VerifyAll(twice, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);
        var last = _verifier.Verify(twice, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.True(r.IsValid, r.FirstFailure?.Detail));
        Assert.Equal(last.DocDigest, all[^1].DocDigest);
        Assert.Equal(last.Checks.Select(c => (c.Check, c.Status)), all[^1].Checks.Select(c => (c.Check, c.Status)));
    }

    [Fact]
    public async Task A_change_to_the_first_revision_fails_both_signatures()
    {
        var twice = await SignTwiceAsync();

        // Inside the page content of the original file, covered by both signatures.
        var index = System.Text.Encoding.Latin1.GetString(twice).IndexOf("50 672 300 120 re", StringComparison.Ordinal);
        twice[index] = (byte)'9';
        var all = _verifier.VerifyAll(twice, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.All(all, r => Assert.Equal(PdfVerificationCheck.MessageDigest, r.FirstFailure?.Check));
    }

    [Fact]
    public async Task Bytes_appended_after_the_second_signature_fail_only_the_last_result()
    {
        var twice = await SignTwiceAsync();

        var all = _verifier.VerifyAll([.. twice, .. "\n% appended\n"u8], Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.True(all[0].IsValid, all[0].FirstFailure?.Detail);
        Assert.Equal(PdfVerificationCheck.ByteRange, all[1].FirstFailure?.Check);
    }

    [Fact]
    public void VerifyAll_on_a_pdf_without_signatures_gives_one_failed_result()
    {
        var all = _verifier.VerifyAll(TestPdfs.CreateUnsigned(), Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);

        var only = Assert.Single(all);
        Assert.False(only.IsValid);
        Assert.Equal(PdfVerificationCheck.ByteRange, only.FirstFailure?.Check);
        Assert.False(Assert.Single(_verifier.VerifyAll("not a pdf"u8, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation)).IsValid);
    }

    private async Task<byte[]> SignTwiceAsync()
    {
        var (_, once) = await SignAsync();
        var second = await _signer.PrepareAsync(once, cancellationToken: Ct);
        return _signer.Embed(second, TestPdfs.Sign(second));
    }
}
