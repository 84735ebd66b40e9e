using System.Buffers;
using System.Globalization;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Finds the most recent signature of a PDF by its <c>/ByteRange</c> and checks that the gap between the ranges is
/// exactly the <c>/Contents</c> hex string of the same signature dictionary. Works on bytes only, so a prepared PDF can
/// be reloaded on another server without any parser re-serialising (and so changing) it.
/// </summary>
internal static class SignatureLocator
{
    public const string NoByteRange = "The PDF has no /ByteRange, so it has no signature or signature placeholder.";

    private const int MaxIntegerDigits = 10;

    /// <summary>The first read after a <c>/ByteRange</c> key: room for the array of four ten-digit numbers and then some.</summary>
    private const int ByteRangeHead = 256;

    /// <summary>An array that has not ended this far after its key is white space run wild, not a signature.</summary>
    private const int MaxByteRangeHead = 64 * 1024;

    private static readonly byte[] ByteRangeKey = "/ByteRange"u8.ToArray();

    /// <summary>Every byte a hex string may contain.</summary>
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    public static bool TryLocateLast(ReadOnlySpan<byte> pdf, out SignatureHole hole, out string problem) =>
        TryLocateLastInTail(pdf, 0, pdf.Length, out hole, out problem) == TailLocation.Found;

    /// <summary>
    /// As <see cref="TryLocateLast"/>, on the last bytes of a file only: <paramref name="tail"/> holds the file from
    /// <paramref name="tailOffset"/> to its end. <see cref="TailLocation.NeedMore"/> says the answer depends on bytes
    /// before the tail; read a longer one. On the whole file (offset 0) the answer is the same as <see cref="TryLocateLast"/>.
    /// </summary>
    public static TailLocation TryLocateLastInTail(ReadOnlySpan<byte> tail, long tailOffset, long fileLength, out SignatureHole hole, out string problem)
    {
        var keyIndex = PdfSyntax.LastIndexOfName(tail, "/ByteRange"u8);
        if (keyIndex < 0)
        {
            hole = default;
            problem = NoByteRange;
            return tailOffset > 0 ? TailLocation.NeedMore : TailLocation.NotFound;
        }

        return TryLocateAt(tail, tailOffset, fileLength, keyIndex, out hole, out problem);
    }

    /// <summary>
    /// Whether the last signature of a file, found as <see cref="TryLocateLast"/> finds it, is a placeholder whose hex
    /// string is still all zeros. Reads only around the last <c>/ByteRange</c>: its array, then the bytes from just
    /// before the <c>/Contents</c> key to the end of the hex string.
    /// </summary>
    /// <exception cref="PdfSigningException">The signature spans more than <see cref="PreparedPdfStream.MaxTail"/>, so this cannot be told.</exception>
    public static async Task<bool> IsLastAnEmptyPlaceholderAsync(PdfSource source, CancellationToken cancellationToken) =>
        IsEmptyPlaceholderAt(source, await source.LastIndexOfAsync(ByteRangeKey, asName: true, cancellationToken));

    /// <summary>Whether the signature whose <c>/ByteRange</c> key is at <paramref name="keyOffset"/> (-1: none) is an empty placeholder.</summary>
    private static bool IsEmptyPlaceholderAt(PdfSource source, long keyOffset)
    {
        if (keyOffset < 0 || !TryReadByteRangeAt(source, keyOffset, out var range, out var headLength))
        {
            return false;
        }

        var contentsStart = range.FirstOffset + range.FirstLength;
        var contentsEnd = range.SecondOffset;
        var windowEnd = Math.Min(source.Length, Math.Max(keyOffset + headLength, contentsEnd));

        // White space may stand between /Contents and the hex string: start with a little room before it, more if needed.
        for (var room = 64L; ; room *= 4)
        {
            var windowStart = Math.Max(0, Math.Min(keyOffset, contentsStart - room));

            // No placeholder this package writes or reads comes near this size, so it is not read to decide; but not
            // knowing must not let a second placeholder be added after one that may still be waiting.
            if (windowEnd - windowStart > PreparedPdfStream.MaxTail)
            {
                throw new PdfSigningException(PdfSigningError.Unreadable, string.Create(CultureInfo.InvariantCulture,
                    $"The last /ByteRange of the PDF, {range}, spans more than the {PreparedPdfStream.MaxTail} bytes read to tell whether it is a signature placeholder still waiting for its signature."));
            }

            var window = source.Read(windowStart, (int)(windowEnd - windowStart)).Span;
            var location = TryLocateAt(window, windowStart, source.Length, (int)(keyOffset - windowStart), out var hole, out _);
            if (location == TailLocation.NeedMore && windowStart > 0)
            {
                continue;
            }

            return location == TailLocation.Found
                && window.Slice((int)(hole.ContentsStart + 1 - windowStart), hole.HexLength).IndexOfAnyExcept((byte)'0') < 0;
        }
    }

    /// <summary>
    /// Every signature of the file in file order, which for incremental updates is signing order; an entry whose
    /// <c>Hole</c> is <see langword="null"/> is a <c>/ByteRange</c> that could not be used, with the problem.
    /// </summary>
    public static List<(SignatureHole? Hole, string Problem)> LocateAll(ReadOnlySpan<byte> pdf)
    {
        var found = new List<(SignatureHole?, string)>();
        foreach (var keyIndex in PdfSyntax.IndexesOfName(pdf, "/ByteRange"u8))
        {
            var located = TryLocateAt(pdf, 0, pdf.Length, keyIndex, out var hole, out var problem) == TailLocation.Found;
            found.Add(located ? (hole, string.Empty) : (null, problem));
        }

        return found;
    }

    /// <summary>
    /// Checks the signature whose <c>/ByteRange</c> key is at <c>keyIndex</c> of <c>window</c>: the file from
    /// <c>windowOffset</c> to its end (the whole file when the offset is 0).
    /// </summary>
    private static TailLocation TryLocateAt(ReadOnlySpan<byte> window, long windowOffset, long fileLength, int keyIndex, out SignatureHole hole, out string problem)
    {
        hole = default;
        if (!TryParseByteRange(window, keyIndex + "/ByteRange"u8.Length, out var range))
        {
            problem = "The /ByteRange is not an array of four non-negative integers.";
            return TailLocation.NotFound;
        }

        var contentsStart = range.FirstOffset + range.FirstLength;
        var contentsEnd = range.SecondOffset;
        if (range.FirstOffset < 0 || range.FirstLength <= 0 || range.SecondLength < 0
            || contentsEnd - contentsStart < 2 || range.SecondOffset + range.SecondLength > fileLength)
        {
            problem = $"The /ByteRange {range} does not fit a file of {fileLength} bytes with a hole between its ranges.";
            return TailLocation.NotFound;
        }

        if (contentsEnd > int.MaxValue)
        {
            problem = $"The /ByteRange {range} puts the signature beyond the 2 GiB this package handles.";
            return TailLocation.NotFound;
        }

        // Everything below is read between the /Contents key before the hex string and the end of both.
        if (windowOffset > 0 && contentsStart - windowOffset < "/Contents"u8.Length)
        {
            problem = "The signature /Contents starts before the bytes read.";
            return TailLocation.NeedMore;
        }

        var start = (int)(contentsStart - windowOffset);
        var end = (int)(contentsEnd - windowOffset);
        if (window[start] != '<' || window[end - 1] != '>')
        {
            problem = $"The gap of the /ByteRange {range} is not a hex string <...>.";
            return TailLocation.NotFound;
        }

        var hex = window[(start + 1)..(end - 1)];
        if (hex.Length % 2 != 0 || hex.IndexOfAnyExcept(HexDigits) >= 0)
        {
            problem = "The signature /Contents is not an even-length run of hex digits.";
            return TailLocation.NotFound;
        }

        var keyStart = SkipWhiteSpaceBackwards(window, start);
        if (keyStart < "/Contents"u8.Length && windowOffset > 0)
        {
            problem = "The /Contents key starts before the bytes read.";
            return TailLocation.NeedMore;
        }

        if (!window[..keyStart].EndsWith("/Contents"u8))
        {
            problem = "The gap of the /ByteRange is not the value of a /Contents key.";
            return TailLocation.NotFound;
        }

        var low = Math.Min(keyIndex, start);
        var high = Math.Max(keyIndex, end);
        if (window[low..high].IndexOf("endobj"u8) >= 0)
        {
            problem = "The /ByteRange and its /Contents belong to different PDF objects.";
            return TailLocation.NotFound;
        }

        var coversWholeFile = range.FirstOffset == 0 && range.SecondOffset + range.SecondLength == fileLength;
        hole = new SignatureHole(range, (int)contentsStart, (int)contentsEnd, coversWholeFile);
        problem = string.Empty;
        return TailLocation.Found;
    }

    /// <summary>
    /// Parses the <c>/ByteRange</c> array after the key at <paramref name="keyOffset"/>, reading a little of the file and
    /// more while the array may run past what was read.
    /// </summary>
    private static bool TryReadByteRangeAt(PdfSource source, long keyOffset, out PdfByteRange range, out int headLength)
    {
        for (var length = ByteRangeHead; ; length *= 4)
        {
            var head = source.Read(keyOffset, length).Span;
            headLength = head.Length;
            if (TryParseByteRange(head, ByteRangeKey.Length, out range))
            {
                return true;
            }

            if (head.Length < length || length >= MaxByteRangeHead)
            {
                return false;
            }
        }
    }

    private static bool TryParseByteRange(ReadOnlySpan<byte> pdf, int position, out PdfByteRange range)
    {
        range = default;
        position = SkipWhiteSpace(pdf, position);
        if (position >= pdf.Length || pdf[position] != '[')
        {
            return false;
        }

        Span<long> values = stackalloc long[4];
        position++;
        for (var i = 0; i < values.Length; i++)
        {
            position = SkipWhiteSpace(pdf, position);
            if (!TryParseNonNegativeInteger(pdf, ref position, out values[i]))
            {
                return false;
            }
        }

        position = SkipWhiteSpace(pdf, position);
        if (position >= pdf.Length || pdf[position] != ']')
        {
            return false;
        }

        range = new PdfByteRange(values[0], values[1], values[2], values[3]);
        return true;
    }

    private static bool TryParseNonNegativeInteger(ReadOnlySpan<byte> pdf, ref int position, out long value)
    {
        value = 0;
        var digits = 0;
        while (position < pdf.Length && pdf[position] is >= (byte)'0' and <= (byte)'9')
        {
            if (++digits > MaxIntegerDigits)
            {
                return false;
            }

            value = (value * 10) + (pdf[position] - '0');
            position++;
        }

        return digits > 0;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> pdf, int position)
    {
        while (position < pdf.Length && PdfSyntax.IsWhiteSpace(pdf[position]))
        {
            position++;
        }

        return position;
    }

    private static int SkipWhiteSpaceBackwards(ReadOnlySpan<byte> pdf, int position)
    {
        while (position > 0 && PdfSyntax.IsWhiteSpace(pdf[position - 1]))
        {
            position--;
        }

        return position;
    }
}

/// <summary>What <see cref="SignatureLocator.TryLocateLastInTail"/> found.</summary>
internal enum TailLocation
{
    /// <summary>A usable signature.</summary>
    Found,

    /// <summary>No usable signature; the problem says why.</summary>
    NotFound,

    /// <summary>The answer depends on bytes before the tail.</summary>
    NeedMore,
}
