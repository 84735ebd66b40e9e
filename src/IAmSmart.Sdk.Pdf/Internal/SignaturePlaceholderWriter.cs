using System.Globalization;
using System.Text;
using IAmSmart.Sdk.Pdf.Internal.Cos;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Adds an invisible signature field to the first page as an incremental update: a signature dictionary with
/// fixed-width stand-ins for <c>/ByteRange</c> and <c>/Contents</c>, a widget that is also the field, a new version
/// of the page with the widget in <c>/Annots</c> and of the form with the field in <c>/Fields</c>. Once the file is
/// complete the real ByteRange is patched over its stand-in without changing the length.
/// </summary>
/// <remarks>
/// The original bytes are kept unchanged at the start of the output, so signatures the PDF already carries stay valid.
/// </remarks>
internal static class SignaturePlaceholderWriter
{
    /// <summary>Ten digits per number: enough for any offset in a byte array, and the same width once patched.</summary>
    private const string ByteRangeStandIn = "[0 0000000000 0000000000 0000000000]";

    private const string ByteRangeMarker = "ByteRange";
    private const string ContentsMarker = "Contents";

    /// <summary>Print (4) + Locked (128): the usual flags of an invisible signature widget.</summary>
    private const int WidgetFlags = 132;

    /// <summary>SigFlags SignaturesExist (1) + AppendOnly (2).</summary>
    private const int SignatureFlags = 3;

    /// <summary>Page trees and field trees are shallow; the limit only guards against cycles in damaged files.</summary>
    private const int MaxTreeDepth = 64;

    /// <summary>
    /// Builds the incremental update for <paramref name="input"/>. The result holds only the bytes that follow the
    /// input (the input itself is not copied), with the ByteRange already patched, so that the caller can size the
    /// prepared file once or stream it.
    /// </summary>
    public static async Task<PlaceholderUpdate> WriteAsync(PdfSource input, PdfSignatureOptions options, DateTimeOffset signingTime, CancellationToken cancellationToken)
    {
        try
        {
            // The two reads that may scan the whole file, asynchronously; the rest reads a few objects.
            var file = await PdfFile.OpenAsync(input, cancellationToken);
            var lastIsEmptyPlaceholder = await SignatureLocator.IsLastAnEmptyPlaceholderAsync(input, cancellationToken);
            return WriteUpdate(input, file, lastIsEmptyPlaceholder, options, signingTime, cancellationToken);
        }
        catch (PdfFormatException ex)
        {
            throw Unreadable(ex);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException or InvalidCastException)
        {
            // Defence in depth: hostile input must end in a typed error, whatever the parser tripped over.
            throw Unreadable(ex);
        }
    }

    private static PlaceholderUpdate WriteUpdate(
        PdfSource input, PdfFile file, bool lastIsEmptyPlaceholder, PdfSignatureOptions options, DateTimeOffset signingTime, CancellationToken cancellationToken)
    {
        if (file.Trailers.Any(trailer => trailer["Encrypt"] is not (null or PdfNull)))
        {
            throw new PdfSigningException(PdfSigningError.Encrypted,
                "The PDF is encrypted (its trailer has /Encrypt). Remove the encryption or password before signing it.");
        }

        var catalogReference = file.Trailer["Root"] as PdfReference
            ?? throw new PdfFormatException("The trailer has no /Root reference to the document catalog.");
        var catalog = file.ResolveDictionary(catalogReference)
            ?? throw new PdfFormatException("The trailer's /Root is not a dictionary.");
        var pageReference = FindFirstPage(file, catalog["Pages"], [], 0)
            ?? throw new PdfSigningException(PdfSigningError.Unreadable, "The PDF has no pages, so there is nowhere to attach the signature field.");
        var page = file.Resolve(pageReference) as PdfDictionary
            ?? throw new PdfFormatException("The first page is not a dictionary.");

        RejectIfCertifiedWithoutChanges(file, catalog);
        if (lastIsEmptyPlaceholder)
        {
            // The byte-level view PreparedPdf.Load takes: the last signature of the file must not be waiting for its own.
            throw PendingPlaceholder();
        }

        var form = file.ResolveDictionary(catalog["AcroForm"]);
        var existingNames = new HashSet<string>(StringComparer.Ordinal);
        if (form is not null)
        {
            InspectFields(file, file.Resolve(form["Fields"]) as PdfArray, existingNames, inheritedType: null, [], 0);
        }

        var fieldName = ChooseFieldName(options.FieldName, existingNames);
        cancellationToken.ThrowIfCancellationRequested();

        var update = new IncrementalUpdate(file);
        var signature = update.Add(BuildSignatureDictionary(options, signingTime));
        var widget = update.Add(new PdfDictionary(
        [
            new("Type", new PdfName("Annot")),
            new("Subtype", new PdfName("Widget")),
            new("FT", new PdfName("Sig")),
            new("T", PdfText.ToPdfString(fieldName)),
            new("V", signature),
            new("F", PdfNumber.Of(WidgetFlags)),
            new("Rect", new PdfArray([PdfNumber.Of(0), PdfNumber.Of(0), PdfNumber.Of(0), PdfNumber.Of(0)])),
            new("P", pageReference),
        ]));

        AddToPage(file, update, pageReference, page, widget);
        AddToForm(file, update, catalogReference, catalog, widget);

        using var output = update.WriteUpdate(input, ExpectedUpdateLength(options), Encoding.ASCII.GetBytes(signingTime.ToString("O", CultureInfo.InvariantCulture)));
        var bytes = output.Written;
        var hole = PatchByteRange(bytes, output.BaseOffset, output.Marks[ByteRangeMarker], output.Marks[ContentsMarker], options.PlaceholderSize);
        return new PlaceholderUpdate(bytes, output.BaseOffset, hole);
    }

    /// <summary>The placeholder as hex and room for the other objects: the update is written into one buffer of about this size.</summary>
    private static int ExpectedUpdateLength(PdfSignatureOptions options) => (options.PlaceholderSize * 2) + (8 * 1024);

    private static PdfDictionary BuildSignatureDictionary(PdfSignatureOptions options, DateTimeOffset signingTime)
    {
        var entries = new List<KeyValuePair<string, PdfObject>>
        {
            new("Type", new PdfName("Sig")),
            new("Filter", new PdfName("Adobe.PPKLite")),
            new("SubFilter", new PdfName("adbe.pkcs7.detached")),

            // ByteRange before Contents: patching it later then shifts nothing the Contents offset depends on.
            new("ByteRange", new PdfVerbatim(ByteRangeMarker, Encoding.ASCII.GetBytes(ByteRangeStandIn))),
            new("Contents", new PdfZeroHexString(ContentsMarker, options.PlaceholderSize * 2)),
            new("M", new PdfString(Encoding.ASCII.GetBytes(FormatPdfDate(signingTime)))),
        };
        AddText(entries, "Name", options.SignerName);
        AddText(entries, "Reason", options.Reason);
        AddText(entries, "Location", options.Location);
        AddText(entries, "ContactInfo", options.ContactInfo);
        return new PdfDictionary(entries);
    }

    /// <summary>
    /// Depth-first to the first leaf of the page tree (§7.7.3). Kids are always indirect, so the page found is a
    /// reference that a new version can replace.
    /// </summary>
    private static PdfReference? FindFirstPage(PdfFile file, PdfObject? node, HashSet<int> visited, int depth)
    {
        if (node is not PdfReference reference || depth > MaxTreeDepth || !visited.Add(reference.Number)
            || file.ResolveDictionary(reference) is not { } dictionary)
        {
            return null;
        }

        var kids = file.Resolve(dictionary["Kids"]) as PdfArray;
        if (dictionary.GetName("Type") == "Page" || (kids is null && dictionary.GetName("Type") != "Pages"))
        {
            return file.Resolve(reference) is PdfDictionary ? reference : null;
        }

        foreach (var kid in kids?.Items ?? [])
        {
            if (FindFirstPage(file, kid, visited, depth + 1) is { } page)
            {
                return page;
            }
        }

        return null;
    }

    /// <summary>
    /// Collects the top-level field names and refuses a PDF with a signature field whose value is an empty
    /// placeholder: that one is waiting for its own signature, and signing over it would leave it unfillable.
    /// </summary>
    private static void InspectFields(PdfFile file, PdfArray? fields, HashSet<string> topLevelNames, string? inheritedType, HashSet<int> visited, int depth)
    {
        if (fields is null || depth > MaxTreeDepth)
        {
            return;
        }

        foreach (var item in fields.Items)
        {
            if ((item is PdfReference reference && !visited.Add(reference.Number)) || file.ResolveDictionary(item) is not { } field)
            {
                continue;
            }

            if (depth == 0 && file.Resolve(field["T"]) is PdfString { Bytes.Length: > 0 } name)
            {
                topLevelNames.Add(name.ToText());
            }

            // /FT is inheritable (§12.7.3.1): a kid without one has its parent's type.
            var type = (file.Resolve(field["FT"]) as PdfName)?.Value ?? inheritedType;
            if (type == "Sig" && IsEmptyPlaceholder(file, field))
            {
                throw PendingPlaceholder();
            }

            InspectFields(file, file.Resolve(field["Kids"]) as PdfArray, topLevelNames, type, visited, depth + 1);
        }
    }

    private static bool IsEmptyPlaceholder(PdfFile file, PdfDictionary field) =>
        file.ResolveDictionary(field["V"]) is { } value
        && file.Resolve(value["Contents"]) is PdfString contents
        && contents.Bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>
    /// A certification signature with DocDigest permissions 1 (§12.8.2.2) forbids any change, a new signature included;
    /// adding one would make readers report the certification as broken.
    /// </summary>
    private static void RejectIfCertifiedWithoutChanges(PdfFile file, PdfDictionary catalog)
    {
        var certification = file.ResolveDictionary(file.ResolveDictionary(catalog["Perms"])?["DocMDP"]);
        var references = file.Resolve(certification?["Reference"]) as PdfArray;
        foreach (var item in references?.Items ?? [])
        {
            var reference = file.ResolveDictionary(item);
            if ((file.Resolve(reference?["TransformMethod"]) as PdfName)?.Value != "DocMDP")
            {
                continue;
            }

            var parameters = file.ResolveDictionary(reference!["TransformParams"]);
            if (file.Resolve(parameters?["P"]) is PdfNumber permissions && permissions.TryGetInteger(out var p) && p == 1)
            {
                throw new PdfSigningException(PdfSigningError.AlreadySigned,
                    "The PDF is certified with permissions that allow no changes (DocMDP /P 1); adding a signature would invalidate the certification.");
            }
        }
    }

    private static void AddToPage(PdfFile file, IncrementalUpdate update, PdfReference pageReference, PdfDictionary page, PdfReference widget)
    {
        var annotations = page["Annots"];
        if (annotations is PdfReference shared && file.Resolve(shared) is PdfArray sharedArray)
        {
            // An indirect /Annots array gets a new version of its own; the page can stay as it is.
            update.Replace(Current(file, shared), sharedArray.Append(widget));
            return;
        }

        var items = annotations as PdfArray ?? new PdfArray([]);
        update.Replace(Current(file, pageReference), page.With("Annots", items.Append(widget)));
    }

    private static void AddToForm(PdfFile file, IncrementalUpdate update, PdfReference catalogReference, PdfDictionary catalog, PdfReference widget)
    {
        var formValue = catalog["AcroForm"];
        if (formValue is PdfReference formReference && file.Resolve(formReference) is PdfDictionary indirectForm)
        {
            update.Replace(Current(file, formReference), UpdateForm(file, update, indirectForm, widget));
            return;
        }

        PdfObject form = formValue is PdfDictionary directForm
            ? UpdateForm(file, update, directForm, widget)
            : update.Add(new PdfDictionary([new("Fields", new PdfArray([widget])), new("SigFlags", PdfNumber.Of(SignatureFlags))]));
        update.Replace(Current(file, catalogReference), catalog.With("AcroForm", form));
    }

    private static PdfDictionary UpdateForm(PdfFile file, IncrementalUpdate update, PdfDictionary form, PdfReference widget)
    {
        var fields = form["Fields"];
        if (fields is PdfReference sharedFields && file.Resolve(sharedFields) is PdfArray sharedArray)
        {
            update.Replace(Current(file, sharedFields), sharedArray.Append(widget));
        }
        else
        {
            form = form.With("Fields", (fields as PdfArray ?? new PdfArray([])).Append(widget));
        }

        var flags = file.Resolve(form["SigFlags"]) is PdfNumber number && number.TryGetInteger(out var value) ? value : 0;
        return form.With("SigFlags", PdfNumber.Of(flags | SignatureFlags));
    }

    /// <summary>The reference under which the new version is written: same number, generation of the current version.</summary>
    private static PdfReference Current(PdfFile file, PdfReference reference) => new(reference.Number, file.GenerationOf(reference.Number));

    /// <summary>
    /// Overwrites the ByteRange stand-in with the real range, padded to the same width. <paramref name="update"/> starts
    /// at file offset <paramref name="baseOffset"/>; the marks are file offsets.
    /// </summary>
    private static SignatureHole PatchByteRange(Span<byte> update, long baseOffset, long rangeIndex, long contentsIndex, int placeholderSize)
    {
        var fileLength = baseOffset + update.Length;
        var contentsEnd = contentsIndex + 2 + (placeholderSize * 2L);
        if (contentsEnd > int.MaxValue)
        {
            throw new PdfSigningException(PdfSigningError.Unreadable, "The PDF is too large: this package signs files of up to 2 GiB.");
        }

        var range = new PdfByteRange(0, contentsIndex, contentsEnd, fileLength - contentsEnd);
        var text = range.ToString();
        var padded = string.Concat(text.AsSpan(0, text.Length - 1), new string(' ', ByteRangeStandIn.Length - text.Length), "]");
        Encoding.ASCII.GetBytes(padded, update.Slice((int)(rangeIndex - baseOffset), ByteRangeStandIn.Length));
        return new SignatureHole(range, (int)contentsIndex, (int)contentsEnd, CoversWholeFile: true);
    }

    private static string ChooseFieldName(string? requested, HashSet<string> existingNames)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return existingNames.Contains(requested)
                ? throw new PdfSigningException(PdfSigningError.FieldNameInUse,
                    $"The PDF already has a form field named '{requested}'. Choose another FieldName or leave it empty to pick a free one.")
                : requested;
        }

        for (var i = 1; ; i++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"Signature{i}");
            if (!existingNames.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static void AddText(List<KeyValuePair<string, PdfObject>> entries, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entries.Add(new(key, PdfText.ToPdfString(value)));
        }
    }

    /// <summary>PDF date format <c>D:YYYYMMDDHHmmSS+HH'mm'</c> (ISO 32000-1 §7.9.4).</summary>
    private static string FormatPdfDate(DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"D:{time:yyyyMMddHHmmss}{sign}{absolute.Hours:00}'{absolute.Minutes:00}'");
    }

    private static PdfSigningException PendingPlaceholder() => new(PdfSigningError.AlreadySigned,
        "The PDF already has an empty signature placeholder waiting for its signature. Embed that signature (or start again from the original PDF) before adding another.");

    private static PdfSigningException Unreadable(Exception inner) => new(PdfSigningError.Unreadable,
        $"The PDF could not be read: {inner.Message} It may be damaged or truncated; try re-saving it with a PDF tool.", inner);
}

/// <summary>The bytes an incremental update appends, from file offset <see cref="Offset"/> on, and the placeholder it holds.</summary>
/// <param name="Bytes">The update: new objects, cross-reference section and trailer, ByteRange patched.</param>
/// <param name="Offset">Where the update starts in the prepared file: the length of the input.</param>
/// <param name="Hole">The placeholder, in file offsets; it lies inside the update.</param>
internal sealed record PlaceholderUpdate(ArraySegment<byte> Bytes, long Offset, SignatureHole Hole)
{
    /// <summary>The length of the prepared file.</summary>
    public long FileLength => Offset + Bytes.Count;

    /// <summary>The update as a tail window of the prepared file, for <see cref="SignatureLocator.TryLocateLastInTail"/>.</summary>
    public bool IsLocatable(out string problem) =>
        SignatureLocator.TryLocateLastInTail(Bytes, Offset, FileLength, out var located, out problem) == TailLocation.Found && located == Hole;

    /// <summary>Feeds the signed bytes of the update (all of it but the placeholder) to a hash that has seen the input.</summary>
    public void AppendSignedPart(System.Security.Cryptography.IncrementalHash hash)
    {
        var start = (int)(Hole.ContentsStart - Offset);
        var end = (int)(Hole.ContentsEnd - Offset);
        hash.AppendData(Bytes.AsSpan(0, start));
        hash.AppendData(Bytes.AsSpan(end));
    }

    /// <summary>
    /// Builds the prepared file in the spare bytes after <paramref name="input"/>, which must be the start of an array
    /// this package allocated and nobody else holds (<see cref="StreamReading.ReadAllAsync"/>); in a new array sized
    /// once when the update does not fit.
    /// </summary>
    public ReadOnlyMemory<byte> CompleteInPlace(ReadOnlyMemory<byte> input)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(input, out var segment) && segment.Offset == 0
            && segment.Array!.Length - segment.Count >= Bytes.Count)
        {
            Bytes.AsSpan().CopyTo(segment.Array.AsSpan(segment.Count));
            return segment.Array.AsMemory(0, checked((int)FileLength));
        }

        return Concat(input.Span);
    }

    /// <summary>Builds the whole prepared file in a new array, sized once.</summary>
    public byte[] Concat(ReadOnlySpan<byte> input)
    {
        var pdf = GC.AllocateUninitializedArray<byte>(checked((int)FileLength));
        input.CopyTo(pdf);
        Bytes.AsSpan().CopyTo(pdf.AsSpan(input.Length));
        return pdf;
    }
}
