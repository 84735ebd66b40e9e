using System.Diagnostics;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// Runs an independent PDF tool on bytes the SDK wrote. A missing tool skips the test with the install command,
/// except in CI (<c>CI=true</c>), where it fails so that an interop check never turns silently into a skip.
/// </summary>
internal sealed class ExternalTool(string name, string package)
{
    public static readonly ExternalTool Pdfsig = new("pdfsig", "poppler-utils");

    public static readonly ExternalTool Qpdf = new("qpdf", "qpdf");

    /// <summary>Writes <paramref name="pdf"/> to a temporary file and returns the exit code and combined output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(byte[] pdf, params string[] arguments)
    {
        var path = Path.Combine(Path.GetTempPath(), $"iamsmart-{name}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, TestContext.Current.CancellationToken);
        try
        {
            return await RunAsync([.. arguments, path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <c>tool options input output</c> and returns the output file: how another writer would save the PDF.</summary>
    public async Task<byte[]> RewriteAsync(byte[] pdf, params string[] options)
    {
        var input = Path.Combine(Path.GetTempPath(), $"iamsmart-{name}-{Guid.NewGuid():N}-in.pdf");
        var output = Path.ChangeExtension(input, ".out.pdf");
        await File.WriteAllBytesAsync(input, pdf, TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, text) = await RunAsync([.. options, input, output]);
            Assert.True(exitCode == 0, $"{name} {string.Join(' ', options)} failed:\n{text}");
            return await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var executable = FindOnPath(name);
        if (executable is null)
        {
            var hint = $"{name} is not installed; install it with: apt-get install {package}";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), hint);
            Assert.Skip(hint);
        }

        var start = new ProcessStartInfo(executable, arguments)
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
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
