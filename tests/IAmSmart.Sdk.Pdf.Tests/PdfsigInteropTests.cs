using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// Independent verifiers: Poppler's pdfsig (NSS underneath) must accept the signatures the SDK writes, and qpdf must
/// find the file structure (cross-reference sections, object streams, incremental updates) sound. The certificate is
/// from a test CA, so pdfsig calls it untrusted; only the signature itself must be valid.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class PdfsigInteropTests
{
    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<TestPdfLayout, bool> Inputs()
    {
        var data = new TheoryData<TestPdfLayout, bool>();
        foreach (var layout in TestPdfs.Layouts)
        {
            data.Add(layout, false);
            data.Add(layout, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Poppler_pdfsig_reports_the_embedded_signature_as_valid(TestPdfLayout layout, bool complex)
    {
        var signed = await SignAsync(complex ? TestPdfs.CreateComplex(layout) : TestPdfs.CreateUnsigned(layout), "Signature1");

        var (_, output) = await ExternalTool.Pdfsig.RunAsync(signed);

        Assert.Contains("Signature #1", output, StringComparison.Ordinal);
        Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("Signer Certificate Common Name: Test Signer Alpha", output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Qpdf_finds_no_structural_problem_in_the_input_the_prepared_or_the_signed_pdf(TestPdfLayout layout, bool complex)
    {
        var input = complex ? TestPdfs.CreateComplex(layout) : TestPdfs.CreateUnsigned(layout);
        var prepared = await _signer.PrepareAsync(input, cancellationToken: Ct);
        var signed = _signer.Embed(prepared, TestPdfs.Sign(prepared));

        foreach (var (what, pdf) in new[] { ("input", input), ("prepared", prepared.ToArray()), ("signed", signed) })
        {
            var (exitCode, output) = await ExternalTool.Qpdf.RunAsync(pdf, "--check");

            // Exit code 0 means no errors and no warnings.
            Assert.True(exitCode == 0, $"qpdf --check on the {what} PDF ({layout}, complex: {complex}) exited with {exitCode}:\n{output}");
            Assert.Contains("No syntax or stream encoding errors found", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(TestPdfLayout.ClassicXref)]
    [InlineData(TestPdfLayout.XrefStream)]
    [InlineData(TestPdfLayout.Hybrid)]
    public async Task A_second_signature_leaves_the_first_valid_for_pdfsig(TestPdfLayout layout)
    {
        var once = await SignAsync(TestPdfs.CreateUnsigned(layout), "Signature1");
        var twice = await SignAsync(once, "Signature2");

        var (_, output) = await ExternalTool.Pdfsig.RunAsync(twice);

        Assert.Contains("Signature #1", output, StringComparison.Ordinal);
        Assert.Contains("Signature #2", output, StringComparison.Ordinal);
        Assert.Equal(2, ValidSignature().Count(output));
        Assert.Contains("Signature Field Name: Signature1", output, StringComparison.Ordinal);
        Assert.Contains("Signature Field Name: Signature2", output, StringComparison.Ordinal);
        var (exitCode, check) = await ExternalTool.Qpdf.RunAsync(twice, "--check");
        Assert.True(exitCode == 0, check);
    }

    [Theory]
    [InlineData("--linearize")]
    [InlineData("--object-streams=generate")]
    [InlineData("--linearize", "--object-streams=generate")]
    [InlineData("--qdf")]
    public async Task A_pdf_saved_by_qpdf_can_be_signed_twice_with_both_signatures_valid(params string[] qpdfOptions)
    {
        var input = await ExternalTool.Qpdf.RewriteAsync(TestPdfs.CreateComplex(TestPdfLayout.ClassicXref), qpdfOptions);

        var twice = await SignAsync(await SignAsync(input, "Signature1"), "Signature2");
        var (_, output) = await ExternalTool.Pdfsig.RunAsync(twice);
        var (exitCode, check) = await ExternalTool.Qpdf.RunAsync(twice, "--check");

        Assert.Equal(2, ValidSignature().Count(output));
        Assert.True(exitCode == 0, check);
        Assert.All(new PdfSignatureVerifier().VerifyAll(twice, TestCertificateAuthority.Shared.TrustAnchors, TestCertificateAuthority.NoRevocation), r => Assert.True(r.IsValid, r.FirstFailure?.Detail));
    }

    private async Task<byte[]> SignAsync(byte[] pdf, string fieldName)
    {
        var prepared = await _signer.PrepareAsync(
            pdf,
            new PdfSignatureOptions { FieldName = fieldName, Reason = "Invented agreement", Location = "Hong Kong" },
            Ct);
        return _signer.Embed(prepared, TestPdfs.Sign(prepared));
    }

    [GeneratedRegex("Signature Validation: Signature is Valid\\.")]
    private static partial Regex ValidSignature();
}
