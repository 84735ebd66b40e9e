using System.Buffers;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Random access to the bytes of a PDF that is not necessarily in memory. The reader asks only for what it needs (the
/// end of the file, cross-reference sections, the few objects a signature changes), so a file on disk is never held
/// whole. <see cref="MemoryPdfSource"/> and <see cref="StreamPdfSource"/> give the same answers for the same bytes,
/// which is what makes the byte-array and the stream APIs write the same prepared PDF.
/// </summary>
internal abstract class PdfSource
{
    /// <summary>The length of the file.</summary>
    public abstract long Length { get; }

    /// <summary>
    /// The bytes from <paramref name="offset"/> on, at most <paramref name="length"/> of them (fewer at the end of the
    /// file). The result stays valid and unchanged for as long as anyone holds it: parsed objects keep slices of it.
    /// </summary>
    public abstract ReadOnlyMemory<byte> Read(long offset, int length);

    /// <summary>
    /// The offset of the last occurrence of <paramref name="value"/>, or -1. With <paramref name="asName"/>, only an
    /// occurrence followed by white space, a delimiter or the end of the file counts (a PDF name token). This may read
    /// the whole file (an unsigned PDF has no <c>/ByteRange</c> at all), so it is the one asynchronous read.
    /// </summary>
    public abstract Task<long> LastIndexOfAsync(byte[] value, bool asName, CancellationToken cancellationToken);
}

/// <summary>A PDF already in memory: reads are slices, nothing is copied.</summary>
internal sealed class MemoryPdfSource(ReadOnlyMemory<byte> bytes) : PdfSource
{
    public override long Length => bytes.Length;

    public override ReadOnlyMemory<byte> Read(long offset, int length) =>
        bytes.Slice((int)offset, (int)Math.Min(length, bytes.Length - offset));

    /// <summary>One search over the whole span: same answer as the chunked search, without copying.</summary>
    public override Task<long> LastIndexOfAsync(byte[] value, bool asName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult((long)PdfSyntax.LastIndexOf(bytes.Span, value, asName, bytes.Length));
    }
}

/// <summary>
/// A PDF in a seekable stream, from the stream's position when this was made to its end. Each read seeks and copies
/// just the bytes asked for into a new array (the parser asks for a few KiB per object); the stream must not change
/// while it is used. Those reads are synchronous, as the parser that asks for them is: they are few and small, and
/// only streams that serve them from disk or memory get here (<see cref="StreamReading.IsCheapToReadSynchronously"/>;
/// any other is spooled to a temporary file first). The backward scan, which may read the whole file, is asynchronous.
/// </summary>
internal sealed class StreamPdfSource : PdfSource
{
    /// <summary>How much is searched at a time when scanning the file backwards; below the large object heap threshold.</summary>
    private const int ScanChunk = StreamReading.ChunkSize;

    private readonly Stream _stream;
    private readonly long _start;

    public StreamPdfSource(Stream stream)
    {
        _stream = stream;
        _start = stream.Position;
        Length = Math.Max(0, stream.Length - _start);
    }

    public override long Length { get; }

    /// <summary>Where the file starts in the stream.</summary>
    public long Start => _start;

    public override ReadOnlyMemory<byte> Read(long offset, int length)
    {
        var count = (int)Math.Max(0, Math.Min(length, Length - offset));

        // A stream may report any length; an array cannot hold more than this, and asking would throw OutOfMemoryException.
        if (count > Array.MaxLength)
        {
            throw StreamReading.TooLarge();
        }

        // Filled by ReadExactly, or not returned.
        var bytes = GC.AllocateUninitializedArray<byte>(count);
        ReadExactly(offset, bytes, count);
        return bytes;
    }

    /// <summary>
    /// Backwards in pooled chunks, so that an unsigned file (which has no <c>/ByteRange</c> at all) is scanned whole
    /// in a bounded buffer. Each chunk also holds the bytes just after it, so that an occurrence starting in the chunk
    /// is whole and its token end can be checked; occurrences starting after the chunk were searched with the one before.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1835:Prefer the memory-based overloads", Justification = "The array overloads exist on every target this package is heading for, netstandard2.0 included; the Memory ones do not there.")]
    public override async Task<long> LastIndexOfAsync(byte[] value, bool asName, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunk + value.Length);
        try
        {
            for (var end = Length; end > 0;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Math.Max(0, end - ScanChunk);
                var windowLength = (int)(Math.Min(Length, end + value.Length) - start);
                _stream.Position = _start + start;
                for (var total = 0; total < windowLength;)
                {
                    var read = await _stream.ReadAsync(buffer, total, windowLength - total, cancellationToken);
                    total += read > 0 ? read : throw ChangedWhileRead();
                }

                var index = PdfSyntax.LastIndexOf(buffer.AsSpan(0, windowLength), value, asName, (int)(end - start));
                if (index >= 0)
                {
                    return start + index;
                }

                end = start;
            }

            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadExactly(long offset, byte[] buffer, int count)
    {
        _stream.Position = _start + offset;
        for (var total = 0; total < count;)
        {
            var read = _stream.Read(buffer, total, count - total);
            total += read > 0 ? read : throw ChangedWhileRead();
        }
    }

    private static PdfSigningException ChangedWhileRead() => new(PdfSigningError.Unreadable,
        "The stream ended before the length it reported; it changed while it was read.");
}
