using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Uses PDFsharp to add an invisible signature field whose signature dictionary has fixed-width stand-ins for
/// <c>/ByteRange</c> and <c>/Contents</c>, saves the document, then patches the real ByteRange into the saved bytes
/// without changing their length (so the cross-reference offsets PDFsharp wrote stay right).
/// </summary>
/// <remarks>
/// PDFsharp rewrites the whole file rather than appending an incremental update, which is why a PDF that already
/// carries a signature is refused: rewriting would invalidate that signature.
/// </remarks>
internal static class SignaturePlaceholderWriter
{
    /// <summary>Ten digits per number: enough for any offset PDFsharp can write, and the same width once patched.</summary>
    private const string ByteRangeStandIn = "[0 0000000000 0000000000 0000000000]";

    /// <summary>Print (4) + Locked (128): the usual flags of an invisible signature widget.</summary>
    private const int WidgetFlags = 132;

    /// <summary>SigFlags SignaturesExist (1) + AppendOnly (2).</summary>
    private const int SignatureFlags = 3;

    private const string PdfLicenseExceptionTypeName = "PdfSharp.License.PdfSharpLicenseException";

    public static (byte[] Pdf, SignatureHole Hole) Write(byte[] input, PdfSignatureOptions options, DateTimeOffset signingTime, CancellationToken cancellationToken)
    {
        using var document = Open(input);
        cancellationToken.ThrowIfCancellationRequested();

        if (document.PageCount == 0)
        {
            throw new PdfSigningException(PdfSigningError.Unreadable, "The PDF has no pages, so there is nowhere to attach the signature field.");
        }

        var catalog = document.Internals.Catalog;
        var acroForm = catalog.Elements.GetDictionary("/AcroForm");
        var fields = acroForm?.Elements.GetArray("/Fields");
        var existingNames = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null && ContainsSignedField(fields, existingNames, parentIsSignature: false, depth: 0))
        {
            throw new PdfSigningException(PdfSigningError.AlreadySigned,
                "The PDF already has a signed signature field. Preparing it again would rewrite the file and invalidate that signature.");
        }

        var fieldName = ChooseFieldName(options.FieldName, existingNames);
        var contentsStandIn = "<" + new string('0', options.PlaceholderSize * 2) + ">";

        var signature = new PdfDictionary(document);
        signature.Elements["/Type"] = new PdfName("/Sig");
        signature.Elements["/Filter"] = new PdfName("/Adobe.PPKLite");
        signature.Elements["/SubFilter"] = new PdfName("/adbe.pkcs7.detached");
        signature.Elements["/ByteRange"] = new PdfLiteral(ByteRangeStandIn);
        signature.Elements["/Contents"] = new PdfLiteral(contentsStandIn);
        signature.Elements["/M"] = new PdfString(FormatPdfDate(signingTime));
        AddText(signature, "/Name", options.SignerName);
        AddText(signature, "/Reason", options.Reason);
        AddText(signature, "/Location", options.Location);
        AddText(signature, "/ContactInfo", options.ContactInfo);
        document.Internals.AddObject(signature);

        var page = document.Pages[0];
        var widget = new PdfDictionary(document);
        widget.Elements["/Type"] = new PdfName("/Annot");
        widget.Elements["/Subtype"] = new PdfName("/Widget");
        widget.Elements["/FT"] = new PdfName("/Sig");
        widget.Elements["/T"] = new PdfString(fieldName);
        widget.Elements["/V"] = signature.Reference!;
        widget.Elements["/F"] = new PdfInteger(WidgetFlags);
        widget.Elements["/Rect"] = new PdfLiteral("[0 0 0 0]");
        widget.Elements["/P"] = page.Reference!;
        document.Internals.AddObject(widget);

        var annotations = page.Elements.GetArray("/Annots");
        if (annotations is null)
        {
            page.Elements["/Annots"] = new PdfArray(document, widget.Reference!);
        }
        else
        {
            annotations.Elements.Add(widget.Reference!);
        }

        if (acroForm is null)
        {
            acroForm = new PdfDictionary(document);
            document.Internals.AddObject(acroForm);
            catalog.Elements["/AcroForm"] = acroForm.Reference!;
        }

        if (fields is null)
        {
            fields = new PdfArray(document);
            acroForm.Elements["/Fields"] = fields;
        }

        fields.Elements.Add(widget.Reference!);
        var flags = acroForm.Elements.GetInteger("/SigFlags");
        acroForm.Elements["/SigFlags"] = new PdfInteger(flags | SignatureFlags);

        cancellationToken.ThrowIfCancellationRequested();
        var saved = Save(document);
        return (saved, PatchByteRange(saved, contentsStandIn));
    }

    private static PdfDocument Open(byte[] input)
    {
        try
        {
            return PdfReader.Open(new MemoryStream(input, writable: false), PdfDocumentOpenMode.Modify);
        }
        catch (Exception ex) when (ex.GetType().FullName == PdfLicenseExceptionTypeName)
        {
            throw LicenseNotLoaded(ex);
        }
        catch (PdfReaderException ex) when (ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            throw new PdfSigningException(PdfSigningError.Encrypted, "The PDF is password-protected. Remove the protection before signing it.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new PdfSigningException(PdfSigningError.Unreadable,
                $"The PDF could not be parsed ({ex.GetType().Name}). It may be damaged or truncated; try re-saving it with a PDF tool.", ex);
        }
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        try
        {
            document.Save(output, closeStream: false);
        }
        catch (Exception ex) when (ex.GetType().FullName == PdfLicenseExceptionTypeName)
        {
            throw LicenseNotLoaded(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new PdfSigningException(PdfSigningError.Unreadable,
                $"PDFsharp could not write the document with its signature placeholder ({ex.GetType().Name}).", ex);
        }

        return output.ToArray();
    }

    /// <summary>Finds the stand-ins PDFsharp wrote and overwrites the ByteRange one, keeping the file length.</summary>
    private static SignatureHole PatchByteRange(byte[] pdf, string contentsStandIn)
    {
        var rangeCount = PdfSyntax.CountOccurrences(pdf, Encoding.ASCII.GetBytes(ByteRangeStandIn), out var rangeIndex);
        var contentsCount = PdfSyntax.CountOccurrences(pdf, Encoding.ASCII.GetBytes(contentsStandIn), out var contentsIndex);
        if (rangeCount != 1 || contentsCount != 1)
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound,
                "The signature placeholder could not be located unambiguously in the document PDFsharp wrote.");
        }

        var contentsEnd = contentsIndex + contentsStandIn.Length;
        var range = new PdfByteRange(0, contentsIndex, contentsEnd, pdf.Length - contentsEnd);
        var text = range.ToString();
        var padded = string.Concat(text.AsSpan(0, text.Length - 1), new string(' ', ByteRangeStandIn.Length - text.Length), "]");
        Encoding.ASCII.GetBytes(padded, pdf.AsSpan(rangeIndex, ByteRangeStandIn.Length));
        return new SignatureHole(range, contentsIndex, contentsEnd, CoversWholeFile: true);
    }

    /// <summary>Walks the form fields; collects top-level names and reports whether any signature field is signed.</summary>
    private static bool ContainsSignedField(PdfArray fields, HashSet<string> topLevelNames, bool parentIsSignature, int depth)
    {
        // Field trees are shallow; the limit only guards against reference cycles in damaged files.
        const int MaxDepth = 32;
        if (depth > MaxDepth)
        {
            return false;
        }

        foreach (var item in fields.Elements)
        {
            if (Resolve(item) is not PdfDictionary field)
            {
                continue;
            }

            if (depth == 0 && field.Elements.GetString("/T") is { Length: > 0 } name)
            {
                topLevelNames.Add(name);
            }

            var type = field.Elements.GetName("/FT");
            var isSignature = type == "/Sig" || (type.Length == 0 && parentIsSignature);
            if (isSignature && field.Elements.ContainsKey("/V"))
            {
                return true;
            }

            var kids = field.Elements.GetArray("/Kids");
            if (kids is not null && ContainsSignedField(kids, topLevelNames, isSignature, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    private static PdfItem? Resolve(PdfItem item) => item is PdfReference reference ? reference.Value : item;

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

    private static void AddText(PdfDictionary dictionary, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            dictionary.Elements[key] = new PdfString(value);
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

    private static PdfSigningException LicenseNotLoaded(Exception inner) => new(
        PdfSigningError.PdfLibraryLicenseNotLoaded,
        "PDFsharp 6.5+ requires the application to choose its license before use: call PdfSharp.PdfSharpLicense.SetAgplLicense() "
        + "(AGPL-3.0) or PdfSharp.PdfSharpLicense.LoadLicense(key) (commercial) at start-up. IAmSmart.Sdk.Pdf does not choose a license for you.",
        inner);
}
