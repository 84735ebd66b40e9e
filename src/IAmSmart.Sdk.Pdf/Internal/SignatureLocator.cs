using System.Buffers;

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

    /// <summary>Every byte a hex string may contain.</summary>
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    public static bool TryLocateLast(ReadOnlySpan<byte> pdf, out SignatureHole hole, out string problem)
    {
        var keyIndex = PdfSyntax.LastIndexOfName(pdf, "/ByteRange"u8);
        if (keyIndex < 0)
        {
            hole = default;
            problem = NoByteRange;
            return false;
        }

        return TryLocateAt(pdf, keyIndex, out hole, out problem);
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
            found.Add(TryLocateAt(pdf, keyIndex, out var hole, out var problem) ? (hole, string.Empty) : (null, problem));
        }

        return found;
    }

    private static bool TryLocateAt(ReadOnlySpan<byte> pdf, int keyIndex, out SignatureHole hole, out string problem)
    {
        hole = default;
        if (!TryParseByteRange(pdf, keyIndex + "/ByteRange"u8.Length, out var range))
        {
            problem = "The /ByteRange is not an array of four non-negative integers.";
            return false;
        }

        var contentsStart = range.FirstOffset + range.FirstLength;
        var contentsEnd = range.SecondOffset;
        if (range.FirstOffset < 0 || range.FirstLength <= 0 || range.SecondLength < 0
            || contentsEnd - contentsStart < 2 || range.SecondOffset + range.SecondLength > pdf.Length)
        {
            problem = $"The /ByteRange {range} does not fit a file of {pdf.Length} bytes with a hole between its ranges.";
            return false;
        }

        var start = (int)contentsStart;
        var end = (int)contentsEnd;
        if (pdf[start] != '<' || pdf[end - 1] != '>')
        {
            problem = $"The gap of the /ByteRange {range} is not a hex string <...>.";
            return false;
        }

        var hex = pdf[(start + 1)..(end - 1)];
        if (hex.Length % 2 != 0 || hex.IndexOfAnyExcept(HexDigits) >= 0)
        {
            problem = "The signature /Contents is not an even-length run of hex digits.";
            return false;
        }

        if (!IsPrecededByContentsKey(pdf, start))
        {
            problem = "The gap of the /ByteRange is not the value of a /Contents key.";
            return false;
        }

        var low = Math.Min(keyIndex, start);
        var high = Math.Max(keyIndex, end);
        if (pdf[low..high].IndexOf("endobj"u8) >= 0)
        {
            problem = "The /ByteRange and its /Contents belong to different PDF objects.";
            return false;
        }

        var coversWholeFile = range.FirstOffset == 0 && range.SecondOffset + range.SecondLength == pdf.Length;
        hole = new SignatureHole(range, start, end, coversWholeFile);
        problem = string.Empty;
        return true;
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

    private static bool IsPrecededByContentsKey(ReadOnlySpan<byte> pdf, int hexStart)
    {
        var position = hexStart;
        while (position > 0 && PdfSyntax.IsWhiteSpace(pdf[position - 1]))
        {
            position--;
        }

        return pdf[..position].EndsWith("/Contents"u8);
    }
}
