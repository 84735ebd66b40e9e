using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Tests;

[Trait("Category", "Unit")]
public sealed class PrepareTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Prepare_writes_an_adbe_pkcs7_detached_placeholder_that_is_the_only_unsigned_part()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var pdf = prepared.Bytes.ToArray();
        var text = Encoding.Latin1.GetString(pdf);

        Assert.Equal(0, prepared.ByteRange.FirstOffset);
        Assert.Equal(prepared.PlaceholderOffset, prepared.ByteRange.FirstLength);
        Assert.Equal(prepared.PlaceholderOffset + prepared.PlaceholderLength, prepared.ByteRange.SecondOffset);
        Assert.Equal(pdf.Length, prepared.ByteRange.SecondOffset + prepared.ByteRange.SecondLength);
        Assert.Equal(PdfSignatureOptions.DefaultPlaceholderSize, prepared.PlaceholderCapacity);
        Assert.Equal((byte)'<', pdf[prepared.PlaceholderOffset]);
        Assert.Equal((byte)'>', pdf[prepared.PlaceholderOffset + prepared.PlaceholderLength - 1]);
        Assert.Contains("/Filter/Adobe.PPKLite", text, StringComparison.Ordinal);
        Assert.Contains("/SubFilter/adbe.pkcs7.detached", text, StringComparison.Ordinal);
        Assert.Contains("/ByteRange" + prepared.ByteRange.ToString().TrimEnd(']'), text, StringComparison.Ordinal);
        Assert.Contains("/FT/Sig", text, StringComparison.Ordinal);
        Assert.Contains("/SigFlags 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocDigest_is_the_base64_sha256_of_the_bytes_named_by_the_ByteRange()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var pdf = prepared.Bytes.Span;
        var range = prepared.ByteRange;

        var expected = SHA256.HashData([.. pdf.Slice((int)range.FirstOffset, (int)range.FirstLength), .. pdf.Slice((int)range.SecondOffset, (int)range.SecondLength)]);

        Assert.Equal(Convert.ToBase64String(expected), prepared.DocDigest);
        Assert.Equal(expected, prepared.DocDigestBytes.ToArray());
        Assert.Equal(expected, SHA256.HashData(prepared.GetSignedContent()));
        Assert.True(prepared.MatchesDocDigest(prepared.DocDigest));
        Assert.False(prepared.MatchesDocDigest(Convert.ToBase64String(new byte[32])));
    }

    [Fact]
    public async Task Prepare_writes_the_requested_field_name_texts_and_time()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var options = new PdfSignatureOptions
        {
            FieldName = "iAMSmartSignature",
            SignerName = "Test Signer Alpha",
            Reason = "Invented agreement",
            Location = "Hong Kong",
            ContactInfo = "support@example.invalid",
            PlaceholderSize = 4096,
        };

        var prepared = await new PdfDeferredSigner(clock).PrepareAsync(TestPdfs.CreateUnsigned(), options, Ct);
        var text = Encoding.Latin1.GetString(prepared.Bytes.Span);

        Assert.Contains("/T(iAMSmartSignature)", text, StringComparison.Ordinal);
        Assert.Contains("/Name(Test Signer Alpha)", text, StringComparison.Ordinal);
        Assert.Contains("/Reason(Invented agreement)", text, StringComparison.Ordinal);
        Assert.Contains("/Location(Hong Kong)", text, StringComparison.Ordinal);
        Assert.Contains("/ContactInfo(support@example.invalid)", text, StringComparison.Ordinal);
        Assert.Contains("/M(D:20260304050607+00'00')", text, StringComparison.Ordinal);
        Assert.Equal(4096, prepared.PlaceholderCapacity);
    }

    [Fact]
    public async Task Prepare_picks_a_free_field_name_when_none_is_requested()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateWithTextField("Signature1"), cancellationToken: Ct);

        Assert.Contains("/T(Signature2)", Encoding.Latin1.GetString(prepared.Bytes.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_rejects_a_field_name_already_in_use()
    {
        var input = TestPdfs.CreateWithTextField("CustomerSignature");

        var error = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.PrepareAsync(input, new PdfSignatureOptions { FieldName = "CustomerSignature" }, Ct));

        Assert.Equal(PdfSigningError.FieldNameInUse, error.Reason);
    }

    [Fact]
    public async Task Prepare_leaves_the_input_unchanged()
    {
        var input = TestPdfs.CreateUnsigned();
        var copy = input.ToArray();

        var prepared = await _signer.PrepareAsync(input, cancellationToken: Ct);

        Assert.Equal(copy, input);
        Assert.NotEqual(input.Length, prepared.Bytes.Length);
    }

    [Fact]
    public async Task Prepare_reads_a_read_only_stream_without_writing_or_closing_it()
    {
        var input = TestPdfs.CreateUnsigned();
        using var stream = new MemoryStream(input.ToArray(), writable: false);

        var fromStream = await _signer.PrepareAsync(stream, cancellationToken: Ct);

        Assert.True(stream.CanRead);
        Assert.Equal(input, stream.ToArray());
        Assert.Equal(fromStream.PlaceholderCapacity, (await _signer.PrepareAsync(input, cancellationToken: Ct)).PlaceholderCapacity);
    }

    [Fact]
    public async Task Prepare_rejects_input_that_is_not_a_pdf_and_leaves_it_untouched()
    {
        var input = Encoding.ASCII.GetBytes("This is an invented text file, not a PDF.");
        var copy = input.ToArray();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(input, cancellationToken: Ct));

        Assert.Equal(PdfSigningError.NotPdf, error.Reason);
        Assert.Equal(copy, input);
    }

    [Fact]
    public async Task Prepare_rejects_an_encrypted_pdf_and_leaves_it_untouched()
    {
        var input = TestPdfs.CreateEncrypted();
        var copy = input.ToArray();
        using var stream = new MemoryStream(input, writable: false);

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(stream, cancellationToken: Ct));

        Assert.Equal(PdfSigningError.Encrypted, error.Reason);
        Assert.Contains("encrypted", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(copy, input);
    }

    [Fact]
    public async Task Prepare_rejects_a_pdf_that_cannot_be_parsed()
    {
        var input = Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a PDF body\n%%EOF\n");

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(input, cancellationToken: Ct));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Prepare_rejects_a_prepared_pdf_whose_placeholder_still_waits_for_its_signature()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);

        var again = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(prepared.Bytes, cancellationToken: Ct));

        Assert.Equal(PdfSigningError.AlreadySigned, again.Reason);
        Assert.Contains("empty signature placeholder", again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PdfSignatureOptions.MinimumPlaceholderSize - 1)]
    [InlineData(PdfSignatureOptions.MaximumPlaceholderSize + 1)]
    public async Task Prepare_rejects_a_placeholder_size_out_of_range(int size)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _signer.PrepareAsync(TestPdfs.CreateUnsigned(), new PdfSignatureOptions { PlaceholderSize = size }, Ct));

        Assert.Equal(nameof(PdfSignatureOptions.PlaceholderSize), error.ParamName);
    }

    [Fact]
    public async Task Prepare_observes_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void ByteRange_formats_as_a_pdf_array()
    {
        Assert.Equal("[0 10 30 5]", new PdfByteRange(0, 10, 30, 5).ToString());
        Assert.Equal(15, new PdfByteRange(0, 10, 30, 5).SignedLength);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
