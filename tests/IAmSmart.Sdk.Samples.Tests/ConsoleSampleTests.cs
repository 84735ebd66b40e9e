using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using IAmSmart.Sdk.Samples.Console;
using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Hosting;
using Microsoft.Extensions.Configuration;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>The main job, run as a user would: on the built-in simulator, and against a configured iAM Smart over HTTP.</summary>
public sealed partial class ConsoleSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Default_run_on_the_simulator_succeeds_at_every_step()
    {
        var output = new StringWriter();
        var outputDirectory = Directory.CreateTempSubdirectory("iamsmart-sample-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:OutputDirectory"] = outputDirectory.FullName }).Build();

        var exitCode = await SampleApp.RunAsync(configuration, output, Ct);

        Assert.True(exitCode == 0, output.ToString());
        Assert.True(File.Exists(Path.Combine(outputDirectory.FullName, "account-opening-signed.pdf")));
        outputDirectory.Delete(recursive: true);
        Assert.Matches(@"(\d+) of \1 steps succeeded", output.ToString());
        Assert.DoesNotContain("FAIL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persona_who_cancels_makes_the_run_fail_with_the_iAM_Smart_code()
    {
        var output = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Persona"] = "always-cancels" }).Build();

        var exitCode = await SampleApp.RunAsync(configuration, output, Ct);

        Assert.Equal(1, exitCode);
        Assert.Contains("D40000", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Configured_run_prints_the_login_url_and_continues_when_the_browser_redirect_arrives(bool trustTheSimulatorRoot)
    {
        using var simulator = new IAmSmartSimulator();
        await using var server = await SimulatorServer.StartAsync(simulator, new Uri("http://127.0.0.1:0"), cancellationToken: Ct);
        var listenUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var redirectUri = new Uri(listenUrl, "iamsmart/callback");
        simulator.RegisterRedirectUri(redirectUri.AbsoluteUri);
        var files = Directory.CreateTempSubdirectory("iamsmart-sample-");
        var kek = Path.Combine(files.FullName, "kek.pem");
        var root = Path.Combine(files.FullName, "root.pem");
        var issuing = Path.Combine(files.FullName, "issuing.pem");
        await File.WriteAllTextAsync(kek, simulator.ExportEnciphermentKeyPem(), Ct);
        // Trusting another root makes the hash signature fail verification: the sample must then acknowledge SR002, not SR001.
        using var otherAuthority = trustTheSimulatorRoot ? null : new SimulatorCertificateAuthority(TimeProvider.System);
        await File.WriteAllTextAsync(root, (otherAuthority ?? simulator.CertificateAuthority).RootCertificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(issuing, simulator.CertificateAuthority.IssuingCertificate.ExportCertificatePem(), Ct);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IAmSmart:Environment"] = "Custom",
                ["IAmSmart:BaseUrl"] = server.BaseAddress.AbsoluteUri,
                ["IAmSmart:ClientId"] = simulator.ClientId,
                ["IAmSmart:ClientSecret"] = simulator.ClientSecret,
                ["IAmSmart:EnciphermentCertificate:PemPath"] = kek,
                ["Sample:RedirectUri"] = redirectUri.AbsoluteUri,
                ["Sample:ListenUrl"] = listenUrl.AbsoluteUri,
                ["Sample:Timeout"] = "00:01:00",
                ["Sample:TrustAnchors"] = root,
                ["Sample:Intermediates"] = issuing,
                // The simulator server's test CA publishes no revocation information; the sample's default is Online.
                ["Sample:Revocation"] = "NoCheck",
                ["Sample:OutputDirectory"] = files.FullName,
            }).Build();
            var output = new LineSignallingWriter(LoginUrlLine());

            var run = SampleApp.RunAsync(configuration, output, Ct);
            var loginUrls = new List<Uri>();
            int exitCode;
            try
            {
                // Two logins: the service login, then the anonymous e-ME ticket. Each time the user approves in the app
                // and the browser follows iAM Smart's redirect to the e-service's listener.
                using var browser = new HttpClient();
                // A failed verification stops the run at hash signing, before the anonymous e-ME login.
                for (var login = 0; login < (trustTheSimulatorRoot ? 2 : 1); login++)
                {
                    var next = output.Matches.Reader.ReadAsync(Ct).AsTask();
                    await Task.WhenAny(next, run).WaitAsync(TimeSpan.FromSeconds(60), Ct);
                    Assert.True(next.IsCompletedSuccessfully, "The sample ended before it printed a login URL.");
                    var loginUrl = new Uri((await next).Groups["url"].Value);
                    loginUrls.Add(loginUrl);
                    var redirect = simulator.Authorize(loginUrl, "chan-tai-man");
                    using var response = await browser.GetAsync(redirect.Location, Ct);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }

                exitCode = await run.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !Ct.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"The configured run failed ({ex.GetType().Name}: {ex.Message}). Sample output:\n{output}");
            }

            if (!trustTheSimulatorRoot)
            {
                Assert.True(exitCode == 1, output.ToString());
                Assert.Contains("acknowledged SR002", output.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("acknowledged SR001", output.ToString(), StringComparison.Ordinal);
                return;
            }

            Assert.True(exitCode == 0, output.ToString());
            Assert.All(loginUrls, url => Assert.StartsWith(server.BaseAddress.AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal));
            Assert.Contains("ticketID=", loginUrls[1].Query, StringComparison.Ordinal);
            Assert.Matches(@"(\d+) of \1 steps succeeded", output.ToString());
            Assert.Contains("Hash signature verification", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("all pass; acknowledged SR001", output.ToString(), StringComparison.Ordinal); // acknowledged only after verifying
            Assert.True(new FileInfo(Path.Combine(files.FullName, "account-opening-signed.pdf")).Length > 0);
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Open this URL in a browser.*?: (?<url>\S+)")]
    private static partial Regex LoginUrlLine();

    /// <summary>A writer that publishes every line matching a pattern.</summary>
    private sealed class LineSignallingWriter(Regex pattern) : StringWriter
    {
        public System.Threading.Channels.Channel<Match> Matches { get; } = System.Threading.Channels.Channel.CreateUnbounded<Match>();

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && pattern.Match(value) is { Success: true } match)
            {
                Matches.Writer.TryWrite(match);
            }
        }
    }
}
