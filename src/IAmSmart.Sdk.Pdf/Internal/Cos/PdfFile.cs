using System.Globalization;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// Random access to the objects of an existing PDF through its cross-reference chain (ISO 32000-1 §7.5): classic
/// tables, cross-reference streams, hybrid files (<c>/XRefStm</c>), earlier incremental updates (<c>/Prev</c>) and
/// objects inside object streams. It reads only what is asked for, from a <see cref="PdfSource"/> that need not hold
/// the file in memory: the end of the file, the cross-reference sections and the objects resolved (and the object
/// streams holding them). It does not decrypt, repair or reconstruct.
/// </summary>
internal sealed class PdfFile
{
    /// <summary>Incremental updates rarely number more than a few dozen; the limit stops a crafted endless chain.</summary>
    private const int MaxSections = 10_000;

    /// <summary>
    /// How many objects may be in the middle of being read at once: reading a stream may need its indirect
    /// <c>/Length</c>, and that an object stream. Real files need two or three; the limit keeps the stack safe.
    /// </summary>
    private const int MaxNestedLoads = 16;

    /// <summary>How many references a value may go through before it is taken for a cycle.</summary>
    private const int MaxReferenceHops = 32;

    private readonly Dictionary<int, CrossReferenceEntry> _entries = [];
    private readonly Dictionary<int, PdfObject> _objects = [];
    private readonly Dictionary<int, ObjectStream> _objectStreams = [];
    private readonly HashSet<int> _loading = [];
    private readonly List<PdfDictionary> _trailers = [];

    private static readonly byte[] StartXrefKeyword = "startxref"u8.ToArray();

    private readonly PdfSource _source;

    private PdfFile(PdfSource source)
    {
        _source = source;
    }

    /// <summary>The newest trailer: the <c>trailer</c> dictionary, or the dictionary of the newest cross-reference stream.</summary>
    public PdfDictionary Trailer => _trailers[0];

    /// <summary>Every trailer of the chain, newest first.</summary>
    public IReadOnlyList<PdfDictionary> Trailers => _trailers;

    /// <summary>The offset the final <c>startxref</c> names: the <c>/Prev</c> of the next update.</summary>
    public long StartXref { get; private set; }

    public CrossReferenceFormat NewestSectionFormat { get; private set; }

    /// <summary>One more than the highest object number in use or declared: the first free number for new objects.</summary>
    public int Size
    {
        get
        {
            var declared = Trailer["Size"] is PdfNumber number && number.TryGetInteger(out var size) ? size : 0;
            var highest = _entries.Count == 0 ? 0 : _entries.Keys.Max() + 1L;
            return (int)Math.Min(int.MaxValue, Math.Max(declared, highest));
        }
    }

    /// <summary>Reads the cross-reference chain from the last <c>startxref</c> back through every <c>/Prev</c>.</summary>
    public static async Task<PdfFile> OpenAsync(PdfSource source, CancellationToken cancellationToken)
    {
        var file = new PdfFile(source);
        file.StartXref = await FindStartXrefAsync(source, cancellationToken);
        var visited = new HashSet<long>();
        long? offset = file.StartXref;
        while (offset is { } sectionOffset)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!visited.Add(sectionOffset) || visited.Count > MaxSections)
            {
                throw new PdfFormatException("The cross-reference chain loops back on itself (/Prev).");
            }

            var (trailer, format) = file.ReadSection(sectionOffset);
            if (file._trailers.Count == 0)
            {
                file.NewestSectionFormat = format;
            }

            file._trailers.Add(trailer);
            offset = trailer["Prev"] is PdfNumber prev ? ToOffset(prev, source.Length, "/Prev") : null;
        }

        return file;
    }

    /// <summary>Follows references to a direct value; a reference to a missing object resolves to <see cref="PdfNull"/>.</summary>
    public PdfObject Resolve(PdfObject? value)
    {
        for (var hops = 0; value is PdfReference reference; hops++)
        {
            if (hops > MaxReferenceHops)
            {
                throw new PdfFormatException("References form a cycle.");
            }

            value = GetObject(reference.Number);
        }

        return value ?? PdfNull.Instance;
    }

    public PdfDictionary? ResolveDictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary dictionary => dictionary,
        PdfStream stream => stream.Dictionary,
        _ => null,
    };

    /// <summary>The current version of an object; <see cref="PdfNull"/> when no section defines it.</summary>
    public PdfObject GetObject(int number)
    {
        if (_objects.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!_entries.TryGetValue(number, out var entry))
        {
            return PdfNull.Instance;
        }

        if (_loading.Count >= MaxNestedLoads)
        {
            throw new PdfFormatException("Reading one object needs too many others first (a chain of indirect stream lengths?).");
        }

        if (!_loading.Add(number))
        {
            throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture, $"Object {number} refers to itself while it is being read."));
        }

        try
        {
            var value = entry.IsCompressed
                ? GetObjectStream(entry.ObjectStreamNumber).Read(number, entry.IndexInStream)
                : ReadObjectAt(number, entry.Offset);
            _objects[number] = value;
            return value;
        }
        finally
        {
            _loading.Remove(number);
        }
    }

    /// <summary>The generation of the current version of an object; 0 for objects in object streams.</summary>
    public int GenerationOf(int number) => _entries.TryGetValue(number, out var entry) ? entry.Generation : 0;

    private static async Task<long> FindStartXrefAsync(PdfSource source, CancellationToken cancellationToken)
    {
        var index = await source.LastIndexOfAsync(StartXrefKeyword, asName: false, cancellationToken);
        if (index < 0)
        {
            throw new PdfFormatException("The file has no 'startxref', so its cross-reference table cannot be found (truncated?).");
        }

        var parser = new PdfParser(source, index + StartXrefKeyword.Length);
        return ToOffset(PdfNumber.Of(parser.ReadInteger("the offset after 'startxref'")), source.Length, "startxref");
    }

    private static long ToOffset(PdfNumber number, long fileLength, string what) =>
        number.TryGetInteger(out var offset) && offset >= 0 && offset < fileLength
            ? offset
            : throw new PdfFormatException($"The {what} offset {number.Text} is outside the file of {fileLength} bytes.");

    private (PdfDictionary Trailer, CrossReferenceFormat Format) ReadSection(long offset)
    {
        var parser = new PdfParser(_source, offset);
        if (parser.TryReadKeyword("xref"u8))
        {
            var trailer = ReadTable(parser);

            // A hybrid file (§7.5.8.4) lists its compressed objects only in the stream its trailer names.
            if (trailer["XRefStm"] is PdfNumber streamOffset)
            {
                ReadStreamSection(ToOffset(streamOffset, _source.Length, "/XRefStm"));
            }

            return (trailer, CrossReferenceFormat.Table);
        }

        if (parser.NextIsInteger())
        {
            return (ReadStreamSection(offset), CrossReferenceFormat.Stream);
        }

        throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture,
            $"The cross-reference offset {offset} points at neither an 'xref' table nor a cross-reference stream."));
    }

    /// <summary>A classic table: subsections of <c>first count</c> followed by <c>offset generation n|f</c> lines, then the trailer.</summary>
    private PdfDictionary ReadTable(PdfParser parser)
    {
        while (!parser.TryReadKeyword("trailer"u8))
        {
            var first = parser.ReadInteger("the first object number of a cross-reference subsection");
            var count = parser.ReadInteger("the entry count of a cross-reference subsection");
            if (first < 0 || count < 0 || first + count > int.MaxValue)
            {
                throw parser.Error("a cross-reference subsection is out of range");
            }

            for (var i = 0; i < count; i++)
            {
                var offset = parser.ReadInteger("a cross-reference offset");
                var generation = parser.ReadInteger("a cross-reference generation");
                if (parser.TryReadKeyword("n"u8))
                {
                    Record((int)(first + i), CrossReferenceEntry.InFile(offset, (int)Math.Clamp(generation, 0, 65535)));
                }
                else if (!parser.TryReadKeyword("f"u8))
                {
                    throw parser.Error("a cross-reference entry is neither 'n' nor 'f'");
                }
            }
        }

        return parser.ReadObject() as PdfDictionary ?? throw parser.Error("'trailer' is not followed by a dictionary");
    }

    /// <summary>A cross-reference stream (§7.5.8): binary rows of <c>/W</c> big-endian fields for the <c>/Index</c> ranges.</summary>
    private PdfDictionary ReadStreamSection(long offset)
    {
        var parser = new PdfParser(_source, offset);
        var (_, _, value) = parser.ReadIndirectObject(length => length is PdfNumber number && number.TryGetInteger(out var l) ? l : null);
        if (value is not PdfStream stream || stream.Dictionary.GetName("Type") != "XRef")
        {
            throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The object at cross-reference offset {offset} is not a cross-reference stream (/Type /XRef)."));
        }

        var dictionary = stream.Dictionary;
        var widths = Integers(dictionary["W"], "/W");
        if (widths.Count != 3 || widths.Any(w => w is < 0 or > 8))
        {
            throw new PdfFormatException("A cross-reference stream has a /W that is not three field widths of 0 to 8 bytes.");
        }

        var size = dictionary["Size"] is PdfNumber sizeNumber && sizeNumber.TryGetInteger(out var s) ? s : 0;
        var index = dictionary["Index"] is null ? [0, size] : Integers(dictionary["Index"], "/Index");
        if (index.Count % 2 != 0)
        {
            throw new PdfFormatException("A cross-reference stream has an /Index with an odd number of integers.");
        }

        var data = PdfStreamDecoder.Decode(stream, v => v is PdfReference ? null : v);
        var rowLength = (int)(widths[0] + widths[1] + widths[2]);
        var row = 0;
        for (var pair = 0; pair < index.Count; pair += 2)
        {
            var (first, count) = (index[pair], index[pair + 1]);
            if (first < 0 || count < 0 || first + count > int.MaxValue || rowLength == 0 || (row + count) * rowLength > data.Length)
            {
                throw new PdfFormatException("A cross-reference stream's /Index names more entries than its data holds.");
            }

            for (var i = 0; i < count; i++, row++)
            {
                var fields = data.AsSpan(row * rowLength, rowLength);
                var type = widths[0] == 0 ? 1 : Field(fields, 0, (int)widths[0]);
                var second = Field(fields, (int)widths[0], (int)widths[1]);
                var third = Field(fields[(int)(widths[0] + widths[1])..], 0, (int)widths[2]);
                var number = (int)(first + i);
                switch (type)
                {
                    case 1:
                        Record(number, CrossReferenceEntry.InFile(second, (int)Math.Clamp(third, 0, 65535)));
                        break;
                    case 2 when second is > 0 and <= int.MaxValue && third is >= 0 and <= int.MaxValue:
                        Record(number, CrossReferenceEntry.InObjectStream((int)second, (int)third));
                        break;
                }
            }
        }

        return dictionary;
    }

    /// <summary>Newest first: an object keeps the first in-use entry found. Free entries are not recorded.</summary>
    private void Record(int number, CrossReferenceEntry entry) => _entries.TryAdd(number, entry);

    private static long Field(ReadOnlySpan<byte> row, int start, int width)
    {
        long value = 0;
        foreach (var b in row.Slice(start, width))
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static List<long> Integers(PdfObject? value, string what)
    {
        if (value is not PdfArray array)
        {
            throw new PdfFormatException($"A cross-reference stream has no {what} array.");
        }

        return [.. array.Items.Select(item => item is PdfNumber number && number.TryGetInteger(out var v)
            ? v
            : throw new PdfFormatException($"A cross-reference stream's {what} holds something other than integers."))];
    }

    private PdfObject ReadObjectAt(int number, long offset)
    {
        if (offset < 0 || offset >= _source.Length)
        {
            throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The cross-reference offset {offset} of object {number} is outside the file."));
        }

        var parser = new PdfParser(_source, offset);
        var (found, _, value) = parser.ReadIndirectObject(ResolveLength);
        return found == number
            ? value
            : throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture,
                $"The cross-reference entry of object {number} points at object {found}: the cross-reference table is broken."));
    }

    private long? ResolveLength(PdfObject? length) =>
        Resolve(length) is PdfNumber number && number.TryGetInteger(out var value) ? value : null;

    private ObjectStream GetObjectStream(int number)
    {
        if (_objectStreams.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (!_entries.TryGetValue(number, out var entry) || entry.IsCompressed || GetObject(number) is not PdfStream stream
            || stream.Dictionary.GetName("Type") != "ObjStm")
        {
            throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture, $"Object {number} is not an object stream."));
        }

        var objectStream = ObjectStream.Read(stream, PdfStreamDecoder.Decode(stream, v => Resolve(v)), ResolveLength);
        _objectStreams[number] = objectStream;
        return objectStream;
    }

    /// <summary>A decoded object stream (§7.5.7): <c>/N</c> pairs of object number and offset, then the objects from <c>/First</c>.</summary>
    private sealed class ObjectStream
    {
        private readonly ReadOnlyMemory<byte> _data;
        private readonly int _first;
        private readonly List<(int Number, int Offset)> _directory;

        private ObjectStream(ReadOnlyMemory<byte> data, int first, List<(int Number, int Offset)> directory)
        {
            _data = data;
            _first = first;
            _directory = directory;
        }

        public static ObjectStream Read(PdfStream stream, byte[] data, Func<PdfObject?, long?> resolveInteger)
        {
            var count = resolveInteger(stream.Dictionary["N"]) ?? -1;
            var first = resolveInteger(stream.Dictionary["First"]) ?? -1;
            if (count < 0 || first < 0 || first > data.Length || count > data.Length / 2)
            {
                throw new PdfFormatException("An object stream has an invalid /N or /First.");
            }

            var parser = new PdfParser(data);
            var directory = new List<(int, int)>((int)count);
            for (var i = 0; i < count; i++)
            {
                var number = parser.ReadInteger("an object number in an object stream");
                var offset = parser.ReadInteger("an offset in an object stream");
                if (number is < 0 or > int.MaxValue || offset < 0 || first + offset >= data.Length)
                {
                    throw new PdfFormatException("An object stream's directory is out of range.");
                }

                directory.Add(((int)number, (int)offset));
            }

            return new ObjectStream(data, (int)first, directory);
        }

        public PdfObject Read(int number, int index)
        {
            // The index in the cross-reference entry is a hint; the directory is authoritative.
            if (index >= _directory.Count || _directory[index].Number != number)
            {
                index = _directory.FindIndex(entry => entry.Number == number);
                if (index < 0)
                {
                    throw new PdfFormatException(string.Create(CultureInfo.InvariantCulture, $"Object {number} is not in the object stream its cross-reference entry names."));
                }
            }

            return new PdfParser(_data) { Position = _first + _directory[index].Offset }.ReadObject();
        }
    }
}
