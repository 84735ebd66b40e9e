using System.Globalization;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// Reads PDF objects (ISO 32000-1 §7.2–7.3) from bytes in memory or, on demand, from a <see cref="PdfSource"/>: a lexer
/// and a recursive-descent parser in one. It keeps each object's source bytes and throws
/// <see cref="PdfFormatException"/> for anything it cannot read.
/// </summary>
internal sealed class PdfParser
{
    /// <summary>Most objects a signature changes are a few hundred bytes; a larger one makes the window grow.</summary>
    private const int InitialWindow = 4 * 1024;

    /// <summary>Real documents nest a handful of levels; the limit keeps hostile input from exhausting the stack.</summary>
    private const int MaxNesting = 100;

    /// <summary>
    /// How far one parse may read from where it started in a file: far beyond any object a signature reads (a classic
    /// cross-reference table of three million entries fits), but a stream with a wrong <c>/Length</c> and no
    /// <c>endstream</c> must not pull the rest of a 2 GiB file into memory.
    /// </summary>
    internal const int MaxObjectLength = 64 * 1024 * 1024;

    private readonly PdfSource? _source;
    private readonly long _origin;

    /// <summary>The bytes read so far, from <see cref="_origin"/>. Replaced (never changed) when it grows, so slices stay valid.</summary>
    private ReadOnlyMemory<byte> _data;

    /// <summary>Parses <paramref name="data"/>, which is all there is (a decoded object stream, a test string).</summary>
    public PdfParser(ReadOnlyMemory<byte> data)
    {
        _data = data;
    }

    /// <summary>
    /// Parses the file from <paramref name="offset"/> on, reading it on demand: first a few KiB, then twice as much
    /// whenever the parser needs a byte beyond what it has, so that an object costs about its own size in memory.
    /// </summary>
    public PdfParser(PdfSource source, long offset)
    {
        _source = source;
        _origin = offset;
        _data = source.Read(offset, InitialWindow);
    }

    /// <summary>The position relative to where parsing started.</summary>
    public int Position { get; set; }

    /// <summary>How many bytes there are from where parsing started to the end of the data or file.</summary>
    private long AvailableLength => _source is null ? _data.Length : _source.Length - _origin;

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
            value = new PdfStream(dictionary, data) { Source = SourceFrom(start) };
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
        for (var i = 0; i < keyword.Length; i++)
        {
            if (!Has(start + i) || At(start + i) != keyword[i])
            {
                return false;
            }
        }

        if (!IsTokenEnd(start + keyword.Length))
        {
            return false;
        }

        Position = start + keyword.Length;
        return true;
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
        while (Has(Position))
        {
            var b = At(Position);
            if (PdfSyntax.IsWhiteSpace(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Has(Position) && At(Position) is not (byte)'\r' and not (byte)'\n')
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
        new(string.Format(CultureInfo.InvariantCulture, "Malformed PDF syntax at byte {0}: {1}.", _origin + Position, problem));

    /// <summary>
    /// Whether there is a byte at <paramref name="position"/>, reading more of the file when the parser reads a file
    /// and has not reached its end: at least up to that byte, and at least twice what it had.
    /// </summary>
    private bool Has(int position)
    {
        if (position < _data.Length)
        {
            return true;
        }

        if (_source is null || _data.Length >= AvailableLength)
        {
            return false;
        }

        if (position >= MaxObjectLength)
        {
            throw Error($"an object or cross-reference section runs on for more than {MaxObjectLength} bytes (a stream without 'endstream'?)");
        }

        var wanted = Math.Min(Math.Max(position + 1L, _data.Length * 2L), MaxObjectLength);
        _data = _source.Read(_origin, (int)Math.Min(wanted, AvailableLength));
        return position < _data.Length;
    }

    /// <summary>The byte at <paramref name="position"/>; call <see cref="Has"/> first.</summary>
    private byte At(int position) => _data.Span[position];

    /// <summary>The source bytes of what was read from <paramref name="start"/> to the current position.</summary>
    private ReadOnlyMemory<byte> SourceFrom(int start) => _data.Slice(start, Position - start);

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
        if (!Has(start))
        {
            throw Error("unexpected end of data");
        }

        switch (At(start))
        {
            case (byte)'/':
                Position++;
                return new PdfName(ReadNameBody()) { Source = SourceFrom(start) };
            case (byte)'(':
                return new PdfString(ReadLiteralString()) { Source = SourceFrom(start) };
            case (byte)'<' when Has(start + 1) && At(start + 1) == '<':
                return ReadDictionary(start, depth);
            case (byte)'<':
                return new PdfString(ReadHexString()) { Source = SourceFrom(start) };
            case (byte)'[':
                return ReadArray(start, depth);
        }

        var token = ReadRegularToken();
        if (token.Length == 0)
        {
            throw Error($"unexpected character '{(char)At(start)}'");
        }

        switch (token)
        {
            case "true":
            case "false":
                return new PdfBoolean(token == "true") { Source = SourceFrom(start) };
            case "null":
                return new PdfNull { Source = SourceFrom(start) };
        }

        if (!IsNumber(token))
        {
            Position = start;
            throw Error($"unexpected token '{token}'");
        }

        if (IsInteger(token) && token[0] is not ('+' or '-') && TryReadReferenceTail(token, out var reference))
        {
            return new PdfReference(reference.Number, reference.Generation) { Source = SourceFrom(start) };
        }

        return new PdfNumber(token) { Source = SourceFrom(start) };
    }

    private PdfDictionary ReadDictionary(int start, int depth)
    {
        Position = start + 2;
        var entries = new List<KeyValuePair<string, PdfObject>>();
        while (true)
        {
            var at = SkipToToken();
            if (Has(at + 1) && At(at) == '>' && At(at + 1) == '>')
            {
                Position += 2;
                return new PdfDictionary(entries) { Source = SourceFrom(start) };
            }

            if (!Has(at) || At(at) != '/')
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
            if (Has(at) && At(at) == ']')
            {
                Position++;
                return new PdfArray(items) { Source = SourceFrom(start) };
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
        while (Has(Position) && !PdfSyntax.IsWhiteSpace(At(Position)) && !PdfSyntax.IsDelimiter(At(Position)))
        {
            Position++;
        }

        return Encoding.Latin1.GetString(_data.Span.Slice(start, Position - start));
    }

    /// <summary>The characters of a name after the slash, with <c>#xx</c> escapes decoded (§7.3.5).</summary>
    private string ReadNameBody()
    {
        var builder = new StringBuilder();
        while (Has(Position) && !PdfSyntax.IsWhiteSpace(At(Position)) && !PdfSyntax.IsDelimiter(At(Position)))
        {
            var b = At(Position);
            if (b == '#' && Has(Position + 2) && PdfSyntax.IsHexDigit(At(Position + 1)) && PdfSyntax.IsHexDigit(At(Position + 2)))
            {
                builder.Append((char)((HexValue(At(Position + 1)) << 4) | HexValue(At(Position + 2))));
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
        var output = new List<byte>();
        var nesting = 0;
        Position++;
        while (true)
        {
            if (!Has(Position))
            {
                throw Error("unterminated literal string");
            }

            var b = At(Position++);
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
                    if (Has(Position) && At(Position) == '\n')
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
        if (!Has(Position))
        {
            throw Error("unterminated literal string");
        }

        var b = At(Position++);
        switch (b)
        {
            case (byte)'n': output.Add((byte)'\n'); break;
            case (byte)'r': output.Add((byte)'\r'); break;
            case (byte)'t': output.Add((byte)'\t'); break;
            case (byte)'b': output.Add((byte)'\b'); break;
            case (byte)'f': output.Add((byte)'\f'); break;
            case (byte)'\r':
                // A backslash at the end of a line continues the string on the next line.
                if (Has(Position) && At(Position) == '\n')
                {
                    Position++;
                }

                break;
            case (byte)'\n':
                break;
            case >= (byte)'0' and <= (byte)'7':
                var value = b - '0';
                for (var digits = 1; digits < 3 && Has(Position) && At(Position) is >= (byte)'0' and <= (byte)'7'; digits++)
                {
                    value = (value * 8) + (At(Position++) - '0');
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
        var output = new List<byte>();
        var high = -1;
        Position++;
        while (true)
        {
            if (!Has(Position))
            {
                throw Error("unterminated hexadecimal string");
            }

            var b = At(Position++);
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
        if (Has(Position) && At(Position) == '\r')
        {
            Position++;
        }

        if (Has(Position) && At(Position) == '\n')
        {
            Position++;
        }

        var dataStart = Position;
        // Within the bytes one parse may read, so that the end cannot overflow; a larger /Length is taken for wrong.
        if (declaredLength is { } length && length >= 0 && length <= Math.Min(AvailableLength, MaxObjectLength) - dataStart)
        {
            Position = dataStart + (int)length;
            if (TryReadKeyword("endstream"u8))
            {
                return _data.Slice(dataStart, (int)length);
            }
        }

        var end = FindEndStream(dataStart);
        if (end < 0)
        {
            Position = dataStart;
            throw Error("a stream has no 'endstream'");
        }

        Position = end + "endstream"u8.Length;
        var dataEnd = end;

        // The end-of-line before 'endstream' is not part of the data.
        if (dataEnd > dataStart && At(dataEnd - 1) == '\n')
        {
            dataEnd--;
        }

        if (dataEnd > dataStart && At(dataEnd - 1) == '\r')
        {
            dataEnd--;
        }

        return _data.Slice(dataStart, dataEnd - dataStart);
    }

    /// <summary>The position of the first <c>endstream</c> from <paramref name="from"/>, reading more of the file until it is found; -1 if none.</summary>
    private int FindEndStream(int from)
    {
        var searchFrom = from;
        while (true)
        {
            var index = _data.Span.Slice(searchFrom).IndexOf("endstream"u8);
            if (index >= 0)
            {
                return searchFrom + index;
            }

            var searched = _data.Length;
            if (!Has(searched))
            {
                return -1;
            }

            // The keyword may straddle the end of what was searched.
            searchFrom = Math.Max(from, searched - ("endstream"u8.Length - 1));
        }
    }

    private bool IsTokenEnd(int position) =>
        !Has(position) || PdfSyntax.IsWhiteSpace(At(position)) || PdfSyntax.IsDelimiter(At(position));

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
