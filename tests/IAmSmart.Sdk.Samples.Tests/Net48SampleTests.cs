using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Hosting;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>
/// The netstandard2.0 builds on .NET Framework: samples/IAmSmart.Sdk.Samples.Net48 (net48) runs under Mono against the
/// simulator server over loopback HTTP, and every step of its journey must succeed, PDF signing (IAmSmart.Sdk.Pdf:
/// prepare, sign on the simulator, embed, verify) included. The test acts for the user: it
/// logs the simulator's persona in at each login URL the sample prints and follows the redirect back to the sample.
/// </summary>
public sealed class Net48SampleTests
{
    private const string Persona = "chan-tai-man";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_net48_sample_runs_the_journey_under_Mono_and_every_step_succeeds()
    {
        var mono = FindOnPath("mono");
        if (mono is null)
        {
            // CI installs mono-complete (.ci/install-prerequisites); a developer machine without it skips, CI fails.
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "mono is not installed (.ci/install-prerequisites installs mono-complete).");
            Assert.Skip("mono is not installed: apt-get install mono-complete to run the net48 sample.");
        }

        var exe = SampleExecutable();
        Assert.True(File.Exists(exe), $"The net48 sample is not built: {exe}");

        using var simulator = new IAmSmartSimulator();
        await using var server = await SimulatorServer.StartAsync(simulator, new Uri("http://127.0.0.1:0"), cancellationToken: Ct);
        var listenUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var redirectUri = new Uri(listenUrl, "iamsmart/callback");
        simulator.RegisterRedirectUri(redirectUri.AbsoluteUri);
        var files = Directory.CreateTempSubdirectory("iamsmart-net48-");
        try
        {
            var kek = Path.Combine(files.FullName, "kek.pem");
            var root = Path.Combine(files.FullName, "root.pem");
            var issuing = Path.Combine(files.FullName, "issuing.pem");
            await File.WriteAllTextAsync(kek, simulator.ExportEnciphermentKeyPem(), Ct);
            await File.WriteAllTextAsync(root, simulator.CertificateAuthority.RootCertificate.ExportCertificatePem(), Ct);
            await File.WriteAllTextAsync(issuing, simulator.CertificateAuthority.IssuingCertificate.ExportCertificatePem(), Ct);

            var start = new ProcessStartInfo(mono)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(exe)!,
            };
            foreach (var argument in new[]
            {
                "--debug", exe,
                "--base-url", server.BaseAddress.AbsoluteUri,
                "--client-id", simulator.ClientId,
                "--client-secret", simulator.ClientSecret,
                "--kek-pem", kek,
                "--listen-url", listenUrl.AbsoluteUri,
                "--redirect-uri", redirectUri.AbsoluteUri,
                "--trust-anchor", root,
                "--intermediate", issuing,
                "--timeout-seconds", "150",
            })
            {
                start.ArgumentList.Add(argument);
            }

            var output = new System.Text.StringBuilder();
            var browser = new HttpClient();
            var logins = new List<Task>();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                if (e.Data.StartsWith("LOGIN-URL ", StringComparison.Ordinal))
                {
                    // The user logs in with the iAM Smart app; the browser follows iAM Smart's redirect to the sample.
                    var redirect = simulator.Authorize(new Uri(e.Data["LOGIN-URL ".Length..]), Persona);
                    lock (logins)
                    {
                        logins.Add(browser.GetAsync(redirect.Location, Ct));
                    }
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct))
            {
                timeout.CancelAfter(TimeSpan.FromMinutes(3));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
            }

            browser.Dispose();
            var text = output.ToString();
            TestContext.Current.TestOutputHelper?.WriteLine(text);
            Assert.True(process.ExitCode == 0, $"The net48 sample failed under Mono (exit code {process.ExitCode}):\n{text}");
            Assert.Matches(@"SDK [\d.]+ \(\.NETStandard,Version=v2\.0\)", text);
            Assert.Contains("PDF (.NETStandard,Version=v2.0)", text, StringComparison.Ordinal);
            Assert.Matches(@"PDF embed and verification +ok .* 5 checks pass", text);
            Assert.Contains("Mono", text, StringComparison.Ordinal);
            Assert.Matches(@"(\d+) of \1 steps succeeded", text);
            Assert.DoesNotContain("FAIL", text, StringComparison.Ordinal);
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    // samples/IAmSmart.Sdk.Samples.Net48/bin/<configuration>/net48/, beside this test's own configuration.
    private static string SampleExecutable()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent!.Name; // bin/<configuration>/net10.0/
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IAmSmart.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "samples", "IAmSmart.Sdk.Samples.Net48", "bin", configuration, "net48", "IAmSmart.Sdk.Samples.Net48.exe");
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
