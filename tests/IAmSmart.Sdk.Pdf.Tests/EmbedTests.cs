using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Tests;

[Trait("Category", "Unit")]
public sealed class EmbedTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<PreparedPdf> PrepareAsync(int placeholderSize = PdfSignatureOptions.DefaultPlaceholderSize) =>
        _signer.PrepareAsync(TestPdfs.CreateUnsigned(), new PdfSignatureOptions { PlaceholderSize = placeholderSize }, Ct);

    [Fact]
    public async Task Embed_writes_the_cms_as_hex_into_the_placeholder_and_changes_no_other_byte()
    {
        var prepared = await PrepareAsync();
        var before = prepared.ToArray();
        var cms = TestPdfs.Sign(prepared);

        var signed = _signer.Embed(prepared, cms);

        Assert.Equal(before.Length, signed.Length);
        var start = (int)prepared.PlaceholderOffset;
        var end = start + prepared.PlaceholderLength;
        Assert.True(before.AsSpan(0, start).SequenceEqual(signed.AsSpan(0, start)), "bytes before /Contents changed");
        Assert.True(before.AsSpan(end).SequenceEqual(signed.AsSpan(end)), "bytes after /Contents changed");
        var hex = System.Text.Encoding.ASCII.GetString(signed, start + 1, prepared.PlaceholderLength - 2);
        Assert.StartsWith(Convert.ToHexString(cms), hex, StringComparison.Ordinal);
        Assert.Matches("^0*$", hex[(cms.Length * 2)..]);
        Assert.Equal(before, prepared.ToArray());
    }

    [Fact]
    public async Task EmbedBase64_accepts_the_callback_pdfSignature()
    {
        var prepared = await PrepareAsync();
        var cms = TestPdfs.Sign(prepared);

        Assert.Equal(_signer.Embed(prepared, cms), _signer.EmbedBase64(prepared, Convert.ToBase64String(cms)));
    }

    [Fact]
    public async Task EmbedBase64_rejects_invalid_base64()
    {
        var prepared = await PrepareAsync();

        var error = Assert.Throws<PdfSigningException>(() => _signer.EmbedBase64(prepared, "not*base64"));

        Assert.Equal(PdfSigningError.InvalidBase64, error.Reason);
    }

    [Fact]
    public async Task Embed_rejects_a_signature_over_another_digest_before_writing()
    {
        var prepared = await PrepareAsync();
        var before = prepared.ToArray();
        var ca = TestCertificateAuthority.Shared;
        var otherContent = prepared.GetSignedContent();
        otherContent[^1] ^= 0x01;
        var cms = TestPdfs.SignDetached(otherContent, ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow);

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms));

        Assert.Equal(PdfSigningError.DigestMismatch, error.Reason);
        Assert.Contains(prepared.DocDigest, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, prepared.ToArray());
    }

    [Fact]
    public async Task Embed_rejects_a_signature_larger_than_the_placeholder()
    {
        var prepared = await PrepareAsync(PdfSignatureOptions.MinimumPlaceholderSize);
        var ca = TestCertificateAuthority.Shared;

        // Signer and issuing CA certificates alone exceed 1 KiB.
        var cms = TestPdfs.SignDetached(prepared.GetSignedContent(), ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow);

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms));

        Assert.True(cms.Length > prepared.PlaceholderCapacity);
        Assert.Equal(PdfSigningError.SignatureTooLarge, error.Reason);
        Assert.Contains("PlaceholderSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })]
    [InlineData(new byte[] { 0x01, 0x02, 0x03, 0x04 })]
    public async Task Embed_rejects_bytes_that_are_not_a_cms(byte[] notCms)
    {
        var prepared = await PrepareAsync();

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, notCms));

        Assert.Equal(PdfSigningError.NotCms, error.Reason);
    }

    [Fact]
    public async Task Embed_rejects_a_cms_without_the_signer_certificate()
    {
        var prepared = await PrepareAsync();
        var ca = TestCertificateAuthority.Shared;
        var cms = TestPdfs.SignDetached(prepared.GetSignedContent(), ca.Signer, null, DateTimeOffset.UtcNow, X509IncludeOption.None);

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms));

        Assert.Equal(PdfSigningError.InvalidSignatureContainer, error.Reason);
        Assert.Contains("certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_rejects_a_cms_that_encapsulates_its_content()
    {
        var prepared = await PrepareAsync();
        var ca = TestCertificateAuthority.Shared;
        var cms = TestPdfs.SignDetached(prepared.GetSignedContent(), ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow, detached: false);

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms));

        Assert.Equal(PdfSigningError.InvalidSignatureContainer, error.Reason);
        Assert.Contains("detached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_rejects_a_cms_whose_signature_value_was_altered()
    {
        var prepared = await PrepareAsync();
        var cms = TestPdfs.Sign(prepared);

        // The RSA signature value is the last 256 bytes of this CMS (no unsigned attributes follow it).
        cms[^10] ^= 0xFF;

        var error = Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms));

        Assert.Equal(PdfSigningError.InvalidSignature, error.Reason);
    }
}
