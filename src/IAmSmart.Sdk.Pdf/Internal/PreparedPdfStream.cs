using System.Security.Cryptography;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// The checks of <see cref="PreparedPdf.Load(ReadOnlySpan{byte})"/> on a seekable stream, reading only the start (for
/// the header) and the end (for the placeholder) into memory.
/// </summary>
internal static class PreparedPdfStream
{
    /// <summary>The first tail read: room for the default placeholder as hex and the rest of the update.</summary>
    private const int InitialTail = (2 * PdfSignatureOptions.DefaultPlaceholderSize) + (8 * 1024);

    /// <summary>
    /// The longest tail read: the largest placeholder (as hex) and a generous update around it. A prepared PDF has its
    /// placeholder in its last incremental update, which this package writes far shorter than that.
    /// </summary>
    public const int MaxTail = (2 * PdfSignatureOptions.MaximumPlaceholderSize) + (4 * 1024 * 1024);

    private const int HeaderWindow = 1024;

    public static async Task<SignatureHole> LocateAsync(Stream stream, long start, CancellationToken cancellationToken)
    {
        var length = stream.Length - start;
        if (length > int.MaxValue)
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound, "The stored PDF is larger than the 2 GiB this package handles.");
        }

        var header = new byte[(int)Math.Min(HeaderWindow, length)];
        stream.Position = start;
        var headerLength = await StreamReading.ReadAtMostAsync(stream, header, cancellationToken);
        if (!PdfSyntax.HasPdfHeader(header.AsSpan(0, headerLength)))
        {
            throw new PdfSigningException(PdfSigningError.NotPdf, "The stored bytes are not a PDF (no %PDF- header).");
        }

        var tailLength = (int)Math.Min(length, InitialTail);
        while (true)
        {
            var tail = new byte[tailLength];
            var tailOffset = length - tailLength;
            stream.Position = start + tailOffset;
            if (await StreamReading.ReadAtMostAsync(stream, tail, cancellationToken) != tailLength)
            {
                throw new PdfSigningException(PdfSigningError.PlaceholderNotFound, "The stream ended before its length; it changed while it was read.");
            }

            var location = SignatureLocator.TryLocateLastInTail(tail, tailOffset, length, out var hole, out var problem);
            if (location == TailLocation.NeedMore && tailLength < Math.Min(length, MaxTail))
            {
                tailLength = (int)Math.Min(Math.Min(length, MaxTail), tailLength * 4L);
                continue;
            }

            if (location != TailLocation.Found)
            {
                if (location == TailLocation.NeedMore)
                {
                    problem = $"no signature placeholder in its last {MaxTail} bytes. {problem}";
                }

                throw new PdfSigningException(PdfSigningError.PlaceholderNotFound, $"The stored PDF has no usable signature placeholder: {problem}");
            }

            if (!hole.CoversWholeFile)
            {
                throw new PdfSigningException(PdfSigningError.PlaceholderNotFound,
                    $"The /ByteRange {hole.ByteRange} does not cover the whole file of {length} bytes; the stored PDF was changed after preparation.");
            }

            if (tail.AsSpan((int)(hole.ContentsStart + 1 - tailOffset), hole.HexLength).IndexOfAnyExcept((byte)'0') >= 0)
            {
                throw new PdfSigningException(PdfSigningError.PlaceholderAlreadyFilled,
                    "The placeholder already holds a signature; this is a signed PDF, not a prepared one.");
            }

            return hole;
        }
    }

    /// <summary>SHA-256 of the two ranges, read in chunks: the <c>docDigest</c>.</summary>
    public static async Task<byte[]> HashAsync(Stream stream, long start, SignatureHole hole, byte[] chunk, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        stream.Position = start + hole.ByteRange.FirstOffset;
        await StreamReading.HashAsync(stream, hole.ByteRange.FirstLength, hash, chunk, cancellationToken);
        stream.Position = start + hole.ByteRange.SecondOffset;
        await StreamReading.HashAsync(stream, hole.ByteRange.SecondLength, hash, chunk, cancellationToken);
        return hash.GetHashAndReset();
    }

    /// <summary>Both ranges in one array, for the full BCL check when the quick one cannot decide.</summary>
    public static async Task<byte[]> ReadSignedContentAsync(Stream stream, long start, SignatureHole hole, CancellationToken cancellationToken)
    {
        var first = (int)hole.ByteRange.FirstLength;
        // Returned only when both reads filled it, so it need not be zeroed first.
        var content = GC.AllocateUninitializedArray<byte>(first + (int)hole.ByteRange.SecondLength);
        stream.Position = start + hole.ByteRange.FirstOffset;
        var read = await StreamReading.ReadAtMostAsync(stream, content.AsMemory(0, first), cancellationToken);
        stream.Position = start + hole.ByteRange.SecondOffset;
        read += await StreamReading.ReadAtMostAsync(stream, content.AsMemory(first), cancellationToken);
        return read == content.Length
            ? content
            : throw new PdfSigningException(PdfSigningError.PlaceholderNotFound, "The stream ended before its length; it changed while it was read.");
    }
}
