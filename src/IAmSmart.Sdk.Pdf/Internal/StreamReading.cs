using System.Buffers;
using System.Security.Cryptography;

namespace IAmSmart.Sdk.Pdf.Internal;

internal static class StreamReading
{
    /// <summary>The chunk in which streams are copied and hashed: below the large object heap threshold.</summary>
    public const int ChunkSize = 80 * 1024;

    private const int InitialCapacity = 64 * 1024;

    /// <summary>
    /// Reads a stream to its end into one buffer and returns the part read, without a final copy. A seekable stream is
    /// read into an array of its remaining length plus <paramref name="spare"/> bytes (at least one, to see the end
    /// without growing); any other stream into a doubling buffer. The array behind the result belongs to the caller,
    /// who may write into the unused bytes after it.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream stream, CancellationToken cancellationToken, int spare = 0)
    {
        if (stream.CanSeek)
        {
            var remaining = Math.Max(0, stream.Length - stream.Position);
            if (remaining + Math.Max(1, spare) > Array.MaxLength)
            {
                throw new PdfSigningException(PdfSigningError.Unreadable, "The PDF is too large: this package signs files of up to 2 GiB.");
            }

            var buffer = GC.AllocateUninitializedArray<byte>((int)remaining + Math.Max(1, spare));
            return await ReadGrowingAsync(stream, buffer, 0, cancellationToken);
        }

        return await ReadGrowingAsync(stream, GC.AllocateUninitializedArray<byte>(InitialCapacity), 0, cancellationToken);
    }

    /// <summary>
    /// Whether the stream-to-stream prepare may read <paramref name="stream"/> in place, with the parser's synchronous
    /// seeks and reads: only streams known to serve those from disk or memory without blocking on anything slower, and
    /// to report their true length. Others (a seekable network or request body stream, whose synchronous reads may block
    /// or be refused, as ASP.NET Core's are with synchronous I/O off) are spooled with asynchronous reads instead.
    /// </summary>
    public static bool IsCheapToReadSynchronously(Stream stream) =>
        stream.CanSeek && stream is FileStream or MemoryStream or UnmanagedMemoryStream;

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns how much was read.</summary>
    public static async Task<int> ReadAtMostAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at the current position into a hash, in chunks.</summary>
    public static async Task HashAsync(Stream stream, long count, IncrementalHash hash, byte[] chunk, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw Truncated();
            }

            hash.AppendData(chunk, 0, read);
            count -= read;
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes from the current position of one stream to another, in chunks.</summary>
    public static async Task CopyAsync(Stream source, Stream destination, long count, byte[] chunk, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw Truncated();
            }

            await destination.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    /// <summary>
    /// Copies exactly <paramref name="count"/> bytes from the current position of one stream to another in a pooled
    /// chunk, feeding each chunk to a hash on the way; cancellation is checked between chunks.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1835:Prefer the memory-based overloads", Justification = "The array overloads exist on every target this package is heading for, netstandard2.0 included; the Memory ones do not there.")]
    public static async Task CopyAndHashAsync(Stream source, Stream destination, long count, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var chunk = RentChunk();
        try
        {
            while (count > 0)
            {
                var read = await source.ReadAsync(chunk, 0, (int)Math.Min(ChunkSize, count), cancellationToken);
                if (read == 0)
                {
                    throw new PdfSigningException(PdfSigningError.Unreadable,
                        "The PDF stream ended before the length it reported; it changed while it was read.");
                }

                hash.AppendData(chunk, 0, read);
                await destination.WriteAsync(chunk, 0, read, cancellationToken);
                count -= read;
            }
        }
        finally
        {
            Return(chunk);
        }
    }

    /// <summary>The longest prepared PDF (input and update): one byte array, which is what the other APIs hold it in.</summary>
    public static int MaxPreparedLength => Array.MaxLength;

    /// <summary>The error for an input beyond what a byte array, and so this package, holds.</summary>
    public static PdfSigningException TooLarge() =>
        new(PdfSigningError.Unreadable, "The PDF is too large: this package signs files of up to 2 GiB.");

    public static byte[] RentChunk() => ArrayPool<byte>.Shared.Rent(ChunkSize);

    public static void Return(byte[] chunk) => ArrayPool<byte>.Shared.Return(chunk);

    private static async Task<ReadOnlyMemory<byte>> ReadGrowingAsync(Stream stream, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length == Array.MaxLength)
                {
                    throw new PdfSigningException(PdfSigningError.Unreadable, "The PDF is too large: this package signs files of up to 2 GiB.");
                }

                var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(InitialCapacity, buffer.Length * 2L)));
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
        }
    }

    private static PdfSigningException Truncated() => new(PdfSigningError.PlaceholderNotFound,
        "The stream ended before the length its /ByteRange says; the stored PDF was truncated or changed while it was read.");
}
