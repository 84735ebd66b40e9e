using IAmSmart.Sdk.Samples.Web;
using IAmSmart.Sdk.Testing.Personas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>The web sample started in this process on a free loopback port, in its default (simulator) mode.</summary>
internal sealed class WebSampleHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSampleHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Simulator = app.Services.GetRequiredService<EmbeddedSimulator>();
    }

    /// <summary>The sample's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulator the sample started and talks to.</summary>
    public EmbeddedSimulator Simulator { get; }

    public static async Task<WebSampleHost> StartAsync(CancellationToken cancellationToken)
    {
        var app = await WebSampleApp.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
        {
            // Default mode whatever the machine's environment variables say, quiet, and no keys left in the user profile.
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("IAmSmart:Environment", "Simulator")]);
            builder.Logging.ClearProviders();
            builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        }, cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            return new WebSampleHost(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The openID iAM Smart gives <paramref name="personaId"/> for this e-service, found the way the sample finds it (a
    /// login and a token exchange, here without a browser), so tests can check the sample never shows it in full.
    /// </summary>
    public async Task<string> OpenIdOfAsync(string personaId, CancellationToken cancellationToken)
    {
        var redirect = Simulator.Simulator.SignIn(personaId, new Uri(BaseAddress, "signin-iamsmart"), ["eidapi_auth"], "openid-probe", UserAction.Approve);
        using var client = Simulator.Server.CreateClient();
        var token = await client.Auth.GetTokenAsync(redirect.Code ?? throw new InvalidOperationException("The persona did not approve."), cancellationToken);
        return token.OpenId;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
