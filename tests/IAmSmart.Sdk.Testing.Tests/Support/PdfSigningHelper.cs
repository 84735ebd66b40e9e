using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.Pdf;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>
/// The PDF half of PDF signing, through the public API of <c>IAmSmart.Sdk.Pdf</c> only: a prepared PDF to send the
/// <c>docDigest</c> of, and <see cref="PdfDeferredSigner.Embed"/> + <see cref="PdfSignatureVerifier.Verify"/> for the
/// <see cref="PdfSigningResult"/> iAM Smart returns. This is how an e-service finishes a PDF signing.
/// </summary>
internal static class PdfSigningHelper
{
    private const int PlaceholderHexDigits = 16 * 1024;

    /// <summary>
    /// A small prepared PDF: one page and a signature field whose <c>/Contents</c> is an empty (zero) placeholder and whose
    /// <c>/ByteRange</c> covers the rest, loaded with <see cref="PreparedPdf.Load"/>. Built byte by byte rather than with
    /// <see cref="PdfDeferredSigner.PrepareAsync(ReadOnlyMemory{byte}, PdfSignatureOptions?, CancellationToken)"/>, so that
    /// these tests do not depend on the PDF library inside that package (which needs a license choice and is being replaced).
    /// </summary>
    /// <param name="title">Text that makes each document (and so its digest) different.</param>
    public static PreparedPdf CreatePrepared(string title = "Invented account-opening form")
    {
        var pdf = new StringBuilder();
        var offsets = new List<int>();
        pdf.Append("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        void Object(string body)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Object("<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[4 0 R]/SigFlags 3>>>>");
        Object("<</Type/Pages/Kids[3 0 R]/Count 1>>");
        Object("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Annots[4 0 R]>>");
        Object("<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature1)/Rect[0 0 0 0]/F 132/P 3 0 R/V 5 0 R>>");
        var byteRangeMark = "/ByteRange [" + new string(' ', 44) + "]";
        Object($"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/Name({title}){byteRangeMark}/Contents <{new string('0', PlaceholderHexDigits)}>>>");
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {offsets.Count + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");

        // Latin-1 keeps one byte per character, so string offsets are byte offsets.
        var bytes = Encoding.Latin1.GetBytes(pdf.ToString());
        var text = pdf.ToString();
        var contentsStart = text.IndexOf("/Contents <", StringComparison.Ordinal) + "/Contents ".Length;
        var contentsEnd = contentsStart + PlaceholderHexDigits + 2;
        var range = string.Create(CultureInfo.InvariantCulture, $"0 {contentsStart} {contentsEnd} {bytes.Length - contentsEnd}").PadRight(44);
        var rangeAt = text.IndexOf(byteRangeMark, StringComparison.Ordinal) + "/ByteRange [".Length;
        Encoding.Latin1.GetBytes(range).CopyTo(bytes, rangeAt);
        return PreparedPdf.Load(bytes);
    }

    /// <summary>Embeds iAM Smart's signature into the prepared PDF and verifies the signed PDF against the given roots only.</summary>
    public static (byte[] SignedPdf, PdfVerificationResult Verification) EmbedAndVerify(
        PreparedPdf prepared, PdfSigningResult result, X509Certificate2Collection trustAnchors, TimeProvider time)
    {
        var signed = new PdfDeferredSigner(time).Embed(prepared, result.PdfSignature.Span);
        return (signed, new PdfSignatureVerifier(time).Verify(signed, trustAnchors, new PdfVerificationOptions { RevocationMode = X509RevocationMode.NoCheck }));
    }
}
