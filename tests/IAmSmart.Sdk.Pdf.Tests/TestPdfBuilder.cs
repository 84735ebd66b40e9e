using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>How <see cref="TestPdfBuilder"/> writes the file structure.</summary>
public enum TestPdfLayout
{
    /// <summary>PDF 1.4 style: every object in the file, a classic <c>xref</c> table and <c>trailer</c>.</summary>
    ClassicXref,

    /// <summary>
    /// PDF 1.5 style: non-stream objects compressed in an object stream, and a Flate-compressed cross-reference stream
    /// with a PNG Up predictor, as Acrobat, Word and most libraries write them.
    /// </summary>
    XrefStream,

    /// <summary>A hybrid file: a classic table for old readers plus an <c>/XRefStm</c> for the compressed objects.</summary>
    Hybrid,
}

/// <summary>
/// Writes small, hand-checkable PDFs from object bodies, so that tests depend on no PDF library. Object numbers start
/// at 1 in the order objects are added.
/// </summary>
internal sealed class TestPdfBuilder
{
    private readonly List<(string Body, byte[]? Stream)> _objects = [];

    public int Add(string body)
    {
        _objects.Add((body, null));
        return _objects.Count;
    }

    /// <summary>Replaces the body of an object added earlier, for objects that must refer to later ones.</summary>
    public void Set(int number, string body) => _objects[number - 1] = (body, _objects[number - 1].Stream);

    /// <summary>Adds a stream; <paramref name="dictionaryEntries"/> is the dictionary without <c>/Length</c> or brackets.</summary>
    public int AddStream(string dictionaryEntries, byte[] data)
    {
        _objects.Add((dictionaryEntries, data));
        return _objects.Count;
    }

    /// <summary>Writes the file. <paramref name="trailerEntries"/> is added to the trailer (e.g. <c>/Info 5 0 R /ID [...]</c>).</summary>
    public byte[] Build(TestPdfLayout layout, int root, string trailerEntries = "")
    {
        using var output = new MemoryStream();
        Write(output, layout == TestPdfLayout.ClassicXref ? "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n" : "%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new Dictionary<int, long>();
        var compressed = new Dictionary<int, (int Stream, int Index)>();
        var inline = new List<int>();
        for (var number = 1; number <= _objects.Count; number++)
        {
            if (layout != TestPdfLayout.ClassicXref && _objects[number - 1].Stream is null)
            {
                compressed[number] = (0, compressed.Count);
            }
            else
            {
                inline.Add(number);
            }
        }

        foreach (var number in inline)
        {
            offsets[number] = output.Position;
            WriteObject(output, number, _objects[number - 1]);
        }

        var size = _objects.Count + 1;
        if (layout == TestPdfLayout.ClassicXref)
        {
            var xref = output.Position;
            Write(output, $"xref\n0 {size}\n0000000000 65535 f\r\n");
            for (var number = 1; number < size; number++)
            {
                Write(output, $"{offsets[number]:D10} 00000 n\r\n");
            }

            Write(output, $"trailer\n<</Size {size} /Root {root} 0 R {trailerEntries}>>\nstartxref\n{xref}\n%%EOF\n");
            return output.ToArray();
        }

        // The object stream, then the cross-reference stream, take the next two numbers.
        var objectStream = size;
        var xrefStream = size + 1;
        offsets[objectStream] = output.Position;
        WriteObjectStream(output, objectStream, compressed.Keys.Order().ToList());
        offsets[xrefStream] = output.Position;
        var totalSize = xrefStream + 1;
        if (layout == TestPdfLayout.XrefStream)
        {
            var rows = Enumerable.Range(0, totalSize).Select(n => Row(n, offsets, compressed, objectStream)).ToList();
            WriteXrefStream(output, xrefStream, rows, $"/Size {totalSize} /Root {root} 0 R {trailerEntries}");
            Write(output, $"startxref\n{offsets[xrefStream]}\n%%EOF\n");
            return output.ToArray();
        }

        // Hybrid: the stream lists only the compressed objects; the table lists the rest and points at the stream.
        var streamRows = compressed.Keys.Order().Select(n => (n, Row(n, offsets, compressed, objectStream))).ToList();
        WriteXrefStream(output, xrefStream, [.. streamRows.Select(r => r.Item2)],
            $"/Size {totalSize} /Index [{string.Join(' ', streamRows.Select(r => $"{r.n} 1"))}]");
        // The compressed objects are left out of the table, not listed as free: a reader takes the first entry it
        // finds for an object, so a free entry would hide the stream's entry (§7.5.8.4 shows gaps, too).
        var table = output.Position;
        Write(output, "xref\n0 1\n0000000000 65535 f\r\n");
        foreach (var number in offsets.Keys.Order())
        {
            Write(output, $"{number} 1\n{offsets[number]:D10} 00000 n\r\n");
        }

        Write(output, $"trailer\n<</Size {totalSize} /Root {root} 0 R /XRefStm {offsets[xrefStream]} {trailerEntries}>>\nstartxref\n{table}\n%%EOF\n");
        return output.ToArray();
    }

    private static byte[] Row(int number, Dictionary<int, long> offsets, Dictionary<int, (int Stream, int Index)> compressed, int objectStream)
    {
        var row = new byte[1 + 4 + 2];
        if (compressed.TryGetValue(number, out var place))
        {
            row[0] = 2;
            BinaryPrimitives.WriteUInt32BigEndian(row.AsSpan(1), (uint)objectStream);
            BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(5), (ushort)place.Index);
        }
        else if (offsets.TryGetValue(number, out var offset))
        {
            row[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(row.AsSpan(1), (uint)offset);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(5), 65535);
        }

        return row;
    }

    private void WriteObjectStream(MemoryStream output, int number, List<int> members)
    {
        var header = new StringBuilder();
        var body = new StringBuilder();
        foreach (var member in members)
        {
            header.Append(CultureInfo.InvariantCulture, $"{member} {body.Length} ");
            body.Append(_objects[member - 1].Body).Append('\n');
        }

        var first = header.Length;
        var data = Deflate(Encoding.Latin1.GetBytes(header.ToString() + body));
        WriteObject(output, number, ($"/Type /ObjStm /N {members.Count} /First {first} /Filter /FlateDecode", data));
    }

    /// <summary>A Flate-compressed cross-reference stream whose rows go through the PNG Up predictor.</summary>
    private static void WriteXrefStream(MemoryStream output, int number, List<byte[]> rows, string entries)
    {
        var columns = rows[0].Length;
        var predicted = new List<byte>();
        var previous = new byte[columns];
        foreach (var row in rows)
        {
            predicted.Add(2);
            predicted.AddRange(row.Select((b, i) => (byte)(b - previous[i])));
            previous = row;
        }

        var data = Deflate([.. predicted]);
        WriteObject(output, number, ($"/Type /XRef /W [1 4 2] {entries} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns {columns} >>", data));
    }

    private static void WriteObject(MemoryStream output, int number, (string Body, byte[]? Stream) value)
    {
        if (value.Stream is null)
        {
            Write(output, $"{number} 0 obj\n{value.Body}\nendobj\n");
            return;
        }

        Write(output, $"{number} 0 obj\n<< {value.Body} /Length {value.Stream.Length} >>\nstream\n");
        output.Write(value.Stream);
        Write(output, "\nendstream\nendobj\n");
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static void Write(MemoryStream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));
}
