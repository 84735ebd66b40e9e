using System.Globalization;
using System.Text;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// <c>PrepareAsync(Stream, Stream)</c> reads its input on demand instead of holding it: for every kind of PDF the other
/// tests use it must write exactly the bytes the byte-array API returns, and refuse exactly what that refuses, whatever
/// the stream (seekable, trickling, non-seekable through a temporary file).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OnDemandPrepareTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 4, 5, 6, TimeSpan.FromHours(8));
    private readonly PdfDeferredSigner _signer = new(new FixedTimeProvider(Now));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>How the input reaches <c>PrepareAsync(Stream, Stream)</c>.</summary>
    public enum InputKind
    {
        /// <summary>A seekable stream that returns what is asked for.</summary>
        Seekable,

        /// <summary>A seekable stream that returns at most a few bytes per read.</summary>
        SeekableTrickle,

        /// <summary>A non-seekable stream, copied to a temporary file first.</summary>
        NonSeekable,
    }

    public static TheoryData<string, InputKind> Inputs()
    {
        var data = new TheoryData<string, InputKind>();
        foreach (var name in Pdfs.Keys)
        {
            foreach (var kind in Enum.GetValues<InputKind>())
            {
                data.Add(name, kind);
            }
        }

        return data;
    }

    public static TheoryData<string, InputKind> BadInputs()
    {
        var data = new TheoryData<string, InputKind>();
        foreach (var name in Refused.Keys)
        {
            data.Add(name, InputKind.Seekable);
            data.Add(name, InputKind.NonSeekable);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task The_stream_to_stream_prepare_writes_the_bytes_of_the_byte_array_api(string name, InputKind kind)
    {
        var pdf = Pdfs[name].Value;
        foreach (var options in new[]
        {
            new PdfSignatureOptions(),
            new PdfSignatureOptions
            {
                FieldName = "簽署 Approval",
                SignerName = "Invented Signer",
                Reason = "Invented (test) reason",
                Location = "香港",
                PlaceholderSize = PdfSignatureOptions.MaximumPlaceholderSize,
            },
        })
        {
            var expected = await _signer.PrepareAsync(pdf, options, Ct);
            using var output = new MemoryStream();

            var preparation = await _signer.PrepareAsync(Open(pdf, kind), output, options, Ct);

            Assert.True(expected.Bytes.Span.SequenceEqual(output.ToArray()), $"{name}, {kind}: the bytes differ");
            Assert.Equal(expected.DocDigest, preparation.DocDigest);
            Assert.Equal(expected.ByteRange, preparation.ByteRange);
            Assert.Equal(output.Length, preparation.Length);
        }
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task The_stream_to_stream_prepare_refuses_what_the_byte_array_api_refuses_and_writes_nothing(string name, InputKind kind)
    {
        var (pdf, options) = Refused[name].Value;
        var expected = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(pdf, options, Ct));
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(Open(pdf, kind), output, options, Ct));

        Assert.Equal(expected.Reason, error.Reason);
        Assert.Equal(expected.Message, error.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_non_seekable_input_is_read_once_to_its_end()
    {
        var pdf = TestPdfs.CreateComplex(TestPdfLayout.Hybrid);
        var input = new TrickleStream(pdf, seekable: false);
        using var output = new MemoryStream();

        await _signer.PrepareAsync(input, output, null, Ct);

        Assert.Equal(-1, input.ReadByte());
        Assert.Equal((await _signer.PrepareAsync(pdf, null, Ct)).ToArray(), output.ToArray());
    }

    [Fact]
    public async Task A_token_is_found_the_same_in_memory_and_in_a_stream_wherever_it_lies_against_the_chunks()
    {
        // Backwards in chunks of StreamReading.ChunkSize from the end: put the token across and beside each boundary.
        var token = "/ByteRange"u8.ToArray();
        var length = (3 * StreamReading.ChunkSize) + 100;
        foreach (var boundary in new[] { length - StreamReading.ChunkSize, length - (2 * StreamReading.ChunkSize) })
        {
            for (var shift = -token.Length - 1; shift <= 1; shift++)
            {
                foreach (var follower in new[] { (byte)' ', (byte)'x' })
                {
                    var bytes = new byte[length];
                    bytes.AsSpan().Fill((byte)'.');
                    "/ByteRange "u8.CopyTo(bytes.AsSpan(10));
                    token.CopyTo(bytes.AsSpan(boundary + shift));
                    bytes[boundary + shift + token.Length] = follower;

                    foreach (var asName in new[] { true, false })
                    {
                        var inMemory = await new MemoryPdfSource(bytes).LastIndexOfAsync(token, asName, Ct);
                        var inStream = await new StreamPdfSource(new MemoryStream(bytes)).LastIndexOfAsync(token, asName, Ct);

                        Assert.Equal(asName && follower == 'x' ? 10 : boundary + shift, inMemory);
                        Assert.Equal(inMemory, inStream);
                    }
                }
            }
        }
    }

    /// <summary>Every kind of PDF the other tests prepare, and a few that make the reader read more than its first window.</summary>
    private static readonly Dictionary<string, Lazy<byte[]>> Pdfs = BuildPdfs();

    private static readonly Dictionary<string, Lazy<(byte[] Pdf, PdfSignatureOptions? Options)>> Refused = new()
    {
        ["not a PDF"] = new(() => ("plain text, no header"u8.ToArray(), null)),
        ["encrypted, table"] = new(() => (TestPdfs.CreateEncrypted(TestPdfLayout.ClassicXref), null)),
        ["encrypted, stream"] = new(() => (TestPdfs.CreateEncrypted(TestPdfLayout.XrefStream), null)),
        ["truncated"] = new(() => (TestPdfs.CreateUnsigned(TestPdfLayout.XrefStream)[..600], null)),
        ["no startxref"] = new(() => (Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), null)),
        ["prepared, placeholder empty"] = new(() => (Prepare(TestPdfs.CreateUnsigned()), null)),
        ["field name in use"] = new(() => (TestPdfs.CreateComplex(TestPdfLayout.Hybrid), new PdfSignatureOptions { FieldName = "客戶" })),
    };

    private static Dictionary<string, Lazy<byte[]>> BuildPdfs()
    {
        var pdfs = new Dictionary<string, Lazy<byte[]>>();
        foreach (var layout in TestPdfs.Layouts)
        {
            pdfs[$"unsigned, {layout}"] = new(() => TestPdfs.CreateUnsigned(layout));
            pdfs[$"complex, {layout}"] = new(() => TestPdfs.CreateComplex(layout));
            pdfs[$"text field, {layout}"] = new(() => TestPdfs.CreateWithTextField("CustomerSignature", layout));
            pdfs[$"signed once (incremental update), {layout}"] = new(() => SignOnce(TestPdfs.CreateComplex(layout)));
            pdfs[$"large objects, {layout}"] = new(() => CreateLarge(300_000, layout));
        }

        pdfs["signed twice"] = new(() => SignOnce(SignOnce(TestPdfs.CreateUnsigned(TestPdfLayout.XrefStream))));
        return pdfs;
    }

    private static byte[] Prepare(byte[] pdf) => new PdfDeferredSigner().PrepareAsync(pdf).GetAwaiter().GetResult().ToArray();

    private static byte[] SignOnce(byte[] pdf)
    {
        var signer = new PdfDeferredSigner();
        var prepared = signer.PrepareAsync(pdf).GetAwaiter().GetResult();
        return signer.Embed(prepared, TestPdfs.Sign(prepared));
    }

    /// <summary>
    /// A page whose dictionary is larger than the parser's first read (a long direct array) and whose content stream
    /// makes the file about <paramref name="size"/> bytes, so that the backward scans cross several chunks.
    /// </summary>
    private static byte[] CreateLarge(int size, TestPdfLayout layout)
    {
        var builder = new TestPdfBuilder();
        builder.Add("<< /Type /Catalog /Pages 2 0 R >>");
        builder.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        var widths = string.Join(' ', Enumerable.Range(0, 1500).Select(i => (i % 1000).ToString(CultureInfo.InvariantCulture)));
        builder.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /InventedWidths [{widths}] >>");
        var content = new byte[size];
        new Random(15).NextBytes(content);
        builder.AddStream("", content);
        return builder.Build(layout, 1, "/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]");
    }

    private static Stream Open(byte[] pdf, InputKind kind) => kind switch
    {
        InputKind.Seekable => new MemoryStream(pdf, writable: false),
        InputKind.SeekableTrickle => new TrickleStream(pdf, seekable: true),
        _ => new TrickleStream(pdf, seekable: false),
    };
}
