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
    /// <summary>How much is searched at a time when scanning the file backwards; below the large object heap threshold.</summary>
    private const int ScanChunk = StreamReading.ChunkSize;

    /// <summary>The length of the file.</summary>
    public abstract long Length { get; }

    /// <summary>
    /// The bytes from <paramref name="offset"/> on, at most <paramref name="length"/> of them (fewer at the end of the
    /// file). The result stays valid and unchanged for as long as anyone holds it: parsed objects keep slices of it.
    /// </summary>
    public abstract ReadOnlyMemory<byte> Read(long offset, int length);

    /// <summary>
    /// The offset of the last occurrence of <paramref name="value"/>, or -1. With <paramref name="asName"/>, only an
    /// occurrence followed by white space, a delimiter or the end of the file counts (a PDF name token).
    /// </summary>
    public virtual long LastIndexOf(byte[] value, bool asName, CancellationToken cancellationToken)
    {
        // Backwards in chunks; each chunk also holds the bytes just after it, so that an occurrence that starts in
        // the chunk is whole and its token end can be checked. Occurrences that start after the chunk were searched
        // with the chunk before.
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunk + value.Length);
        try
        {
            for (var end = Length; end > 0;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = Math.Max(0, end - ScanChunk);
                var windowLength = (int)(Math.Min(Length, end + value.Length) - start);
                ReadExactly(start, buffer, windowLength);
                var index = FindLast(buffer.AsSpan(0, windowLength), value, asName, (int)(end - start));
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

    /// <summary>Reads exactly <paramref name="count"/> bytes at <paramref name="offset"/> into <paramref name="buffer"/>.</summary>
    protected abstract void ReadExactly(long offset, byte[] buffer, int count);

    /// <summary>The last occurrence in <paramref name="window"/> that starts before <paramref name="startLimit"/>, or -1.</summary>
    protected static int FindLast(ReadOnlySpan<byte> window, ReadOnlySpan<byte> value, bool asName, int startLimit)
    {
        var searchEnd = Math.Min(window.Length, startLimit + value.Length - 1);
        while (searchEnd >= value.Length)
        {
            var index = window[..searchEnd].LastIndexOf(value);
            if (index < 0)
            {
                return -1;
            }

            var after = index + value.Length;
            if (!asName || after >= window.Length || PdfSyntax.IsWhiteSpace(window[after]) || PdfSyntax.IsDelimiter(window[after]))
            {
                return index;
            }

            searchEnd = index;
        }

        return -1;
    }
}

/// <summary>A PDF already in memory: reads are slices, nothing is copied.</summary>
internal sealed class MemoryPdfSource(ReadOnlyMemory<byte> bytes) : PdfSource
{
    public override long Length => bytes.Length;

    public override ReadOnlyMemory<byte> Read(long offset, int length) =>
        bytes.Slice((int)offset, (int)Math.Min(length, bytes.Length - offset));

    /// <summary>One search over the whole span: same answer as the chunked search, without copying.</summary>
    public override long LastIndexOf(byte[] value, bool asName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return FindLast(bytes.Span, value, asName, bytes.Length);
    }

    protected override void ReadExactly(long offset, byte[] buffer, int count) =>
        bytes.Span.Slice((int)offset, count).CopyTo(buffer);
}

/// <summary>
/// A PDF in a seekable stream, from the stream's position when this was made to its end. Each read seeks and copies
/// just the bytes asked for into a new array (the parser asks for a few KiB per object); the stream must not change
/// while it is used. Reads are synchronous: they are few and small, and the parser that asks for them is not async.
/// </summary>
internal sealed class StreamPdfSource : PdfSource
{
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
        var bytes = new byte[count];
        ReadExactly(offset, bytes, count);
        return bytes;
    }

    protected override void ReadExactly(long offset, byte[] buffer, int count)
    {
        _stream.Position = _start + offset;
        for (var total = 0; total < count;)
        {
            var read = _stream.Read(buffer, total, count - total);
            if (read == 0)
            {
                throw new PdfSigningException(PdfSigningError.Unreadable,
                    "The stream ended before the length it reported; it changed while it was read.");
            }

            total += read;
        }
    }
}
