using System.Globalization;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// Serialises PDF objects (ISO 32000-1 §7.3). Objects read from a file are written as their source bytes; objects
/// built in code in a compact form (<c>&lt;&lt;/Type/Sig/SigFlags 3&gt;&gt;</c>). Records where each
/// <see cref="PdfVerbatim"/> lands.
/// </summary>
/// <param name="baseOffset">The file offset of the first byte written here.</param>
/// <param name="capacity">The initial size of the buffer, so that a known-large output does not grow it step by step.</param>
internal sealed class PdfOutput(long baseOffset = 0, int capacity = 0) : IDisposable
{
    /// <summary>What <see cref="PdfZeroHexString"/> is written from, a slice at a time.</summary>
    private static readonly byte[] Zeros = CreateZeros();

    private readonly MemoryStream _stream = new(capacity);
    private readonly Dictionary<string, long> _marks = [];

    /// <summary>The file offset of the first byte written here: the length of the original bytes this follows.</summary>
    public long BaseOffset => baseOffset;

    /// <summary>The file offset of the next byte (<see cref="BaseOffset"/> plus what was written).</summary>
    public long Position => baseOffset + _stream.Position;


    /// <summary>Offsets of the <see cref="PdfVerbatim"/> and <see cref="PdfZeroHexString"/> objects written, by marker, as file offsets.</summary>
    public IReadOnlyDictionary<string, long> Marks => _marks;

    public void Write(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void WriteAscii(string text) => Write(Encoding.ASCII.GetBytes(text));

    public void WriteInvariant(FormattableString text) => WriteAscii(text.ToString(CultureInfo.InvariantCulture));

    public void WriteObject(PdfObject value)
    {
        if (!value.Source.IsEmpty)
        {
            Write(value.Source.Span);
            return;
        }

        switch (value)
        {
            case PdfVerbatim verbatim:
                _marks[verbatim.Marker] = Position;
                Write(verbatim.Bytes);
                break;
            case PdfZeroHexString zeros:
                _marks[zeros.Marker] = Position;
                Write("<"u8);
                for (var left = zeros.Digits; left > 0; left -= Zeros.Length)
                {
                    Write(Zeros.AsSpan(0, Math.Min(left, Zeros.Length)));
                }

                Write(">"u8);
                break;
            case PdfNull:
                WriteAscii("null");
                break;
            case PdfBoolean boolean:
                WriteAscii(boolean.Value ? "true" : "false");
                break;
            case PdfNumber number:
                WriteAscii(number.Text);
                break;
            case PdfName name:
                WriteName(name.Value);
                break;
            case PdfString text:
                WriteString(text.Bytes);
                break;
            case PdfReference reference:
                WriteAscii(reference.ToString());
                break;
            case PdfArray array:
                WriteArray(array);
                break;
            case PdfDictionary dictionary:
                WriteDictionary(dictionary);
                break;
            default:
                throw new InvalidOperationException($"{value.GetType().Name} cannot be written as a direct object.");
        }
    }

    /// <summary>
    /// What was written, in the buffer it was written to (no copy). The buffer stays valid after <see cref="Dispose"/>:
    /// disposing a <see cref="MemoryStream"/> releases nothing.
    /// </summary>
    public ArraySegment<byte> Written => _stream.TryGetBuffer(out var written) ? written : new ArraySegment<byte>(_stream.ToArray());

    public void Dispose() => _stream.Dispose();

    private void WriteArray(PdfArray array)
    {
        Write("["u8);
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (i > 0)
            {
                Write(" "u8);
            }

            WriteObject(array.Items[i]);
        }

        Write("]"u8);
    }

    private void WriteDictionary(PdfDictionary dictionary)
    {
        Write("<<"u8);
        foreach (var (key, value) in dictionary.Entries)
        {
            WriteName(key);

            // A name ends at the next delimiter, so only a value starting with a regular character needs a space.
            if (!StartsWithDelimiter(value))
            {
                Write(" "u8);
            }

            WriteObject(value);
        }

        Write(">>"u8);
    }

    /// <summary>A name with every byte outside <c>!</c>..<c>~</c>, every delimiter and <c>#</c> escaped as <c>#xx</c> (§7.3.5).</summary>
    private void WriteName(string name)
    {
        var builder = new StringBuilder("/");
        foreach (var c in name)
        {
            var b = (byte)c;
            if (b is < 0x21 or > 0x7E || b == '#' || PdfSyntax.IsDelimiter(b))
            {
                builder.Append(CultureInfo.InvariantCulture, $"#{b:X2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        WriteAscii(builder.ToString());
    }

    /// <summary>Printable ASCII as a literal string with <c>\</c>, <c>(</c> and <c>)</c> escaped; anything else as hex.</summary>
    private void WriteString(byte[] bytes)
    {
        if (bytes.Any(b => b is < 0x20 or > 0x7E))
        {
            WriteAscii($"<{Convert.ToHexString(bytes)}>");
            return;
        }

        var builder = new StringBuilder("(");
        foreach (var b in bytes)
        {
            if (b is (byte)'\\' or (byte)'(' or (byte)')')
            {
                builder.Append('\\');
            }

            builder.Append((char)b);
        }

        WriteAscii(builder.Append(')').ToString());
    }

    private static byte[] CreateZeros()
    {
        var zeros = new byte[1024];
        zeros.AsSpan().Fill((byte)'0');
        return zeros;
    }

    private static bool StartsWithDelimiter(PdfObject value)
    {
        if (!value.Source.IsEmpty)
        {
            return PdfSyntax.IsDelimiter(value.Source.Span[0]);
        }

        return value switch
        {
            PdfVerbatim verbatim => verbatim.Bytes.Length > 0 && PdfSyntax.IsDelimiter(verbatim.Bytes[0]),
            PdfZeroHexString => true,
            PdfName or PdfString or PdfArray or PdfDictionary => true,
            _ => false,
        };
    }
}
