using System.Text;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>Inputs the writer must refuse with a typed error, leaving them untouched.</summary>
[Trait("Category", "Unit")]
public sealed class BadInputTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TestPdfLayout> Layouts() => [.. TestPdfs.Layouts];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task An_encrypted_pdf_is_recognised_by_its_trailer(TestPdfLayout layout)
    {
        var error = await PrepareExpectingErrorAsync(TestPdfs.CreateEncrypted(layout));

        Assert.Equal(PdfSigningError.Encrypted, error.Reason);
    }

    [Fact]
    public async Task The_word_Encrypt_in_page_content_is_not_taken_for_encryption()
    {
        var input = Replace(TestPdfs.CreateUnsigned(), "/Producer (IAmSmart.Sdk tests)", "/Producer (tests /Encrypt)    ");

        var prepared = await _signer.PrepareAsync(input, cancellationToken: Ct);

        Assert.True(prepared.PlaceholderCapacity > 0);
    }

    [Fact]
    public async Task A_startxref_pointing_nowhere_is_unreadable()
    {
        var input = TestPdfs.CreateUnsigned();
        var text = Encoding.Latin1.GetString(input);
        var offset = text[(text.LastIndexOf("startxref", StringComparison.Ordinal) + 10)..].Split('\n')[0];

        var error = await PrepareExpectingErrorAsync(Replace(input, $"startxref\n{offset}\n", $"startxref\n{int.Parse(offset, System.Globalization.CultureInfo.InvariantCulture) - 7}\n"));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("cross-reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_reference_entry_pointing_at_the_wrong_object_is_unreadable()
    {
        // Swap the offsets of the page tree (2) and the page (3): each entry then points at the other object.
        var input = TestPdfs.CreateUnsigned();
        var lines = Encoding.Latin1.GetString(input).Split('\n');
        var xref = Array.IndexOf(lines, "xref");
        (lines[xref + 4], lines[xref + 5]) = (lines[xref + 5], lines[xref + 4]);

        var error = await PrepareExpectingErrorAsync(Encoding.Latin1.GetBytes(string.Join('\n', lines)));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_truncated_pdf_is_unreadable(TestPdfLayout layout)
    {
        var input = TestPdfs.CreateUnsigned(layout);

        var error = await PrepareExpectingErrorAsync(input[..(input.Length / 2)]);

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
    }

    [Fact]
    public async Task A_cross_reference_chain_that_loops_is_unreadable()
    {
        var input = TestPdfs.CreateUnsigned();
        var text = Encoding.Latin1.GetString(input);
        var offset = text[(text.LastIndexOf("startxref", StringComparison.Ordinal) + 10)..].Split('\n')[0];

        // The trailer is the last thing before startxref, so lengthening it moves no object.
        var error = await PrepareExpectingErrorAsync(Replace(input, "/Size 6 ", $"/Size 6 /Prev {offset} "));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("loops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_without_pages_is_unreadable()
    {
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R >>");
        builder.Add("<< /Type /Pages /Kids [] /Count 0 >>");

        var error = await PrepareExpectingErrorAsync(builder.Build(TestPdfLayout.ClassicXref, 1));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("no pages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_tree_that_loops_is_refused_without_overflowing_the_stack()
    {
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R >>");
        builder.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        builder.Add("<< /Type /Pages /Kids [2 0 R] /Count 1 >>");

        var error = await PrepareExpectingErrorAsync(builder.Build(TestPdfLayout.XrefStream, 1));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
    }

    [Fact]
    public async Task A_certification_that_permits_no_changes_is_respected()
    {
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R /Perms << /DocMDP 4 0 R >> >>");
        builder.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        builder.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        builder.Add("<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>] >>");

        var error = await PrepareExpectingErrorAsync(builder.Build(TestPdfLayout.ClassicXref, 1));

        Assert.Equal(PdfSigningError.AlreadySigned, error.Reason);
        Assert.Contains("DocMDP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_arrays_are_refused_without_overflowing_the_stack()
    {
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R >>");
        builder.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        builder.Add($"<< /Type /Page /Parent 2 0 R /Nested {new string('[', 100_000)}{new string(']', 100_000)} >>");

        var error = await PrepareExpectingErrorAsync(builder.Build(TestPdfLayout.ClassicXref, 1));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_chain_of_indirect_stream_lengths_is_refused_without_overflowing_the_stack()
    {
        // The catalog is a stream whose /Length is object 3, a stream whose /Length is object 4, and so on.
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R /Length 3 0 R >>\nstream\nx\nendstream");
        builder.Add("<< /Type /Pages /Kids [] /Count 0 >>");
        for (var number = 3; number < 20_000; number++)
        {
            builder.Add($"<< /Length {number + 1} 0 R >>\nstream\nx\nendstream");
        }

        var error = await PrepareExpectingErrorAsync(builder.Build(TestPdfLayout.ClassicXref, 1));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("too many", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_last_signature_too_large_to_tell_whether_it_is_pending_is_refused()
    {
        // After the file, a comment with an all-zero placeholder larger than anything read to check one: whether it
        // waits for a signature cannot be told, so it must not be taken for "not pending".
        var pdf = TestPdfs.CreateUnsigned();
        var gap = PdfSignatureOptions.MaximumPlaceholderSize * 8;
        var key = pdf.Length + 2;
        var head = FormattableString.Invariant($"%/ByteRange [0 {key + 64} {key + 64 + gap} 1] /Contents ");
        var input = new byte[key + 64 + gap + 1];
        input.AsSpan().Fill((byte)'0');
        pdf.CopyTo(input, 0);
        input[pdf.Length] = (byte)'\n';
        Encoding.ASCII.GetBytes(head).CopyTo(input, key - 1);
        input[key + 64] = (byte)'<';
        input[key + 64 + gap - 1] = (byte)'>';

        var error = await PrepareExpectingErrorAsync(input);

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("/ByteRange", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrepareAsync_from_memory_throws_argument_errors_from_the_call_not_the_task()
    {
        var options = new PdfSignatureOptions { PlaceholderSize = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _signer.PrepareAsync(TestPdfs.CreateUnsigned(), options, Ct); });
    }

    private async Task<PdfSigningException> PrepareExpectingErrorAsync(byte[] input)
    {
        var copy = input.ToArray();
        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(input, cancellationToken: Ct));
        Assert.Equal(copy, input);
        return error;
    }

    /// <summary>Replaces text, padding a shorter replacement with spaces so that the offsets after it stay right.</summary>
    private static byte[] Replace(byte[] pdf, string find, string replacement)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.Contains(find, text, StringComparison.Ordinal);
        if (find.Length != replacement.Length)
        {
            replacement = replacement.PadRight(find.Length);
        }

        return Encoding.Latin1.GetBytes(text.Replace(find, replacement, StringComparison.Ordinal));
    }
}
