namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>Byte-level PDF lexing, just enough to find a signature without a full parser.</summary>
internal static class PdfSyntax
{
    /// <summary>The PDF header may be preceded by junk; readers accept it within the first 1024 bytes.</summary>
    public const int HeaderSearchWindow = 1024;

    public static bool HasPdfHeader(ReadOnlySpan<byte> pdf) =>
        pdf[..Math.Min(pdf.Length, HeaderSearchWindow)].IndexOf("%PDF-"u8) >= 0;

    public static bool IsWhiteSpace(byte b) => b is 0x00 or 0x09 or 0x0A or 0x0C or 0x0D or 0x20;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'['
        or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    /// <summary>Finds the last occurrence of a PDF name token (followed by white space, a delimiter or the end).</summary>
    public static int LastIndexOfName(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> name) => LastIndexOf(pdf, name, asName: true, pdf.Length);

    /// <summary>
    /// The last occurrence of <paramref name="value"/> in <paramref name="window"/> that starts before
    /// <paramref name="startLimit"/>, or -1. With <paramref name="asName"/>, only an occurrence followed by white space,
    /// a delimiter or the end of the window counts (a name token); bytes after <paramref name="startLimit"/> serve only
    /// for that check, so that a file can be searched in overlapping windows.
    /// </summary>
    public static int LastIndexOf(ReadOnlySpan<byte> window, ReadOnlySpan<byte> value, bool asName, int startLimit)
    {
        var searchEnd = Math.Min(window.Length, startLimit + value.Length - 1);
        while (searchEnd >= value.Length)
        {
            var index = window.Slice(0, searchEnd).LastIndexOf(value);
            if (index < 0)
            {
                return -1;
            }

            if (!asName || IsTokenEnd(window, index + value.Length))
            {
                return index;
            }

            searchEnd = index;
        }

        return -1;
    }

    /// <summary>Every occurrence of a PDF name token, in file order.</summary>
    public static List<int> IndexesOfName(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> name)
    {
        var indexes = new List<int>();
        var start = 0;
        while (start < pdf.Length)
        {
            var index = pdf[start..].IndexOf(name);
            if (index < 0)
            {
                break;
            }

            index += start;
            if (IsTokenEnd(pdf, index + name.Length))
            {
                indexes.Add(index);
            }

            start = index + 1;
        }

        return indexes;
    }

    /// <summary>
    /// Whether the first <paramref name="length"/> bytes are a complete revision: they end with <c>%%EOF</c> and
    /// an optional end-of-line, which is where an incremental update starts (ISO 32000-1 §7.5.6).
    /// </summary>
    public static bool EndsAtRevisionBoundary(ReadOnlySpan<byte> pdf, long length) =>
        length > 0 && length <= pdf.Length && pdf[..(int)length].TrimEnd(" \r\n"u8).EndsWith("%%EOF"u8);

    private static bool IsTokenEnd(ReadOnlySpan<byte> pdf, int position) =>
        position >= pdf.Length || IsWhiteSpace(pdf[position]) || IsDelimiter(pdf[position]);
}
