using System.Text;
using IAmSmart.Sdk.Pdf.Internal;
using IAmSmart.Sdk.Pdf.Internal.Cos;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>What the writer appends, read back with the package's own reader.</summary>
[Trait("Category", "Unit")]
public sealed class IncrementalUpdateTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TestPdfLayout> Layouts() => [.. TestPdfs.Layouts];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_original_bytes_are_kept_unchanged_at_the_start_and_the_update_chains_to_them(TestPdfLayout layout)
    {
        var input = TestPdfs.CreateUnsigned(layout);
        var original = await PdfFile.OpenAsync(new MemoryPdfSource(input), Ct);

        var prepared = (await _signer.PrepareAsync(input, cancellationToken: Ct)).ToArray();
        var updated = await PdfFile.OpenAsync(new MemoryPdfSource(prepared), Ct);

        Assert.True(prepared.AsSpan(0, input.Length).SequenceEqual(input), "the original bytes changed");
        Assert.Equal(original.StartXref, Integer(updated.Trailer["Prev"]));
        Assert.Equal(original.Trailers.Count + 1, updated.Trailers.Count);
        Assert.Equal(original.NewestSectionFormat == CrossReferenceFormat.Stream ? CrossReferenceFormat.Stream : CrossReferenceFormat.Table, updated.NewestSectionFormat);
        Assert.Equal(Reference(original.Trailer["Root"]), Reference(updated.Trailer["Root"]));
        Assert.Equal(Reference(original.Trailer["Info"]), Reference(updated.Trailer["Info"]));
        Assert.True(Integer(updated.Trailer["Size"]) > Integer(original.Trailer["Size"]));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_file_identifier_keeps_its_permanent_part_and_gets_a_new_changing_part(TestPdfLayout layout)
    {
        var input = TestPdfs.CreateUnsigned(layout);
        var before = (PdfArray)(await PdfFile.OpenAsync(new MemoryPdfSource(input), Ct)).Trailer["ID"]!;

        var after = (PdfArray)(await PdfFile.OpenAsync(new MemoryPdfSource((await _signer.PrepareAsync(input, cancellationToken: Ct)).ToArray()), Ct)).Trailer["ID"]!;

        Assert.Equal(((PdfString)before.Items[0]).Bytes, ((PdfString)after.Items[0]).Bytes);
        Assert.NotEqual(((PdfString)before.Items[1]).Bytes, ((PdfString)after.Items[1]).Bytes);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_simple_pdf_gets_a_new_page_with_Annots_and_a_new_catalog_with_an_AcroForm(TestPdfLayout layout)
    {
        var file = await PdfFile.OpenAsync(new MemoryPdfSource((await _signer.PrepareAsync(TestPdfs.CreateUnsigned(layout), cancellationToken: Ct)).ToArray()), Ct);

        var catalog = file.ResolveDictionary(file.Trailer["Root"])!;
        var form = file.ResolveDictionary(catalog["AcroForm"])!;
        var field = Assert.Single(((PdfArray)file.Resolve(form["Fields"])).Items);
        var page = file.ResolveDictionary(new PdfReference(3, 0))!;
        var widgetReference = Assert.IsType<PdfReference>(Assert.Single(((PdfArray)file.Resolve(page["Annots"])).Items));
        var widget = file.ResolveDictionary(widgetReference)!;
        var signature = file.ResolveDictionary(widget["V"])!;

        Assert.Equal(widgetReference.Number, Reference(field));
        Assert.Equal(3, Integer(form["SigFlags"]));
        Assert.Equal("Sig", widget.GetName("FT"));
        Assert.Equal("Widget", widget.GetName("Subtype"));
        Assert.Equal("Signature1", ((PdfString)widget["T"]!).ToText());
        Assert.Equal(132, Integer(widget["F"]));
        Assert.Equal(3, Reference(widget["P"]));
        Assert.Equal("Sig", signature.GetName("Type"));
        Assert.Equal("Adobe.PPKLite", signature.GetName("Filter"));
        Assert.Equal("adbe.pkcs7.detached", signature.GetName("SubFilter"));
        Assert.Equal(PdfSignatureOptions.DefaultPlaceholderSize, ((PdfString)signature["Contents"]!).Bytes.Length);

        // What the page had stays as it was written.
        Assert.Equal("[0 0 595 842]", Encoding.ASCII.GetString(page["MediaBox"]!.Source.Span));
        Assert.Equal(4, Reference(page["Contents"]));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Indirect_Annots_Fields_and_AcroForm_get_new_versions_of_their_own_and_the_field_is_added_to_them(TestPdfLayout layout)
    {
        var input = TestPdfs.CreateComplex(layout);
        var prepared = (await _signer.PrepareAsync(input, cancellationToken: Ct)).ToArray();
        var file = await PdfFile.OpenAsync(new MemoryPdfSource(prepared), Ct);
        var appended = "\n" + Encoding.Latin1.GetString(prepared.AsSpan(input.Length));
        var widget = Reference(((PdfArray)file.GetObject(8)).Items[^1]);

        var annotations = (PdfArray)file.GetObject(8);
        var fields = (PdfArray)file.GetObject(9);
        var form = (PdfDictionary)file.GetObject(10);

        Assert.Equal("Widget", file.ResolveDictionary(new PdfReference(widget, 0))!.GetName("Subtype"));
        Assert.Equal([7, widget], annotations.Items.Select(Reference));
        Assert.Equal([11, widget], fields.Items.Select(Reference));
        Assert.Equal(9, Reference(form["Fields"]));
        Assert.Equal(3, Integer(form["SigFlags"]));
        Assert.Equal("(/Helv 0 Tf 0 g)", Encoding.ASCII.GetString(form["DA"]!.Source.Span));

        // Page 1, page 2 and the catalog refer to these objects and need no new version.
        Assert.Contains("\n8 0 obj\n", appended, StringComparison.Ordinal);
        Assert.Contains("\n9 0 obj\n", appended, StringComparison.Ordinal);
        Assert.Contains("\n10 0 obj\n", appended, StringComparison.Ordinal);
        Assert.DoesNotContain("\n1 0 obj\n", appended, StringComparison.Ordinal);
        Assert.DoesNotContain("\n4 0 obj\n", appended, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Texts_are_escaped_and_non_ASCII_texts_are_written_as_UTF_16BE_with_a_byte_order_mark()
    {
        var options = new PdfSignatureOptions
        {
            FieldName = "簽署",
            SignerName = "陳大文 (Test)",
            Reason = @"Invented (agreement) \ version 2",
            Location = "香港 Hong Kong",
        };

        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), options, Ct);
        var text = Encoding.Latin1.GetString(prepared.Bytes.Span);
        var signature = (await PdfFile.OpenAsync(new MemoryPdfSource(prepared.ToArray()), Ct)).ResolveDictionary(new PdfReference(6, 0))!;

        Assert.Contains(@"/Reason(Invented \(agreement\) \\ version 2)", text, StringComparison.Ordinal);
        Assert.Contains("/Location<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes("香港 Hong Kong")) + ">", text, StringComparison.Ordinal);
        Assert.Contains("/T<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes("簽署")) + ">", text, StringComparison.Ordinal);
        Assert.Equal("陳大文 (Test)", ((PdfString)signature["Name"]!).ToText());
        Assert.Equal(@"Invented (agreement) \ version 2", ((PdfString)signature["Reason"]!).ToText());
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_non_ASCII_field_name_already_in_use_is_recognised(TestPdfLayout layout)
    {
        var error = await Assert.ThrowsAsync<PdfSigningException>(() =>
            _signer.PrepareAsync(TestPdfs.CreateComplex(layout), new PdfSignatureOptions { FieldName = "客戶" }, Ct));

        Assert.Equal(PdfSigningError.FieldNameInUse, error.Reason);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_signed_pdf_can_be_signed_again_and_both_signatures_verify(TestPdfLayout layout)
    {
        var first = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(layout), cancellationToken: Ct);
        var once = _signer.Embed(first, TestPdfs.Sign(first));

        var second = await _signer.PrepareAsync(once, cancellationToken: Ct);
        var twice = _signer.Embed(second, TestPdfs.Sign(second));
        var results = new PdfSignatureVerifier().VerifyAll(twice, TestCertificateAuthority.Shared.TrustAnchors, TestCertificateAuthority.NoRevocation);

        Assert.True(twice.AsSpan(0, once.Length).SequenceEqual(once), "the first signed revision changed");
        Assert.Contains("/T(Signature2)", Encoding.Latin1.GetString(twice.AsSpan(once.Length)), StringComparison.Ordinal);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, r.FirstFailure?.Detail));
        Assert.Equal(first.DocDigest, results[0].DocDigest);
        Assert.Equal(second.DocDigest, results[1].DocDigest);
        Assert.Contains("earlier revision", results[0].Checks[0].Detail, StringComparison.Ordinal);
        Assert.Equal(second.DocDigest, new PdfSignatureVerifier().Verify(twice, TestCertificateAuthority.Shared.TrustAnchors, TestCertificateAuthority.NoRevocation).DocDigest);
    }

    private static long Integer(PdfObject? value) => Assert.IsType<PdfNumber>(value).TryGetInteger(out var integer) ? integer : -1;

    private static int Reference(PdfObject? value) => Assert.IsType<PdfReference>(value).Number;
}
