using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>Small PDFs and CMS signatures made in code, so that no binary test asset and no PDF library is needed.</summary>
internal static class TestPdfs
{
    public static readonly TestPdfLayout[] Layouts = [TestPdfLayout.ClassicXref, TestPdfLayout.XrefStream, TestPdfLayout.Hybrid];

    /// <summary>Some drawing (no text, so no font is needed): a rectangle, a line and a circle-ish curve.</summary>
    private static readonly byte[] PageContent = Encoding.ASCII.GetBytes(
        "0 0 0.5 RG 0.83 0.83 0.83 rg 50 672 300 120 re B\n0 g 50 642 m 350 642 l S\n"
        + "1 0 0 RG 440 742 m 462 742 480 724 480 702 c 480 680 462 662 440 662 c S\n");

    /// <summary>A one-page PDF with some drawing, document information and a file identifier.</summary>
    public static byte[] CreateUnsigned(TestPdfLayout layout = TestPdfLayout.ClassicXref) => Create(layout, () => "", () => "", _ => { });

    /// <summary>A PDF whose trailer says it is encrypted (the dictionary is a stand-in; nothing is actually encrypted).</summary>
    public static byte[] CreateEncrypted(TestPdfLayout layout = TestPdfLayout.ClassicXref)
    {
        var encrypt = 0;
        return Create(layout, () => "", () => $"/Encrypt {encrypt} 0 R", builder =>
            encrypt = builder.Add($"<< /Filter /Standard /V 1 /R 2 /P -4 /O <{new string('A', 64)}> /U <{new string('B', 64)}> >>"));
    }

    /// <summary>A PDF whose form already has a text field of the given name.</summary>
    public static byte[] CreateWithTextField(string fieldName, TestPdfLayout layout = TestPdfLayout.ClassicXref)
    {
        var form = 0;
        return Create(layout, () => $"/AcroForm {form} 0 R", () => "", builder =>
        {
            var field = builder.Add($"<< /FT /Tx /T <{Convert.ToHexString(ToPdfText(fieldName))}> >>");
            form = builder.Add($"<< /Fields [{field} 0 R] >>");
        });
    }

    /// <summary>
    /// Two pages under a nested page tree with an inherited /MediaBox; page 1 has an indirect /Annots array holding a
    /// link; the form is indirect with an indirect /Fields array holding a text field named 客戶 ("customer").
    /// </summary>
    public static byte[] CreateComplex(TestPdfLayout layout)
    {
        var builder = new TestPdfBuilder();
        var catalog = builder.Add("<< /Type /Catalog /Pages 2 0 R /AcroForm 10 0 R >>");
        builder.Add("<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>");
        builder.Add("<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 /MediaBox [0 0 595 842] /Resources << >> >>");
        builder.Add("<< /Type /Page /Parent 3 0 R /Contents 5 0 R /Annots 8 0 R >>");
        builder.AddStream("", PageContent);
        builder.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 5 0 R >>");
        builder.Add("<< /Type /Annot /Subtype /Link /Rect [50 50 100 100] /Border [0 0 0] /P 4 0 R /Dest [6 0 R /Fit] >>");
        builder.Add("[7 0 R]");
        builder.Add("[11 0 R]");
        builder.Add("<< /Fields 9 0 R /DA (/Helv 0 Tf 0 g) % a comment inside a dictionary\n>>");
        builder.Add($"<< /FT /Tx /T <{Convert.ToHexString(ToPdfText("客戶"))}> /V (Invented \\(customer\\) name) >>");
        var info = builder.Add("<< /Title (Invented two-page form) /Producer (IAmSmart.Sdk tests) >>");
        return builder.Build(layout, catalog, $"/Info {info} 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    }

    /// <summary>A text string as a PDF writer would encode it: PDFDocEncoding for ASCII, UTF-16BE with a BOM otherwise.</summary>
    public static byte[] ToPdfText(string text) =>
        text.All(char.IsAscii) ? Encoding.ASCII.GetBytes(text) : [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)];

    /// <summary>Catalog 1, page tree 2, page 3, content 4, information 5, then whatever <paramref name="addObjects"/> adds.</summary>
    private static byte[] Create(TestPdfLayout layout, Func<string> extraCatalogEntries, Func<string> extraTrailerEntries, Action<TestPdfBuilder> addObjects)
    {
        var builder = new TestPdfBuilder();
        builder.Add("catalog placeholder");
        builder.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        builder.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>");
        builder.AddStream("", PageContent);
        builder.Add("<< /Title (Invented account-opening form) /Producer (IAmSmart.Sdk tests) /CreationDate (D:20260101090000+08'00') >>");
        addObjects(builder);
        builder.Set(1, $"<< /Type /Catalog /Pages 2 0 R {extraCatalogEntries()} >>");
        return builder.Build(layout, 1, $"/Info 5 0 R /ID [<A1B2C3D4E5F60718293A4B5C6D7E8F90> <A1B2C3D4E5F60718293A4B5C6D7E8F90>] {extraTrailerEntries()}");
    }

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

    /// <summary>
    /// A CMS over <paramref name="content"/> signed by the shared test signer, carrying in its place a certificate with
    /// the same issuer and serial number whose rsaEncryption public key is not an RSA key: the certificates are outside
    /// what the signature covers, so the CMS decodes, names its signer certificate, and fails only when its key is read.
    /// </summary>
    public static byte[] WithUnreadableSignerKey(byte[] content)
    {
        var ca = TestCertificateAuthority.Shared;
        var signed = new SignedCms();
        signed.Decode(TestPdfs.SignDetached(content, ca.Signer, issuingCa: null, DateTimeOffset.UtcNow, X509IncludeOption.None));
        var unreadableKey = new PublicKey(
            new Oid("1.2.840.113549.1.1.1"), new AsnEncodedData([0x05, 0x00]), new AsnEncodedData([0x04, 0x02, 0x01, 0x02]));
        var request = new CertificateRequest(ca.Signer.SubjectName, unreadableKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issuerKey = RSA.Create(2048);
        using var impostor = request.Create(
            ca.Signer.IssuerName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), Convert.FromHexString(ca.Signer.SerialNumber));
        signed.AddCertificate(impostor);
        return signed.Encode();
    }
}
