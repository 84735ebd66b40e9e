namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>Byte-level PDF lexing, just enough to find a signature without a full parser.</summary>
internal static class PdfSyntax
{
    /// <summary>The PDF header may be preceded by junk; readers accept it within the first 1024 bytes.</summary>
    private const int HeaderSearchWindow = 1024;

    public static bool HasPdfHeader(ReadOnlySpan<byte> pdf) =>
        pdf[..Math.Min(pdf.Length, HeaderSearchWindow)].IndexOf("%PDF-"u8) >= 0;

    /// <summary>
    /// Whether the file declares encryption. The <c>/Encrypt</c> key only occurs in a trailer or cross-reference stream
    /// dictionary, which are never compressed, so a byte scan finds it; <c>/EncryptMetadata</c> is excluded by
    /// requiring a delimiter after the name.
    /// </summary>
    public static bool DeclaresEncryption(ReadOnlySpan<byte> pdf) => ContainsName(pdf, "/Encrypt"u8);

    /// <summary>Whether the file has a <c>/ByteRange</c> key, i.e. a signature or a signature placeholder.</summary>
    public static bool ContainsByteRange(ReadOnlySpan<byte> pdf) => ContainsName(pdf, "/ByteRange"u8);

    public static bool IsWhiteSpace(byte b) => b is 0x00 or 0x09 or 0x0A or 0x0C or 0x0D or 0x20;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'['
        or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    /// <summary>Finds the last occurrence of a PDF name token (followed by white space, a delimiter or the end).</summary>
    public static int LastIndexOfName(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> name)
    {
        var searchEnd = pdf.Length;
        while (searchEnd > 0)
        {
            var index = pdf[..searchEnd].LastIndexOf(name);
            if (index < 0)
            {
                return -1;
            }

            if (IsTokenEnd(pdf, index + name.Length))
            {
                return index;
            }

            searchEnd = index;
        }

        return -1;
    }

    /// <summary>Counts the occurrences of an exact byte sequence.</summary>
    public static int CountOccurrences(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> value, out int firstIndex)
    {
        firstIndex = -1;
        var count = 0;
        var start = 0;
        while (start <= pdf.Length - value.Length)
        {
            var index = pdf[start..].IndexOf(value);
            if (index < 0)
            {
                break;
            }

            if (count == 0)
            {
                firstIndex = start + index;
            }

            count++;
            start += index + 1;
        }

        return count;
    }

    private static bool ContainsName(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> name) => LastIndexOfName(pdf, name) >= 0;

    private static bool IsTokenEnd(ReadOnlySpan<byte> pdf, int position) =>
        position >= pdf.Length || IsWhiteSpace(pdf[position]) || IsDelimiter(pdf[position]);
}
