using System.Globalization;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// Reads PDF objects (ISO 32000-1 §7.2–7.3) from bytes: a lexer and a recursive-descent parser in one. It keeps each
/// object's source bytes and throws <see cref="PdfFormatException"/> for anything it cannot read.
/// </summary>
internal sealed class PdfParser(ReadOnlyMemory<byte> data)
{
    /// <summary>Real documents nest a handful of levels; the limit keeps hostile input from exhausting the stack.</summary>
    private const int MaxNesting = 100;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public int Position { get; set; }

    private ReadOnlySpan<byte> Span => Data.Span;

    /// <summary>Reads one direct object at the current position.</summary>
    public PdfObject ReadObject() => ReadValue(0);

    /// <summary>
    /// Reads <c>n g obj … endobj</c> at the current position. A stream's length comes from <paramref name="resolveLength"/>
    /// (its <c>/Length</c> may be an indirect reference) and, when that is missing or wrong, from the <c>endstream</c> keyword.
    /// </summary>
    public (int Number, int Generation, PdfObject Value) ReadIndirectObject(Func<PdfObject?, long?> resolveLength)
    {
        var number = ReadObjectNumber("object number");
        var generation = ReadObjectNumber("generation number");
        if (!TryReadKeyword("obj"u8))
        {
            throw Error("expected the keyword 'obj'");
        }

        var start = SkipToToken();
        var value = ReadValue(0);
        if (value is PdfDictionary dictionary && TryReadKeyword("stream"u8))
        {
            var data = ReadStreamData(resolveLength(dictionary["Length"]));
            value = new PdfStream(dictionary, data) { Source = Data[start..Position] };
        }

        // Some writers omit 'endobj'; the object is complete without it.
        TryReadKeyword("endobj"u8);
        return (number, generation, value);
    }

    /// <summary>Reads an integer token, or throws naming <paramref name="what"/>.</summary>
    public long ReadInteger(string what)
    {
        var start = SkipToToken();
        var token = ReadRegularToken();
        if (!IsInteger(token) || !long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Position = start;
            throw Error($"expected {what}");
        }

        return value;
    }

    /// <summary>Reads <paramref name="keyword"/> if it is the next token, else leaves the position alone.</summary>
    public bool TryReadKeyword(ReadOnlySpan<byte> keyword)
    {
        var start = SkipToToken();
        if (Span[start..].StartsWith(keyword) && IsTokenEnd(start + keyword.Length))
        {
            Position = start + keyword.Length;
            return true;
        }

        return false;
    }

    /// <summary>Whether the next token is an integer (without consuming it).</summary>
    public bool NextIsInteger()
    {
        var start = SkipToToken();
        var isInteger = IsInteger(ReadRegularToken());
        Position = start;
        return isInteger;
    }

    /// <summary>Skips white space and comments; returns the new position.</summary>
    public int SkipToToken()
    {
        var span = Span;
        while (Position < span.Length)
        {
            if (PdfSyntax.IsWhiteSpace(span[Position]))
            {
                Position++;
            }
            else if (span[Position] == '%')
            {
                while (Position < span.Length && span[Position] is not (byte)'\r' and not (byte)'\n')
                {
                    Position++;
                }
            }
            else
            {
                break;
            }
        }

        return Position;
    }

    public PdfFormatException Error(string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Malformed PDF syntax at byte {Position}: {problem}."));

    private int ReadObjectNumber(string what)
    {
        var value = ReadInteger(what);
        return value is < 0 or > int.MaxValue ? throw Error($"the {what} {value} is out of range") : (int)value;
    }

    private PdfObject ReadValue(int depth)
    {
        if (depth > MaxNesting)
        {
            throw Error($"objects are nested more than {MaxNesting} deep");
        }

        var start = SkipToToken();
        if (start >= Span.Length)
        {
            throw Error("unexpected end of data");
        }

        switch (Span[start])
        {
            case (byte)'/':
                Position++;
                return new PdfName(ReadNameBody()) { Source = Data[start..Position] };
            case (byte)'(':
                return new PdfString(ReadLiteralString()) { Source = Data[start..Position] };
            case (byte)'<' when start + 1 < Span.Length && Span[start + 1] == '<':
                return ReadDictionary(start, depth);
            case (byte)'<':
                return new PdfString(ReadHexString()) { Source = Data[start..Position] };
            case (byte)'[':
                return ReadArray(start, depth);
        }

        var token = ReadRegularToken();
        if (token.Length == 0)
        {
            throw Error($"unexpected character '{(char)Span[start]}'");
        }

        switch (token)
        {
            case "true":
            case "false":
                return new PdfBoolean(token == "true") { Source = Data[start..Position] };
            case "null":
                return new PdfNull { Source = Data[start..Position] };
        }

        if (!IsNumber(token))
        {
            Position = start;
            throw Error($"unexpected token '{token}'");
        }

        if (IsInteger(token) && token[0] is not ('+' or '-') && TryReadReferenceTail(token, out var reference))
        {
            return new PdfReference(reference.Number, reference.Generation) { Source = Data[start..Position] };
        }

        return new PdfNumber(token) { Source = Data[start..Position] };
    }

    private PdfDictionary ReadDictionary(int start, int depth)
    {
        Position = start + 2;
        var entries = new List<KeyValuePair<string, PdfObject>>();
        while (true)
        {
            var at = SkipToToken();
            if (Span[at..].StartsWith(">>"u8))
            {
                Position += 2;
                return new PdfDictionary(entries) { Source = Data[start..Position] };
            }

            if (at >= Span.Length || Span[at] != '/')
            {
                throw Error("expected a name as dictionary key or '>>'");
            }

            Position++;
            var key = ReadNameBody();
            entries.Add(new(key, ReadValue(depth + 1)));
        }
    }

    private PdfArray ReadArray(int start, int depth)
    {
        Position = start + 1;
        var items = new List<PdfObject>();
        while (true)
        {
            var at = SkipToToken();
            if (at < Span.Length && Span[at] == ']')
            {
                Position++;
                return new PdfArray(items) { Source = Data[start..Position] };
            }

            items.Add(ReadValue(depth + 1));
        }
    }

    /// <summary>After an unsigned integer: reads <c>g R</c> if it follows, else restores the position.</summary>
    private bool TryReadReferenceTail(string numberToken, out (int Number, int Generation) reference)
    {
        reference = default;
        var afterNumber = Position;
        SkipToToken();
        var generation = ReadRegularToken();
        if (IsInteger(generation) && generation[0] is not ('+' or '-')
            && TryReadKeyword("R"u8)
            && int.TryParse(numberToken, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && int.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out var generationNumber))
        {
            reference = (number, generationNumber);
            return true;
        }

        Position = afterNumber;
        return false;
    }

    private string ReadRegularToken()
    {
        var start = Position;
        var span = Span;
        while (Position < span.Length && !PdfSyntax.IsWhiteSpace(span[Position]) && !PdfSyntax.IsDelimiter(span[Position]))
        {
            Position++;
        }

        return Encoding.Latin1.GetString(span[start..Position]);
    }

    /// <summary>The characters of a name after the slash, with <c>#xx</c> escapes decoded (§7.3.5).</summary>
    private string ReadNameBody()
    {
        var span = Span;
        var builder = new StringBuilder();
        while (Position < span.Length && !PdfSyntax.IsWhiteSpace(span[Position]) && !PdfSyntax.IsDelimiter(span[Position]))
        {
            var b = span[Position];
            if (b == '#' && Position + 2 < span.Length && PdfSyntax.IsHexDigit(span[Position + 1]) && PdfSyntax.IsHexDigit(span[Position + 2]))
            {
                builder.Append((char)Convert.ToByte(Encoding.ASCII.GetString(span.Slice(Position + 1, 2)), 16));
                Position += 3;
            }
            else
            {
                builder.Append((char)b);
                Position++;
            }
        }

        return builder.ToString();
    }

    /// <summary>A literal string (§7.3.4.2): balanced parentheses, backslash escapes, end-of-line normalised to LF.</summary>
    private byte[] ReadLiteralString()
    {
        var span = Span;
        var output = new List<byte>();
        var nesting = 0;
        Position++;
        while (true)
        {
            if (Position >= span.Length)
            {
                throw Error("unterminated literal string");
            }

            var b = span[Position++];
            switch (b)
            {
                case (byte)'(':
                    nesting++;
                    output.Add(b);
                    break;
                case (byte)')' when nesting == 0:
                    return [.. output];
                case (byte)')':
                    nesting--;
                    output.Add(b);
                    break;
                case (byte)'\r':
                    if (Position < span.Length && span[Position] == '\n')
                    {
                        Position++;
                    }

                    output.Add((byte)'\n');
                    break;
                case (byte)'\\':
                    ReadEscape(output);
                    break;
                default:
                    output.Add(b);
                    break;
            }
        }
    }

    private void ReadEscape(List<byte> output)
    {
        var span = Span;
        if (Position >= span.Length)
        {
            throw Error("unterminated literal string");
        }

        var b = span[Position++];
        switch (b)
        {
            case (byte)'n': output.Add((byte)'\n'); break;
            case (byte)'r': output.Add((byte)'\r'); break;
            case (byte)'t': output.Add((byte)'\t'); break;
            case (byte)'b': output.Add((byte)'\b'); break;
            case (byte)'f': output.Add((byte)'\f'); break;
            case (byte)'\r':
                // A backslash at the end of a line continues the string on the next line.
                if (Position < span.Length && span[Position] == '\n')
                {
                    Position++;
                }

                break;
            case (byte)'\n':
                break;
            case >= (byte)'0' and <= (byte)'7':
                var value = b - '0';
                for (var digits = 1; digits < 3 && Position < span.Length && span[Position] is >= (byte)'0' and <= (byte)'7'; digits++)
                {
                    value = (value * 8) + (span[Position++] - '0');
                }

                output.Add((byte)value);
                break;
            default:
                // \( \) \\ and, for any other character, the character itself.
                output.Add(b);
                break;
        }
    }

    /// <summary>A hexadecimal string (§7.3.4.3): white space ignored, a missing final digit taken as 0.</summary>
    private byte[] ReadHexString()
    {
        var span = Span;
        var output = new List<byte>();
        var high = -1;
        Position++;
        while (true)
        {
            if (Position >= span.Length)
            {
                throw Error("unterminated hexadecimal string");
            }

            var b = span[Position++];
            if (b == '>')
            {
                if (high >= 0)
                {
                    output.Add((byte)(high << 4));
                }

                return [.. output];
            }

            if (PdfSyntax.IsWhiteSpace(b))
            {
                continue;
            }

            if (!PdfSyntax.IsHexDigit(b))
            {
                throw Error("a hexadecimal string contains a character that is not a hex digit");
            }

            var nibble = HexValue(b);
            if (high < 0)
            {
                high = nibble;
            }
            else
            {
                output.Add((byte)((high << 4) | nibble));
                high = -1;
            }
        }
    }

    /// <summary>
    /// Reads stream data after the <c>stream</c> keyword: the end-of-line marker, then <paramref name="declaredLength"/>
    /// bytes if <c>endstream</c> follows them, otherwise everything up to <c>endstream</c>.
    /// </summary>
    private ReadOnlyMemory<byte> ReadStreamData(long? declaredLength)
    {
        var span = Span;
        if (Position < span.Length && span[Position] == '\r')
        {
            Position++;
        }

        if (Position < span.Length && span[Position] == '\n')
        {
            Position++;
        }

        var dataStart = Position;
        if (declaredLength is { } length && length >= 0 && length <= span.Length - dataStart)
        {
            Position = dataStart + (int)length;
            if (TryReadKeyword("endstream"u8))
            {
                return Data.Slice(dataStart, (int)length);
            }
        }

        var end = span[dataStart..].IndexOf("endstream"u8);
        if (end < 0)
        {
            Position = dataStart;
            throw Error("a stream has no 'endstream'");
        }

        Position = dataStart + end + "endstream"u8.Length;
        var dataEnd = dataStart + end;

        // The end-of-line before 'endstream' is not part of the data.
        if (dataEnd > dataStart && span[dataEnd - 1] == '\n')
        {
            dataEnd--;
        }

        if (dataEnd > dataStart && span[dataEnd - 1] == '\r')
        {
            dataEnd--;
        }

        return Data[dataStart..dataEnd];
    }

    private bool IsTokenEnd(int position) =>
        position >= Span.Length || PdfSyntax.IsWhiteSpace(Span[position]) || PdfSyntax.IsDelimiter(Span[position]);

    private static bool IsInteger(string token)
    {
        var digits = token.AsSpan().TrimStart("+-");
        return digits.Length > 0 && digits.Length <= 18 && token.Length - digits.Length <= 1 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsNumber(string token)
    {
        var body = token.AsSpan().TrimStart("+-");
        if (token.Length - body.Length > 1)
        {
            return false;
        }

        var digits = 0;
        var dots = 0;
        foreach (var c in body)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c != '.' || ++dots > 1)
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static int HexValue(byte b) => b switch
    {
        <= (byte)'9' => b - '0',
        <= (byte)'F' => b - 'A' + 10,
        _ => b - 'a' + 10,
    };
}
