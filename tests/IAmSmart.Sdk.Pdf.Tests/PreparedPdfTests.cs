using System.Text;

namespace IAmSmart.Sdk.Pdf.Tests;

[Trait("Category", "Unit")]
public sealed class PreparedPdfTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Load_from_stored_bytes_gives_the_same_digest_and_placeholder()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var stored = prepared.ToArray();

        var reloaded = PreparedPdf.Load(stored);
        using var stream = new MemoryStream(stored);
        var reloadedFromStream = await PreparedPdf.LoadAsync(stream, Ct);

        Assert.Equal(prepared.DocDigest, reloaded.DocDigest);
        Assert.Equal(prepared.DocDigestBytes.ToArray(), reloaded.DocDigestBytes.ToArray());
        Assert.Equal(prepared.ByteRange, reloaded.ByteRange);
        Assert.Equal(prepared.PlaceholderOffset, reloaded.PlaceholderOffset);
        Assert.Equal(prepared.PlaceholderCapacity, reloaded.PlaceholderCapacity);
        Assert.Equal(prepared.DocDigest, reloadedFromStream.DocDigest);
    }

    [Fact]
    public async Task A_signature_requested_by_one_instance_embeds_into_the_pdf_reloaded_by_another()
    {
        var stored = (await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct)).ToArray();
        var cms = TestPdfs.Sign(PreparedPdf.Load(stored));

        var signed = new PdfDeferredSigner().Embed(PreparedPdf.Load(stored), cms);

        Assert.True(new PdfSignatureVerifier().Verify(signed, TestCertificateAuthority.Shared.TrustAnchors, TestCertificateAuthority.NoRevocation).IsValid);
    }

    [Fact]
    public void Load_rejects_bytes_that_are_not_a_pdf()
    {
        var error = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load("not a pdf"u8));

        Assert.Equal(PdfSigningError.NotPdf, error.Reason);
    }

    [Fact]
    public void Load_rejects_a_pdf_without_placeholder()
    {
        var error = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load(TestPdfs.CreateUnsigned()));

        Assert.Equal(PdfSigningError.PlaceholderNotFound, error.Reason);
    }

    [Fact]
    public async Task Load_rejects_a_prepared_pdf_with_bytes_appended()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);

        var error = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load([.. prepared.Bytes.Span, .. "\n% appended\n"u8]));

        Assert.Equal(PdfSigningError.PlaceholderNotFound, error.Reason);
        Assert.Contains("does not cover the whole file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_rejects_a_prepared_pdf_whose_ByteRange_was_edited()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var bytes = prepared.ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        var rangeText = prepared.ByteRange.ToString();
        var index = text.IndexOf(rangeText.TrimEnd(']'), StringComparison.Ordinal);
        var shifted = new PdfByteRange(0, prepared.ByteRange.FirstLength - 1, prepared.ByteRange.SecondOffset, prepared.ByteRange.SecondLength).ToString();
        Encoding.ASCII.GetBytes(shifted.TrimEnd(']') + " ", bytes.AsSpan(index));

        var error = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load(bytes));

        Assert.Equal(PdfSigningError.PlaceholderNotFound, error.Reason);
    }

    [Fact]
    public async Task Load_rejects_a_signed_pdf()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var signed = _signer.Embed(prepared, TestPdfs.Sign(prepared));

        var error = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load(signed));

        Assert.Equal(PdfSigningError.PlaceholderAlreadyFilled, error.Reason);
    }
}
