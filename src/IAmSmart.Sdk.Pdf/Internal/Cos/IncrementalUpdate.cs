using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>
/// An incremental update (ISO 32000-1 §7.5.6): new objects and new versions of existing ones, appended after the
/// original bytes, which are kept unchanged, with a cross-reference section whose <c>/Prev</c> names the previous one.
/// Earlier signatures stay valid because the bytes they cover are not touched.
/// </summary>
internal sealed class IncrementalUpdate(PdfFile file)
{
    private const int TypeFieldWidth = 1;
    private const int OffsetFieldWidth = 4;
    private const int GenerationFieldWidth = 2;

    /// <summary>How much of the end of the original feeds the changing <c>/ID</c>: enough to hold its newest trailer.</summary>
    private const int IdentifierTailLength = 4096;

    private readonly SortedDictionary<int, (int Generation, PdfObject Value)> _objects = [];
    private int _nextNumber = file.Size;

    /// <summary>Adds a new object and returns a reference to it.</summary>
    public PdfReference Add(PdfObject value)
    {
        var reference = new PdfReference(_nextNumber++, 0);
        _objects[reference.Number] = (0, value);
        return reference;
    }

    /// <summary>Writes a new version of an existing object under its own number and generation.</summary>
    public void Replace(PdfReference reference, PdfObject value) => _objects[reference.Number] = (reference.Generation, value);

    /// <summary>
    /// Writes what follows the original bytes: the objects and the cross-reference section in the form of the newest
    /// existing one: a table after a table (hybrid files included, whose stream the <c>/Prev</c> chain still reaches) or
    /// an uncompressed cross-reference stream after a stream. The original bytes are not copied: the output starts at
    /// file offset <c>original.Length</c>, so that callers can size the whole file once and copy (or stream) the
    /// original themselves.
    /// </summary>
    /// <param name="original">The file as it is; only its length and its last few KiB are read.</param>
    /// <param name="expectedLength">About how long the update will be, so that its buffer is sized once.</param>
    /// <param name="identifierSeed">Makes the new second <c>/ID</c> string differ between updates.</param>
    public PdfOutput WriteUpdate(PdfSource original, int expectedLength, ReadOnlySpan<byte> identifierSeed)
    {
        var output = new PdfOutput(original.Length, expectedLength);
        var tail = original.Read(Math.Max(0, original.Length - IdentifierTailLength), IdentifierTailLength).Span;
        if (tail.Length > 0 && tail[tail.Length - 1] is not ((byte)'\n' or (byte)'\r'))
        {
            output.Write("\n"u8);
        }

        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        foreach (var (number, (generation, value)) in _objects)
        {
            offsets[number] = (output.Position, generation);
            output.WriteInvariant($"{number} {generation} obj\n");
            output.WriteObject(value);
            output.Write("\nendobj\n"u8);
        }

        var trailer = BuildTrailer(original.Length, tail, identifierSeed);
        var crossReferenceOffset = output.Position;
        if (file.NewestSectionFormat == CrossReferenceFormat.Stream)
        {
            WriteCrossReferenceStream(output, offsets, trailer);
        }
        else
        {
            WriteCrossReferenceTable(output, offsets, trailer);
        }

        output.WriteInvariant($"startxref\n{crossReferenceOffset}\n%%EOF\n");
        return output;
    }

    /// <param name="length">The length of the original.</param>
    /// <param name="tail">Its last <see cref="IdentifierTailLength"/> bytes (all of it when shorter).</param>
    /// <param name="identifierSeed">Makes the new second <c>/ID</c> string differ between updates.</param>
    private PdfDictionary BuildTrailer(long length, ReadOnlySpan<byte> tail, ReadOnlySpan<byte> identifierSeed)
    {
        var newest = file.Trailer;
        var entries = new List<KeyValuePair<string, PdfObject>>();
        foreach (var key in (ReadOnlySpan<string>)["Root", "Info"])
        {
            if (newest[key] is { } value)
            {
                entries.Add(new(key, value));
            }
        }

        // §14.4: the first identifier is permanent; the second changes with every update. It only has to differ
        // between versions, so it hashes the length and the tail of the original (its newest trailer and startxref)
        // with the seed rather than the whole file: a full extra SHA-256 pass would cost as much as the docDigest.
        if (newest["ID"] is PdfArray { Items: [PdfString permanent, PdfString] })
        {
            Span<byte> lengthBytes = stackalloc byte[sizeof(long)];
            BinaryPrimitives.WriteInt64BigEndian(lengthBytes, length);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(lengthBytes);
            hash.AppendData(tail);
            hash.AppendData(identifierSeed);
            var changing = hash.GetHashAndReset().AsSpan(0, 16).ToArray();
            entries.Add(new("ID", new PdfArray([new PdfString(permanent.Bytes), new PdfString(changing)])));
        }
        else if (newest["ID"] is { } id)
        {
            entries.Add(new("ID", id));
        }

        entries.Add(new("Prev", PdfNumber.Of(file.StartXref)));
        return new PdfDictionary(entries);
    }

    private void WriteCrossReferenceTable(PdfOutput output, SortedDictionary<int, (long Offset, int Generation)> offsets, PdfDictionary trailer)
    {
        output.Write("xref\n"u8);
        foreach (var run in Runs(offsets.Keys))
        {
            output.WriteInvariant($"{run.First} {run.Count}\n");
            for (var number = run.First; number < run.First + run.Count; number++)
            {
                var (offset, generation) = offsets[number];

                // Each entry is exactly 20 bytes, end-of-line included (§7.5.4).
                output.WriteInvariant($"{offset:D10} {generation:D5} n\r\n");
            }
        }

        output.Write("trailer\n"u8);
        output.WriteObject(new PdfDictionary([new("Size", PdfNumber.Of(_nextNumber)), .. trailer.Entries]));
        output.Write("\n"u8);
    }

    /// <summary>An uncompressed cross-reference stream that also lists itself, with the trailer entries in its dictionary.</summary>
    private void WriteCrossReferenceStream(PdfOutput output, SortedDictionary<int, (long Offset, int Generation)> offsets, PdfDictionary trailer)
    {
        var streamNumber = _nextNumber++;
        offsets[streamNumber] = (output.Position, 0);
        const int rowLength = TypeFieldWidth + OffsetFieldWidth + GenerationFieldWidth;
        var data = new byte[offsets.Count * rowLength];
        var row = 0;
        foreach (var (offset, generation) in offsets.Values)
        {
            var fields = data.AsSpan(row++ * rowLength, rowLength);
            fields[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(fields[TypeFieldWidth..], checked((uint)offset));
            BinaryPrimitives.WriteUInt16BigEndian(fields[(TypeFieldWidth + OffsetFieldWidth)..], (ushort)generation);
        }

        var index = Runs(offsets.Keys).SelectMany(run => new PdfObject[] { PdfNumber.Of(run.First), PdfNumber.Of(run.Count) });
        var dictionary = new PdfDictionary(
        [
            new("Type", new PdfName("XRef")),
            new("Size", PdfNumber.Of(_nextNumber)),
            new("W", new PdfArray([PdfNumber.Of(TypeFieldWidth), PdfNumber.Of(OffsetFieldWidth), PdfNumber.Of(GenerationFieldWidth)])),
            new("Index", new PdfArray([.. index])),
            .. trailer.Entries,
            new("Length", PdfNumber.Of(data.Length)),
        ]);

        output.WriteInvariant($"{streamNumber} 0 obj\n");
        output.WriteObject(dictionary);
        output.Write("\nstream\n"u8);
        output.Write(data);
        output.Write("\nendstream\nendobj\n"u8);
    }

    /// <summary>Groups sorted object numbers into runs of consecutive numbers: the subsections.</summary>
    private static List<(int First, int Count)> Runs(IEnumerable<int> sortedNumbers)
    {
        var runs = new List<(int First, int Count)>();
        foreach (var number in sortedNumbers)
        {
            if (runs.Count > 0 && runs[^1].First + runs[^1].Count == number)
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((number, 1));
            }
        }

        return runs;
    }
}
