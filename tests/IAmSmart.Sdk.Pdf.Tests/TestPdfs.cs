using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>Small PDFs and CMS signatures made in code, so that no binary test asset is needed.</summary>
internal static class TestPdfs
{
    /// <summary>A one-page PDF with some drawing (no text, so no font resolver is needed on Linux).</summary>
    public static byte[] CreateUnsigned(Action<PdfDocument>? customise = null)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Invented account-opening form";
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawRectangle(XPens.DarkBlue, XBrushes.LightGray, 50, 50, 300, 120);
            graphics.DrawLine(XPens.Black, 50, 200, 350, 200);
            graphics.DrawEllipse(XPens.Red, 400, 60, 80, 80);
        }

        customise?.Invoke(document);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public static byte[] CreateEncrypted() => CreateUnsigned(d => d.SecuritySettings.UserPassword = "invented-password");

    /// <summary>A PDF whose form already has a text field of the given name.</summary>
    public static byte[] CreateWithTextField(string fieldName) => CreateUnsigned(document =>
    {
        var field = new PdfDictionary(document);
        field.Elements["/FT"] = new PdfName("/Tx");
        field.Elements["/T"] = new PdfString(fieldName);
        document.Internals.AddObject(field);
        var form = new PdfDictionary(document);
        form.Elements["/Fields"] = new PdfArray(document, field.Reference!);
        document.Internals.AddObject(form);
        document.Internals.Catalog.Elements["/AcroForm"] = form.Reference!;
    });

    /// <summary>
    /// What iAM Smart does: a detached CMS over the ByteRange bytes, so its messageDigest equals the docDigest, with
    /// the signer certificate and its issuing CA.
    /// </summary>
    public static byte[] SignDetached(
        byte[] content,
        X509Certificate2 signer,
        X509Certificate2? issuingCa,
        DateTimeOffset? signingTime = null,
        X509IncludeOption includeOption = X509IncludeOption.EndCertOnly,
        bool detached = true)
    {
        var cms = new SignedCms(new ContentInfo(content), detached);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = includeOption,
        };
        if (issuingCa is not null)
        {
            cmsSigner.Certificates.Add(issuingCa);
        }

        if (signingTime is { } time)
        {
            cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(time.UtcDateTime));
        }
        else
        {
            // Any signed attribute makes the BCL add contentType and messageDigest, as PDF signatures need.
            cmsSigner.SignedAttributes.Add(new Pkcs9DocumentName("Invented form"));
        }

        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    public static byte[] Sign(PreparedPdf prepared, TestCertificateAuthority? ca = null, X509Certificate2? signer = null)
    {
        ca ??= TestCertificateAuthority.Shared;
        return SignDetached(prepared.GetSignedContent(), signer ?? ca.Signer, ca.IssuingCa, DateTimeOffset.UtcNow);
    }
}
