using PdfSharp;

[assembly: AssemblyFixture(typeof(IAmSmart.Sdk.Pdf.Tests.PdfSharpLicenseFixture))]

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// PDFsharp 6.5 refuses to work until a license is chosen. The tests are not distributed, so they take the AGPL one;
/// the library itself never chooses for its users.
/// </summary>
public sealed class PdfSharpLicenseFixture
{
    public PdfSharpLicenseFixture() => PdfSharpLicense.SetAgplLicense();
}
