using System.Reflection;
using System.Runtime.Versioning;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>This project is only worth its run if the assembly under test is the netstandard2.0 build.</summary>
public sealed class BuildUnderTestTests
{
    [Fact]
    public void ThePdfPackageUnderTestIsTheNetStandard20Build()
    {
        var framework = typeof(PdfDeferredSigner).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Assert.Equal(".NETStandard,Version=v2.0", framework);
    }

    [Theory]
    [InlineData("IAmSmart.Sdk.Polyfills.Rfc3161TimestampToken")]
    [InlineData("IAmSmart.Sdk.Polyfills.ZLibStream")]
    [InlineData("IAmSmart.Sdk.Pdf.X509Chain")]
    public void TheNetStandard20PolyfillsAreTheOnesUnderTest(string polyfill)
        => Assert.NotNull(typeof(PdfDeferredSigner).Assembly.GetType(polyfill, throwOnError: false));
}
