using System.Diagnostics;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// An independent verifier: Poppler's pdfsig (NSS underneath) must accept what the SDK writes. The certificate is
/// from a test CA, so pdfsig calls it untrusted; only the signature itself must be valid.
/// </summary>
[Trait("Category", "Interop")]
public sealed class PdfsigInteropTests
{
    private const string InstallHint = "Poppler's pdfsig is not installed; install it with: apt-get install poppler-utils";

    [Fact]
    public async Task Poppler_pdfsig_reports_the_embedded_signature_as_valid()
    {
        var pdfsig = FindOnPath("pdfsig");
        if (pdfsig is null)
        {
            // In CI a missing tool must not turn the interop check silently into a skip.
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), InstallHint);
            Assert.Skip(InstallHint);
        }

        var signer = new PdfDeferredSigner();
        var prepared = await signer.PrepareAsync(
            TestPdfs.CreateUnsigned(),
            new PdfSignatureOptions { Reason = "Invented agreement", Location = "Hong Kong" },
            TestContext.Current.CancellationToken);
        var signed = signer.Embed(prepared, TestPdfs.Sign(prepared));
        var path = Path.Combine(Path.GetTempPath(), $"iamsmart-pdfsig-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, signed, TestContext.Current.CancellationToken);
        try
        {
            var output = await RunAsync(pdfsig, path);

            Assert.Contains("Signature #1", output, StringComparison.Ordinal);
            Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
            Assert.Contains("Signer Certificate Common Name: Test Signer Alpha", output, StringComparison.Ordinal);
            Assert.Contains("Total document signed", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunAsync(string executable, string pdfPath)
    {
        var start = new ProcessStartInfo(executable, [pdfPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return $"{await stdout}\n{await stderr}";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
