using System.Net;
using IAmSmart.Sdk.Samples.Web;
using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Hosting;
using IAmSmart.Sdk.Testing.Personas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>
/// The web sample configured for an iAM Smart of its own (here a simulator server standing in for the sandbox), served
/// behind a TLS reverse proxy, as the README describes: no embedded simulator, the registered HTTPS redirect URI built
/// from the proxy's forwarded headers, and Secure cookies.
/// </summary>
public sealed class WebSampleConfiguredTests
{
    private const string PublicHost = "bank.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Configured_sample_behind_a_TLS_proxy_uses_that_iAM_Smart_and_logs_the_user_in()
    {
        using var simulator = new IAmSmartSimulator();
        simulator.Options.RegisteredRedirectUris.Clear();
        simulator.RegisterRedirectUri($"https://{PublicHost}/signin-iamsmart");
        await using var iamSmart = await SimulatorServer.StartAsync(simulator, new Uri("http://127.0.0.1:0"), cancellationToken: Ct);
        var kek = Path.Combine(Path.GetTempPath(), $"web-sample-kek-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(kek, simulator.ExportEnciphermentKeyPem(), Ct);
        try
        {
            await using var app = await WebSampleApp.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["IAmSmart:Environment"] = "Custom",
                    ["IAmSmart:BaseUrl"] = iamSmart.BaseAddress.AbsoluteUri,
                    ["IAmSmart:ClientId"] = simulator.ClientId,
                    ["IAmSmart:ClientSecret"] = simulator.ClientSecret,
                    ["IAmSmart:EnciphermentCertificate:PemPath"] = kek,
                });
                builder.Logging.ClearProviders();
                builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            }, Ct);
            await app.StartAsync(Ct);
            Assert.Null(app.Services.GetService<EmbeddedSimulator>());
            var sample = new Uri(app.Urls.Single().TrimEnd('/') + "/");
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

            using var challenge = await http.SendAsync(ThroughProxy(new Uri(sample, "login")), Ct);
            Assert.Equal(HttpStatusCode.Found, challenge.StatusCode);
            var getQr = challenge.Headers.Location!;
            Assert.StartsWith(new Uri(iamSmart.BaseAddress, "api/v1/auth/getQR?").AbsoluteUri, getQr.AbsoluteUri, StringComparison.Ordinal);
            Assert.Contains($"redirectURI={Uri.EscapeDataString($"https://{PublicHost}/signin-iamsmart")}&", getQr.Query, StringComparison.Ordinal);
            var handlerCookies = CookiePairs(challenge);
            Assert.All(challenge.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

            // iAM Smart sends the browser to https://bank.example/signin-iamsmart?…; the proxy forwards it to the sample.
            var redirect = simulator.Authorize(getQr, "chan-tai-man", UserAction.Approve);
            var callback = ThroughProxy(new Uri(sample, "signin-iamsmart" + redirect.Location!.Query));
            callback.Headers.Add("Cookie", handlerCookies);
            using var signedIn = await http.SendAsync(callback, Ct);

            Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ExampleBank.Session=", StringComparison.Ordinal));
            Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
            await app.StopAsync(Ct);
        }
        finally
        {
            File.Delete(kek);
        }
    }

    /// <summary>A request as the TLS proxy in front of the sample forwards it: it arrived as https://bank.example/….</summary>
    private static HttpRequestMessage ThroughProxy(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", PublicHost);
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36");
        return request;
    }

    /// <summary>The <c>name=value</c> pairs of a response's cookies, for the Cookie header of the next request.</summary>
    private static string CookiePairs(HttpResponseMessage response)
        => string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';', 2)[0]));
}
