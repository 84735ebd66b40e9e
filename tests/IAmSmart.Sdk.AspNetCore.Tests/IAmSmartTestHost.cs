using System.Net;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>
/// An in-memory web app (TestHost) with cookie sign-in, iAM Smart login and the callback endpoint, wired to a fake
/// iAM Smart that answers getKey with the vector key and getToken with <see cref="TokenPlaintext"/>.
/// </summary>
internal sealed class IAmSmartTestHost : IAsyncDisposable
{
    public const string TokenPlaintext = """{"accessToken":"tok-web-01","tokenType":"Bearer","issueAt":1772355600000,"expiresIn":14400000,"openID":"oPen+Id/9=","userType":"sign","scope":"eidapi_auth eidapi_sign"}""";

    private readonly WebApplication _app;

    private IAmSmartTestHost(WebApplication app, FakeIAmSmartHandler iamSmart, FakeTimeProvider time)
    {
        _app = app;
        IAmSmart = iamSmart;
        Time = time;
        Client = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>() is TestServer
            ? app.GetTestClient()
            : new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public FakeIAmSmartHandler IAmSmart { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The failure of the last remote login that failed, as the app's OnRemoteFailure saw it.</summary>
    public Exception? LastFailure { get; private set; }

    public static async Task<IAmSmartTestHost> StartAsync(
        Action<IAmSmartAuthenticationOptions>? configureLogin = null,
        Action<IAmSmartCallbackEndpointOptions>? configureCallbacks = null,
        Action<IEndpointConventionBuilder>? callbackEndpoint = null,
        Action<WebApplicationBuilder>? configureServices = null,
        Action<WebApplication>? beforeAuthentication = null,
        bool kestrel = false)
    {
        var iamSmart = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateBuilder();
        if (kestrel)
        {
            // A real server on the loopback interface, for what only a socket shows (a body cut short of its Content-Length).
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services
            .AddIAmSmart(b => b
                .Configure(o =>
                {
                    var vector = VectorClient.Options();
                    o.Environment = vector.Environment;
                    o.BaseUrl = vector.BaseUrl;
                    o.ClientId = vector.ClientId;
                    o.ClientSecret = vector.ClientSecret;
                    o.RetryBaseDelay = TimeSpan.Zero;
                    o.PendingOperations.PollInterval = TimeSpan.FromMilliseconds(20);
                })
                .UseKeyEncryptionKey(VectorClient.Kek()))
            .HttpClient.ConfigurePrimaryHttpMessageHandler(() => iamSmart);

        IAmSmartTestHost? host = null;
        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = IAmSmartAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddIAmSmart(o =>
            {
                o.Events.OnRemoteFailure = context =>
                {
                    host!.LastFailure = context.Failure;
                    context.Response.Redirect("/login-failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                configureLogin?.Invoke(o);
            });

        builder.Services.AddAuthorization();
        configureServices?.Invoke(builder);
        var app = builder.Build();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (HttpContext context) => context.ChallengeAsync(new AuthenticationProperties { RedirectUri = "/me" })).AllowAnonymous();
        app.MapGet("/me", (HttpContext context) => context.User.Identity?.IsAuthenticated == true
            ? Results.Text(string.Join("\n", context.User.Claims.Select(c => $"{c.Type}={c.Value}")))
            : Results.StatusCode((int)HttpStatusCode.Unauthorized)).AllowAnonymous();
        var callbacks = app.MapIAmSmartCallbacks(configure: configureCallbacks);
        callbackEndpoint?.Invoke(callbacks);
        await app.StartAsync(TestContext.Current.CancellationToken);
        host = new IAmSmartTestHost(app, iamSmart, time);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
