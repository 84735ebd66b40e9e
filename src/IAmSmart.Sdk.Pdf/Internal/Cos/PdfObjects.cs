using System.Globalization;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// A PDF object (ISO 32000-1 §7.3), as far as signing needs one. Objects read from a file keep their exact source
/// bytes, so that an object written back into an incremental update carries every value it does not change verbatim.
/// </summary>
internal abstract class PdfObject
{
    /// <summary>The bytes this object was parsed from; empty for an object built in code.</summary>
    public ReadOnlyMemory<byte> Source { get; init; }
}

/// <summary>The <c>null</c> object; also what a reference to a missing object resolves to (§7.3.10).</summary>
internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();
}

internal sealed class PdfBoolean(bool value) : PdfObject
{
    public bool Value { get; } = value;
}

/// <summary>An integer or real number, kept as written so that reals are never reformatted.</summary>
internal sealed class PdfNumber(string text) : PdfObject
{
    public string Text { get; } = text;

    public static PdfNumber Of(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public bool TryGetInteger(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

/// <summary>A name, without its slash and with <c>#xx</c> escapes decoded (bytes kept as Latin-1 characters).</summary>
internal sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;
}

/// <summary>A literal or hexadecimal string, decoded to its bytes.</summary>
internal sealed class PdfString(byte[] bytes) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>Decodes a text string (§7.9.2.2): UTF-16BE or UTF-8 with a byte order mark, else PDFDocEncoding.</summary>
    /// <remarks>PDFDocEncoding is approximated by Latin-1; they differ only in characters field names do not use.</remarks>
    public string ToText()
    {
        var bytes = Bytes.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
            ? Encoding.UTF8.GetString(bytes[3..])
            : Encoding.Latin1.GetString(bytes);
    }
}

internal sealed class PdfArray(IReadOnlyList<PdfObject> items) : PdfObject
{
    public IReadOnlyList<PdfObject> Items { get; } = items;

    /// <summary>A new array with one more item; the source bytes are not kept, as they no longer match.</summary>
    public PdfArray Append(PdfObject item) => new([.. Items, item]);
}

/// <summary>A dictionary with its entries in file order (keys without the slash).</summary>
internal sealed class PdfDictionary(IReadOnlyList<KeyValuePair<string, PdfObject>> entries) : PdfObject
{
    public IReadOnlyList<KeyValuePair<string, PdfObject>> Entries { get; } = entries;

    public PdfObject? this[string key]
    {
        get
        {
            // Duplicate keys are invalid; like most readers, the last one wins.
            for (var i = Entries.Count - 1; i >= 0; i--)
            {
                if (Entries[i].Key == key)
                {
                    return Entries[i].Value;
                }
            }

            return null;
        }
    }

    /// <summary>A copy with <paramref name="key"/> set: replaced where it was, or appended.</summary>
    public PdfDictionary With(string key, PdfObject value)
    {
        var entries = new List<KeyValuePair<string, PdfObject>>(Entries.Count + 1);
        var replaced = false;
        foreach (var entry in Entries)
        {
            if (entry.Key != key)
            {
                entries.Add(entry);
            }
            else if (!replaced)
            {
                entries.Add(new(key, value));
                replaced = true;
            }
        }

        if (!replaced)
        {
            entries.Add(new(key, value));
        }

        return new PdfDictionary(entries);
    }

    public string? GetName(string key) => (this[key] as PdfName)?.Value;
}

/// <summary>An indirect reference <c>n g R</c>.</summary>
internal sealed class PdfReference(int number, int generation) : PdfObject
{
    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Generation} R");
}

/// <summary>A stream: its dictionary and its still-encoded data.</summary>
internal sealed class PdfStream(PdfDictionary dictionary, ReadOnlyMemory<byte> encodedData) : PdfObject
{
    public PdfDictionary Dictionary { get; } = dictionary;

    public ReadOnlyMemory<byte> EncodedData { get; } = encodedData;
}

/// <summary>
/// Syntax written verbatim, whose position in the output is recorded under <see cref="Marker"/>: used for the
/// fixed-width <c>/ByteRange</c> and <c>/Contents</c> stand-ins that are filled in after the file is complete.
/// </summary>
internal sealed class PdfVerbatim(string marker, byte[] bytes) : PdfObject
{
    public string Marker { get; } = marker;

    public byte[] Bytes { get; } = bytes;
}

/// <summary>
/// A hex string of <see cref="Digits"/> zeros, written without being built in memory first, whose position in the
/// output is recorded under <see cref="Marker"/>: the <c>/Contents</c> placeholder, up to 2 MiB of hex.
/// </summary>
internal sealed class PdfZeroHexString(string marker, int digits) : PdfObject
{
    public string Marker { get; } = marker;

    public int Digits { get; } = digits;
}

/// <summary>Builds text strings (§7.9.2.2) for values such as <c>/T</c> and <c>/Reason</c>.</summary>
internal static class PdfText
{
    /// <summary>
    /// ASCII text stays ASCII (ASCII is a subset of PDFDocEncoding apart from most control characters); anything else
    /// becomes UTF-16BE with a byte order mark, which every reader since PDF 1.2 understands.
    /// </summary>
    public static PdfString ToPdfString(string text)
    {
        var isAscii = text.All(c => c is >= ' ' and <= '~' or '\t' or '\n' or '\r');
        return new PdfString(isAscii ? Encoding.ASCII.GetBytes(text) : [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);
    }
}
