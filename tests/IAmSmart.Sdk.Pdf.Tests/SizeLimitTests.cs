using System.Text;
using IAmSmart.Sdk.Pdf.Internal;
using IAmSmart.Sdk.Pdf.Internal.Cos;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// Hostile sizes end in typed errors without reading the input whole: streams and files that report or produce more
/// than the 2 GiB this package signs, streams without <c>endstream</c>, <c>/Length</c> values beyond any array. The
/// large inputs are produced lazily, so no test holds more than the bytes the code under test asks for.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SizeLimitTests
{
    private const long ThreeGiB = 3L * 1024 * 1024 * 1024;

    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seekable_stream_longer_than_2_GiB_is_refused_before_any_of_it_is_read()
    {
        var reads = 0;
        var input = new TrickleStream(TestPdfs.CreateUnsigned(), seekable: true, claimedLength: ThreeGiB) { OnRead = () => reads++ };
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(input, output, null, Ct));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("2 GiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, reads);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_non_seekable_stream_that_is_not_a_pdf_is_refused_after_its_first_chunk()
    {
        var input = new LazyStream("this is not a PDF "u8.ToArray(), length: 4L * StreamReading.ChunkSize, filler: (byte)'x');
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => _signer.PrepareAsync(input, output, null, Ct));

        Assert.Equal(PdfSigningError.NotPdf, error.Reason);
        Assert.InRange(input.BytesRead, 1, StreamReading.ChunkSize);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Spooling_a_non_seekable_stream_stops_at_the_limit_with_a_typed_error()
    {
        const int limit = 4 * StreamReading.ChunkSize;
        var input = new LazyStream("%PDF-1.7\n"u8.ToArray(), length: 16L * StreamReading.ChunkSize, filler: (byte)' ');

        var error = await Assert.ThrowsAsync<PdfSigningException>(() => TemporaryFile.CopyAsync(default, input, limit, Ct));

        Assert.Equal(PdfSigningError.Unreadable, error.Reason);
        Assert.Contains("2 GiB", error.Message, StringComparison.Ordinal);
        Assert.InRange(input.BytesRead, limit + 1, limit + StreamReading.ChunkSize);
    }

    [Fact]
    public void A_stream_without_endstream_is_not_read_to_the_end_of_the_file()
    {
        var source = new LazySource("1 0 obj\n<< /Length 5 >>\nstream\n"u8.ToArray(), ThreeGiB);
        var parser = new PdfParser(source, 0);

        var error = Assert.Throws<PdfFormatException>(() => parser.ReadIndirectObject(_ => 5));

        Assert.Contains("more than", error.Message, StringComparison.Ordinal);
        Assert.InRange(source.LargestRead, 0, PdfParser.MaxObjectLength);
    }

    [Fact]
    public void A_stream_whose_length_is_beyond_any_array_is_read_up_to_its_endstream()
    {
        var source = new LazySource("1 0 obj\n<< /Length 2500000000 >>\nstream\nabc\nendstream\nendobj\n"u8.ToArray(), ThreeGiB);
        var parser = new PdfParser(source, 0);

        var (number, _, value) = parser.ReadIndirectObject(_ => 2_500_000_000);

        Assert.Equal(1, number);
        Assert.Equal("abc", Encoding.ASCII.GetString(Assert.IsType<PdfStream>(value).EncodedData.Span));
    }

    /// <summary>A PDF source of a reported length: a prefix, then filler made on demand; reads larger than the parser's cap fail the test.</summary>
    private sealed class LazySource(byte[] prefix, long length) : PdfSource
    {
        public override long Length => length;

        public int LargestRead { get; private set; }

        public override ReadOnlyMemory<byte> Read(long offset, int count)
        {
            var size = (int)Math.Max(0, Math.Min(count, length - offset));

            // The failure before the fix: the parser asked for the rest of the file.
            Assert.InRange(size, 0, PdfParser.MaxObjectLength);
            LargestRead = Math.Max(LargestRead, size);
            var bytes = new byte[size];
            bytes.AsSpan().Fill((byte)'x');
            if (offset < prefix.Length)
            {
                prefix.AsSpan((int)offset, Math.Min(size, prefix.Length - (int)offset)).CopyTo(bytes);
            }

            return bytes;
        }

        public override Task<long> LastIndexOfAsync(byte[] value, bool asName, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

/// <summary>A non-seekable stream of a prefix and then filler, made as it is read; counts what was read.</summary>
internal sealed class LazyStream(byte[] prefix, long length, byte filler) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - BytesRead);
        for (var i = 0; i < count; i++)
        {
            var at = BytesRead + i;
            buffer[i] = at < prefix.Length ? prefix[at] : filler;
        }

        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
