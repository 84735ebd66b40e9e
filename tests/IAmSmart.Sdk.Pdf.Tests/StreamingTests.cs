using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// The stream overloads: the same bytes and results as the byte-array APIs, whatever the stream (partial reads,
/// non-seekable, not at position 0), cancellation honoured, and typed errors before anything is written.
/// </summary>
[Trait("Category", "Unit")]
public sealed class StreamingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly PdfDeferredSigner _signer = new(new FixedTimeProvider(Now));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TestPdfLayout> Layouts => [.. TestPdfs.Layouts];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task PrepareAsync_stream_to_stream_writes_the_bytes_of_the_byte_array_api(TestPdfLayout layout)
    {
        var pdf = TestPdfs.CreateComplex(layout);
        var expected = await _signer.PrepareAsync(pdf, null, Ct);
        using var output = new MemoryStream();

        var preparation = await _signer.PrepareAsync(new MemoryStream(pdf), output, null, Ct);

        Assert.Equal(expected.ToArray(), output.ToArray());
        Assert.Equal(expected.DocDigest, preparation.DocDigest);
        Assert.Equal(expected.DocDigestBytes.ToArray(), preparation.DocDigestBytes.ToArray());
        Assert.Equal(expected.ByteRange, preparation.ByteRange);
        Assert.Equal(expected.PlaceholderOffset, preparation.PlaceholderOffset);
        Assert.Equal(expected.PlaceholderLength, preparation.PlaceholderLength);
        Assert.Equal(expected.PlaceholderCapacity, preparation.PlaceholderCapacity);
        Assert.Equal(output.Length, preparation.Length);
        Assert.True(preparation.MatchesDocDigest(expected.DocDigest));
        Assert.False(preparation.MatchesDocDigest(null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrepareAsync_stream_to_stream_accepts_partial_reads_and_non_seekable_input(bool seekable)
    {
        var pdf = TestPdfs.CreateUnsigned();
        var expected = await _signer.PrepareAsync(pdf, null, Ct);
        using var output = new MemoryStream();

        var preparation = await _signer.PrepareAsync(new TrickleStream(pdf, seekable), output, null, Ct);

        Assert.Equal(expected.ToArray(), output.ToArray());
        Assert.Equal(expected.DocDigest, preparation.DocDigest);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PrepareAsync_stream_to_stream_never_reads_a_seekable_stream_of_unknown_kind_synchronously(bool lengthIsWhatIsBufferedSoFar)
    {
        // As ASP.NET Core's request body after EnableBuffering() with AllowSynchronousIO off: seekable, every synchronous
        // read throws, and its Length is only what has been buffered so far.
        var pdf = TestPdfs.CreateComplex(TestPdfLayout.XrefStream);
        var expected = await _signer.PrepareAsync(pdf, null, Ct);
        using var input = new AsyncOnlyStream(pdf, claimedLength: lengthIsWhatIsBufferedSoFar ? 0 : null);
        using var output = new MemoryStream();

        var preparation = await _signer.PrepareAsync(input, output, null, Ct);

        Assert.Equal(expected.ToArray(), output.ToArray());
        Assert.Equal(expected.DocDigest, preparation.DocDigest);
    }

    [Fact]
    public async Task The_other_stream_apis_never_read_a_seekable_stream_of_unknown_kind_synchronously()
    {
        var pdf = TestPdfs.CreateUnsigned();
        var expected = await _signer.PrepareAsync(pdf, null, Ct);
        var signature = TestPdfs.Sign(expected);
        using var signedOutput = new MemoryStream();

        var prepared = await _signer.PrepareAsync(new AsyncOnlyStream(pdf), null, Ct);
        var loaded = await PreparedPdf.LoadAsync(new AsyncOnlyStream(expected.ToArray()), Ct);
        await _signer.EmbedAsync(new AsyncOnlyStream(expected.ToArray()), signedOutput, signature, Ct);

        Assert.Equal(expected.ToArray(), prepared.ToArray());
        Assert.Equal(expected.ToArray(), loaded.ToArray());
        Assert.Equal(_signer.Embed(expected, signature), signedOutput.ToArray());
    }

    [Fact]
    public async Task PrepareAsync_stream_to_stream_appends_at_the_output_position_and_reads_from_the_input_position()
    {
        var pdf = TestPdfs.CreateUnsigned();
        var expected = await _signer.PrepareAsync(pdf, null, Ct);
        using var input = new MemoryStream([.. "junk"u8, .. pdf]) { Position = 4 };
        using var output = new MemoryStream();
        output.Write("kept"u8);

        await _signer.PrepareAsync(input, output, null, Ct);

        Assert.Equal([.. "kept"u8, .. expected.ToArray()], output.ToArray());
    }

    [Theory]
    [InlineData(true, PdfSignatureOptions.DefaultPlaceholderSize)]
    [InlineData(false, PdfSignatureOptions.DefaultPlaceholderSize)]
    [InlineData(true, PdfSignatureOptions.MaximumPlaceholderSize)]
    [InlineData(false, PdfSignatureOptions.MaximumPlaceholderSize)]
    public async Task PrepareAsync_of_a_stream_matches_the_byte_array_api(bool seekable, int placeholderSize)
    {
        // Seekable: completed in the spare bytes of the array read into; non-seekable with the largest placeholder:
        // the doubling buffer has too little room left, and the prepared PDF is built in a new array instead.
        var pdf = TestPdfs.CreateComplex(TestPdfLayout.XrefStream);
        var options = new PdfSignatureOptions { PlaceholderSize = placeholderSize };
        var expected = await _signer.PrepareAsync(pdf, options, Ct);

        var prepared = await _signer.PrepareAsync(new TrickleStream(pdf, seekable), options, Ct);

        Assert.Equal(expected.ToArray(), prepared.ToArray());
        Assert.Equal(expected.DocDigest, prepared.DocDigest);
    }

    [Fact]
    public async Task PrepareAsync_of_a_stream_reads_one_longer_than_its_length_claims()
    {
        var pdf = TestPdfs.CreateUnsigned();
        var expected = await _signer.PrepareAsync(pdf, null, Ct);

        var prepared = await _signer.PrepareAsync(new TrickleStream(pdf, seekable: true, claimedLength: pdf.Length / 2), null, Ct);

        Assert.Equal(expected.ToArray(), prepared.ToArray());
    }

    [Fact]
    public async Task PrepareAsync_stream_to_stream_rejects_a_non_pdf_with_the_typed_error_and_writes_nothing()
    {
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.PrepareAsync(new MemoryStream("not a pdf at all"u8.ToArray()), output, null, Ct));

        Assert.Equal(PdfSigningError.NotPdf, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task PrepareAsync_stream_to_stream_rejects_an_encrypted_pdf_and_writes_nothing()
    {
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.PrepareAsync(new MemoryStream(TestPdfs.CreateEncrypted()), output, null, Ct));

        Assert.Equal(PdfSigningError.Encrypted, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task PrepareAsync_stream_to_stream_rejects_unusable_streams()
    {
        using var readable = new MemoryStream(TestPdfs.CreateUnsigned());
        using var readOnly = new MemoryStream(new byte[16], writable: false);

        await Assert.ThrowsAsync<ArgumentException>("output", () => _signer.PrepareAsync(readable, readOnly, null, Ct));
        await Assert.ThrowsAsync<ArgumentException>("pdf", () => _signer.PrepareAsync(new TrickleStream([], seekable: false, readable: false), new MemoryStream(), null, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>("output", () => _signer.PrepareAsync(readable, null!, null, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _signer.PrepareAsync(readable, new MemoryStream(), new PdfSignatureOptions { PlaceholderSize = 1 }, Ct));
    }

    [Fact]
    public async Task PrepareAsync_stream_to_stream_honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var output = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _signer.PrepareAsync(new MemoryStream(TestPdfs.CreateUnsigned()), output, null, cancelled.Token));
        Assert.Equal(0, output.Length);

        // Cancelled while reading the input: nothing has been written yet either.
        using var whileReading = new CancellationTokenSource();
        var input = new TrickleStream(TestPdfs.CreateUnsigned(), seekable: false) { OnRead = whileReading.Cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signer.PrepareAsync(input, output, null, whileReading.Token));
        Assert.Equal(0, output.Length);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task EmbedAsync_stream_to_stream_writes_the_bytes_of_Embed(TestPdfLayout layout)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateComplex(layout), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        var expected = _signer.Embed(prepared, cms);
        using var output = new MemoryStream();

        await _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, cms, Ct);

        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_accepts_partial_reads_and_a_stream_not_at_its_start()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        var expected = _signer.Embed(prepared, cms);
        var input = new TrickleStream([.. "stored header"u8, .. prepared.ToArray()], seekable: true) { Position = 13 };
        using var output = new MemoryStream();

        await _signer.EmbedAsync(input, output, cms, Ct);

        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_finds_the_largest_placeholder_beyond_the_first_tail_read()
    {
        var options = new PdfSignatureOptions { PlaceholderSize = PdfSignatureOptions.MaximumPlaceholderSize };
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), options, Ct);
        var cms = TestPdfs.Sign(prepared);
        using var output = new MemoryStream();

        await _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, cms, Ct);

        Assert.Equal(_signer.Embed(prepared, cms), output.ToArray());
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_of_the_stream_prepare_output_verifies()
    {
        using var preparedStream = new MemoryStream();
        var preparation = await _signer.PrepareAsync(new MemoryStream(TestPdfs.CreateUnsigned()), preparedStream, null, Ct);
        var prepared = PreparedPdf.Load(preparedStream.ToArray());
        var cms = TestPdfs.Sign(prepared);
        preparedStream.Position = 0;
        using var output = new MemoryStream();

        await _signer.EmbedAsync(preparedStream, output, cms, Ct);

        Assert.Equal(preparation.DocDigest, prepared.DocDigest);
        var result = new PdfSignatureVerifier().Verify(output.ToArray(), TestCertificateAuthority.Shared.TrustAnchors, TestCertificateAuthority.NoRevocation);
        Assert.True(result.IsValid, result.FirstFailure?.Detail);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_requires_a_seekable_input()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<ArgumentException>("preparedPdf", () =>
            _signer.EmbedAsync(new TrickleStream(prepared.ToArray(), seekable: false), output, TestPdfs.Sign(prepared), Ct));

        Assert.Contains("seekable", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_rejects_a_signature_over_another_digest_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var otherContent = prepared.GetSignedContent();
        otherContent[^1] ^= 0x01;
        var ca = TestCertificateAuthority.Shared;
        var cms = TestPdfs.SignDetached(otherContent, ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow);
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, cms, Ct));

        Assert.Equal(PdfSigningError.DigestMismatch, error.Reason);
        Assert.Contains(prepared.DocDigest, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_rejects_an_altered_signature_value_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        cms[^10] ^= 0xFF;
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, cms, Ct));

        Assert.Equal(PdfSigningError.InvalidSignature, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_gives_the_Load_errors_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        var signed = _signer.Embed(prepared, cms);
        var cases = new (byte[] Input, PdfSigningError Reason)[]
        {
            ("not a pdf"u8.ToArray(), PdfSigningError.NotPdf),
            (TestPdfs.CreateUnsigned(), PdfSigningError.PlaceholderNotFound),
            ([.. prepared.ToArray(), .. "% appended\n"u8], PdfSigningError.PlaceholderNotFound),
            (signed, PdfSigningError.PlaceholderAlreadyFilled),
        };

        foreach (var (input, reason) in cases)
        {
            using var output = new MemoryStream();
            var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(new MemoryStream(input), output, cms, Ct));
            var loadError = Assert.Throws<PdfSigningException>(() => PreparedPdf.Load(input));

            Assert.Equal(reason, error.Reason);
            Assert.Equal(loadError.Reason, error.Reason);
            Assert.Equal(0, output.Length);
        }
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_rejects_bytes_that_are_not_a_cms_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, new byte[] { 1, 2, 3, 4 }, Ct));

        Assert.Equal(PdfSigningError.NotCms, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_honours_cancellation_before_writing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        using var cancellation = new CancellationTokenSource();
        var input = new TrickleStream(prepared.ToArray(), seekable: true) { OnRead = cancellation.Cancel };
        using var output = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signer.EmbedAsync(input, output, cms, cancellation.Token));

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_of_a_prepared_pdf_writes_the_bytes_of_Embed()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        using var output = new MemoryStream();

        await _signer.EmbedAsync(prepared, cms, output, Ct);

        Assert.Equal(_signer.Embed(prepared, cms), output.ToArray());
    }

    [Fact]
    public async Task EmbedAsync_of_a_prepared_pdf_rejects_with_the_typed_error_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.Sign(prepared);
        cms[^10] ^= 0xFF;
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(prepared, cms, output, Ct));

        Assert.Equal(PdfSigningError.InvalidSignature, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_of_a_prepared_pdf_honours_cancellation()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var output = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signer.EmbedAsync(prepared, TestPdfs.Sign(prepared), output, cancelled.Token));

        Assert.Equal(0, output.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_accepts_partial_reads_and_non_seekable_streams(bool seekable)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);

        var loaded = await PreparedPdf.LoadAsync(new TrickleStream(prepared.ToArray(), seekable), Ct);

        Assert.Equal(prepared.ToArray(), loaded.ToArray());
        Assert.Equal(prepared.DocDigest, loaded.DocDigest);
    }

    [Fact]
    public async Task LoadAsync_honours_cancellation()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        using var cancellation = new CancellationTokenSource();
        var input = new TrickleStream(prepared.ToArray(), seekable: false) { OnRead = cancellation.Cancel };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PreparedPdf.LoadAsync(input, cancellation.Token));
    }

    [Fact]
    public async Task WriteToAsync_writes_the_prepared_bytes()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        using var output = new MemoryStream();

        await prepared.WriteToAsync(output, Ct);

        Assert.Equal(prepared.ToArray(), output.ToArray());
    }

    [Fact]
    public async Task PrepareAsync_does_not_change_the_callers_bytes()
    {
        var pdf = TestPdfs.CreateComplex(TestPdfLayout.Hybrid);
        var copy = pdf.ToArray();

        var prepared = await _signer.PrepareAsync(pdf, null, Ct);
        prepared.Bytes.Span.ToArray()[0] ^= 0xFF;

        Assert.Equal(copy, pdf);
        Assert.NotSame(pdf, System.Runtime.InteropServices.MemoryMarshal.TryGetArray(prepared.Bytes, out var segment) ? segment.Array : null);
    }

    [Fact]
    public async Task The_quick_signature_check_decides_for_an_iAM_Smart_style_signature()
    {
        // Embed skips re-hashing the document only when this check alone proves the signature; for the RSA / SHA-256
        // signatures iAM Smart returns it must, or large documents would be read twice more.
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var encoded = TestPdfs.Sign(prepared);
        var cms = new SignedCms();
        cms.Decode(encoded);
        var signer = cms.SignerInfos[0];

        Assert.True(CmsSignature.HasSingleMessageDigestAndDataContentType(cms, signer));
        Assert.True(CmsSignature.VerifySignedAttributes(encoded, signer, signer.Certificate!));
    }

    /// <summary>
    /// The order of the errors when a CMS has more than one fault, pinned on all three embed APIs: the checks that do
    /// not depend on the document run while the stream overload hashes, but their outcome is taken in the same order.
    /// </summary>
    [Fact]
    public async Task Every_embed_api_reports_a_digest_mismatch_before_a_bad_signature_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var otherContent = prepared.GetSignedContent();
        otherContent[^1] ^= 0x01;
        var ca = TestCertificateAuthority.Shared;
        var cms = TestPdfs.SignDetached(otherContent, ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow);
        cms[^10] ^= 0xFF;
        var forOtherContent = new SignedCms(new ContentInfo(otherContent), detached: true);
        forOtherContent.Decode(cms);
        Assert.ThrowsAny<CryptographicException>(() => forOtherContent.CheckSignature(verifySignatureOnly: true));
        await AssertEveryEmbedApiRefusesAsync(prepared, cms, PdfSigningError.DigestMismatch);
    }

    [Fact]
    public async Task Every_embed_api_reports_a_digest_mismatch_before_an_unreadable_signer_key_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var otherContent = prepared.GetSignedContent();
        otherContent[^1] ^= 0x01;
        var cms = TestPdfs.WithUnreadableSignerKey(otherContent);
        await AssertEveryEmbedApiRefusesAsync(prepared, cms, PdfSigningError.DigestMismatch);
    }

    [Fact]
    public async Task Every_embed_api_rejects_a_signer_key_it_cannot_read_as_an_invalid_signature_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = TestPdfs.WithUnreadableSignerKey(prepared.GetSignedContent());
        var errors = await AssertEveryEmbedApiRefusesAsync(prepared, cms, PdfSigningError.InvalidSignature);

        Assert.All(errors, e => Assert.IsAssignableFrom<CryptographicException>(e.InnerException));
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_reports_a_signature_too_large_before_a_bad_signature_and_writes_nothing()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), new PdfSignatureOptions { PlaceholderSize = PdfSignatureOptions.MinimumPlaceholderSize }, Ct);
        var cms = TestPdfs.Sign(prepared);
        cms[^10] ^= 0xFF;
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), output, cms, Ct));

        Assert.True(cms.Length > prepared.PlaceholderCapacity);
        Assert.Equal(PdfSigningError.SignatureTooLarge, error.Reason);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_gives_the_Load_errors_before_the_cms_errors()
    {
        using var output = new MemoryStream();

        var notPdf = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.EmbedAsync(new MemoryStream("not a pdf"u8.ToArray()), output, new byte[] { 1, 2, 3, 4 }, Ct));
        var unprepared = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.EmbedAsync(new MemoryStream(TestPdfs.CreateUnsigned()), output, new byte[] { 1, 2, 3, 4 }, Ct));

        Assert.Equal(PdfSigningError.NotPdf, notPdf.Reason);
        Assert.Equal(PdfSigningError.PlaceholderNotFound, unprepared.Reason);
        Assert.Equal(0, output.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EmbedAsync_stream_to_stream_cancelled_while_hashing_writes_nothing_and_leaves_no_unobserved_exception(bool validCms)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var cms = validCms ? TestPdfs.Sign(prepared) : [1, 2, 3, 4];
        using var cancellation = new CancellationTokenSource();
        var input = WhileHashing(prepared.ToArray(), cancellation.Cancel);
        using var output = new MemoryStream();

        var unobserved = await CollectUnobservedAsync(() =>
            Assert.ThrowsAnyAsync<OperationCanceledException>(() => _signer.EmbedAsync(input, output, cms, cancellation.Token)));

        Assert.Equal(0, output.Length);
        Assert.Empty(unobserved);
    }

    [Fact]
    public async Task EmbedAsync_stream_to_stream_propagates_a_read_failure_while_hashing_before_the_cms_errors()
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), null, Ct);
        var input = WhileHashing(prepared.ToArray(), () => throw new IOException("Invented disk failure."));
        using var output = new MemoryStream();

        var unobserved = await CollectUnobservedAsync(async () =>
        {
            var error = await Assert.ThrowsAsync<IOException>(() => _signer.EmbedAsync(input, output, new byte[] { 1, 2, 3, 4 }, Ct));
            Assert.Equal("Invented disk failure.", error.Message);
        });

        Assert.Equal(0, output.Length);
        Assert.Empty(unobserved);
    }

    /// <summary>
    /// Embeds <paramref name="cms"/> with each of the three embed APIs (stream to stream, prepared to stream, prepared to
    /// array), asserts that each refuses it with <paramref name="expected"/> and that neither output was written, and
    /// returns the three exceptions.
    /// </summary>
    private async Task<PdfSigningException[]> AssertEveryEmbedApiRefusesAsync(PreparedPdf prepared, byte[] cms, PdfSigningError expected)
    {
        using var streamOutput = new MemoryStream();
        using var preparedOutput = new MemoryStream();

        PdfSigningException[] errors =
        [
            await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(new MemoryStream(prepared.ToArray()), streamOutput, cms, Ct)),
            await Assert.ThrowsAsync<PdfSigningException>(() => _signer.EmbedAsync(prepared, cms, preparedOutput, Ct)),
            Assert.Throws<PdfSigningException>(() => _signer.Embed(prepared, cms)),
        ];

        Assert.All(errors, e => Assert.Equal(expected, e.Reason));
        Assert.Equal(0, streamOutput.Length);
        Assert.Equal(0, preparedOutput.Length);
        return errors;
    }

    /// <summary>
    /// A trickling seekable stream that runs <paramref name="onHashRead"/> on every read once the hash pass has begun:
    /// the first read back at the start of the file after the placeholder was looked for at its end.
    /// </summary>
    private static TrickleStream WhileHashing(byte[] bytes, Action onHashRead)
    {
        TrickleStream? stream = null;
        var sawEnd = false;
        stream = new TrickleStream(bytes, seekable: true)
        {
            OnRead = () =>
            {
                if (stream!.Position > bytes.Length / 2)
                {
                    sawEnd = true;
                }
                else if (sawEnd)
                {
                    onHashRead();
                }
            },
        };
        return stream;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, then collects the garbage so that any faulted task it left unobserved reports
    /// itself, and returns the PDF signing exceptions reported so (other tests' tasks are not this test's concern).
    /// </summary>
    private static async Task<List<Exception>> CollectUnobservedAsync(Func<Task> action)
    {
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
            {
                unobserved.AddRange(e.Exception.InnerExceptions.Where(x => x is PdfSigningException or IOException));
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await action();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        lock (unobserved)
        {
            return [.. unobserved];
        }
    }
}

/// <summary>A stream over bytes that returns at most a few bytes per read, optionally not seekable, for the stream overloads.</summary>
internal sealed class TrickleStream(byte[] bytes, bool seekable, long? claimedLength = null, bool readable = true) : Stream
{
    private const int MaxRead = 7;
    private long _position;

    /// <summary>Runs before every read, for example to cancel a token part-way.</summary>
    public Action? OnRead { get; init; }

    public override bool CanRead => readable;

    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => seekable ? claimedLength ?? bytes.Length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? _position : throw new NotSupportedException();
        set => _position = seekable ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        OnRead?.Invoke();
        var count = (int)Math.Min(Math.Min(buffer.Length, MaxRead), Math.Max(0, bytes.Length - _position));
        bytes.AsSpan((int)_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        OnRead?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        var count = (int)Math.Min(Math.Min(buffer.Length, MaxRead), Math.Max(0, bytes.Length - _position));
        bytes.AsSpan((int)_position, count).CopyTo(buffer.Span);
        _position += count;
        return ValueTask.FromResult(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => bytes.Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A seekable stream that refuses every synchronous read as Kestrel does with AllowSynchronousIO off, and optionally
/// reports a shorter Length, as a buffered ASP.NET Core request body does before it is read to the end.
/// </summary>
internal sealed class AsyncOnlyStream(byte[] bytes, long? claimedLength = null) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => claimedLength ?? bytes.Length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw SynchronousRead();

    public override int Read(Span<byte> buffer) => throw SynchronousRead();

    public override int ReadByte() => throw SynchronousRead();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var count = (int)Math.Min(buffer.Length, Math.Max(0, bytes.Length - _position));
        bytes.AsSpan((int)_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static InvalidOperationException SynchronousRead() =>
        new("Synchronous operations are disallowed. Call ReadAsync or set AllowSynchronousIO to true instead.");
}
