using System.Globalization;
using IAmSmart.Sdk.AspNetCore;
using IAmSmart.Sdk.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.Samples.Web;

/// <summary>
/// A bank's web front end that logs customers in with iAM Smart. With <c>--simulator</c> (or
/// <c>IAmSmart:Environment=Simulator</c>) it starts the SDK's simulator on a loopback port inside this process and talks
/// to it; with a configured environment (<c>Sandbox</c>, <c>Production</c>, <c>Custom</c>) it talks to that iAM Smart.
/// Without <c>IAmSmart:Environment</c> it refuses to start.
/// </summary>
public static partial class WebSampleApp
{
    /// <summary>The command-line switch that selects the built-in simulator, as <c>--IAmSmart:Environment=Simulator</c> does.</summary>
    public const string SimulatorSwitch = "--simulator";

    private const string EnvironmentKey = $"{IAmSmartOptions.SectionName}:{nameof(IAmSmartOptions.Environment)}";

    /// <summary>Where the app listens when nothing else is configured: loopback only, never every interface.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Where iAM Smart POSTs the results of consent requests (profile, e-ME, signing, re-authentication).</summary>
    public const string ServerCallbackPath = IAmSmartAuthenticationDefaults.ServerCallbackPath;

    /// <summary>The page that explains a login that did not complete.</summary>
    public const string LoginFailedPath = "/login/failed";

    /// <summary>The setting that names a Redis for the pending operations of several instances (<c>--IAmSmart:Operations:Redis=host:6379</c>).</summary>
    public const string RedisOperationsSetting = "IAmSmart:Operations:Redis";

    /// <summary>
    /// Builds the app without starting it: <c>await app.RunAsync()</c> to serve, or <c>StartAsync</c>/<c>StopAsync</c> in
    /// a test (pass <c>--urls http://127.0.0.1:0</c> for a free port and read it from <c>app.Urls</c> after the start).
    /// Disposing the app also stops the embedded simulator.
    /// </summary>
    /// <param name="args">Command-line arguments: <c>--urls</c>, <c>--IAmSmart:Environment=Sandbox</c>, …</param>
    /// <param name="configure">Changes the builder before anything is read from it (tests add configuration here).</param>
    /// <param name="cancellationToken">Cancels starting the embedded simulator.</param>
    public static async Task<WebApplication> BuildAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // "--simulator" is a switch without a value, which the command-line configuration cannot read: take it out here.
        var simulatorSwitch = args.Contains(SimulatorSwitch, StringComparer.OrdinalIgnoreCase);
        var builder = WebApplication.CreateBuilder([.. args.Where(a => !a.Equals(SimulatorSwitch, StringComparison.OrdinalIgnoreCase))]);
        if (simulatorSwitch)
        {
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>(EnvironmentKey, nameof(IAmSmartEnvironment.Simulator))]);
        }

        configure?.Invoke(builder);
        if (!HasConfiguredUrls(builder.Configuration))
        {
            // Kestrel's own default is http://localhost:5000, which also binds IPv6 loopback; be explicit.
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var simulator = UsesSimulator(builder.Configuration) ? await EmbeddedSimulator.StartAsync(cancellationToken) : null;
        try
        {
            AddServices(builder, simulator);
            var app = builder.Build();
            UseMiddlewareAndEndpoints(app, simulator is not null);
            if (simulator is not null)
            {
                RegisterUrlsWithSimulatorOnStart(app);
            }

            return app;
        }
        catch
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            throw;
        }
    }

    private static bool UsesSimulator(ConfigurationManager configuration)
    {
        // No silent fallback: a deployment that lost its configuration must not start on the simulator with relaxed
        // (non-Secure) cookies and look healthy.
        var environment = configuration[EnvironmentKey];
        if (string.IsNullOrEmpty(environment))
        {
            throw new InvalidOperationException(
                $"{EnvironmentKey} is not set. Pass {SimulatorSwitch} (or --{EnvironmentKey}=Simulator) for the built-in simulator, or "
                + $"--{EnvironmentKey}=Sandbox, Production or Custom with the client settings (see the sample's README.md).");
        }

        return environment.Equals(nameof(IAmSmartEnvironment.Simulator), StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasConfiguredUrls(ConfigurationManager configuration)
        => !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists();

    private static void AddServices(WebApplicationBuilder builder, EmbeddedSimulator? simulator)
    {
        var services = builder.Services;
        if (simulator is not null)
        {
            // A factory registration, so that the container owns the simulator: disposing the app stops it.
            services.AddSingleton(_ => simulator);
            services.AddIAmSmart(b => b.Configure(simulator.ConfigureClient));
        }
        else
        {
            // Environment, ClientId, ClientSecret, EnciphermentCertificate (and BaseUrl for Custom): validated at start,
            // with messages that name the missing setting.
            var iamSmart = services.AddIAmSmart(builder.Configuration.GetSection(IAmSmartOptions.SectionName));

            // Several instances behind a load balancer share their pending operations in Redis, so that a callback
            // landing on any instance completes exactly once (README: "Running several instances").
            if (builder.Configuration[RedisOperationsSetting] is { Length: > 0 } redis)
            {
                iamSmart.UseRedisOperations(redis);
            }

            // Against the real iAM Smart the registered redirect URI is public HTTPS, served by a reverse proxy or tunnel
            // in front of this loopback app. Trust its X-Forwarded-Proto/Host (from loopback proxies only, the default)
            // so that the handler builds https://your-host/signin-iamsmart, the URI registered in the portal.
            services.Configure<ForwardedHeadersOptions>(o =>
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = IAmSmartAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "ExampleBank.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // The session ends when the iAM Smart token does (set in OnTicketReceived): iAM Smart has no refresh, so
                // a session that slid past the token's expiry could not call iAM Smart any more.
                o.SlidingExpiration = false;
            })
            .AddIAmSmart(o =>
            {
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                // Login needs eidapi_auth; a bank also asks now for what later steps need (e-ME form filling, signing),
                // because a scope not granted at login gives D20012 later. Each must be approved for the e-service.
                o.Scopes.Add(IAmSmartScope.FormFilling);
                o.Scopes.Add(IAmSmartScope.Sign);
                o.Language = IAmSmartLanguage.English;
                // Keep the iAM Smart access token in the (encrypted) session cookie only if later steps call iAM Smart
                // on the user's behalf. This sample only shows the login, so it does not.
                o.SaveTokens = false;
                o.Events.OnRemoteFailure = OnRemoteFailureAsync;
                o.Events.OnTicketReceived = OnTicketReceivedAsync;

                if (simulator is not null)
                {
                    // The default mode runs over plain HTTP on loopback. The handler's cookies default to Secure (and the
                    // correlation cookie to SameSite=None, which needs Secure). Current browsers treat loopback as secure
                    // and cope, but HTTP clients (scripts, tests with a CookieContainer) never send a Secure cookie over
                    // http, so the login would fail with "state not found". Relax them here, and only here: iAM Smart's
                    // redirect back is a top-level GET, which carries Lax cookies anyway. Against the real iAM Smart the
                    // app is served over HTTPS and keeps the defaults.
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    o.StateCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            });
    }

    private static void UseMiddlewareAndEndpoints(WebApplication app, bool onSimulator)
    {
        if (!onSimulator)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler("/error");
        app.Use(AddSecurityHeadersAsync);
        app.UseAuthentication();

        app.MapGet("/", (HttpContext context) => Html(SamplePages.Home(context.User, SimulatorAddress(context))));

        // The challenge redirects to iAM Smart's getQR page; the handler comes back at /signin-iamsmart, signs the user in
        // with the cookie scheme, and then sends the browser to RedirectUri.
        app.MapGet("/login", (HttpContext context) => context.User.Identity?.IsAuthenticated == true
            ? Results.Redirect("/")
            : Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [IAmSmartAuthenticationDefaults.AuthenticationScheme]));

        app.MapGet(LoginFailedPath, (string? code) => Html(SamplePages.LoginFailed(code)));

        // GET shows a button; only POST signs out, so that a link or an image on another page cannot log the user out.
        app.MapGet("/logout", () => Html(SamplePages.ConfirmLogout()));
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });

        app.Map("/error", () => Html(SamplePages.UnexpectedError(), StatusCodes.Status500InternalServerError));

        // iAM Smart's server-to-server result callbacks. Login itself needs none, but every later consent step does.
        app.MapIAmSmartCallbacks(ServerCallbackPath);
    }

    private static void RegisterUrlsWithSimulatorOnStart(WebApplication app)
    {
        var simulator = app.Services.GetRequiredService<EmbeddedSimulator>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSampleApp));
        // Only now is the port known (it may be 0 = any free port until Kestrel binds).
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var redirectPath = app.Services.GetRequiredService<IOptionsMonitor<IAmSmartAuthenticationOptions>>()
                .Get(IAmSmartAuthenticationDefaults.AuthenticationScheme).CallbackPath.Value ?? IAmSmartAuthenticationDefaults.CallbackPath;
            var registered = simulator.RegisterSampleUrls(app.Urls, redirectPath, ServerCallbackPath);
            LogSimulatorReady(logger, simulator.BaseAddress, string.Join(", ", registered));
        });
    }

    private static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        // The handler reports every unfinished login here. Codes are safe to show: the handler accepts only the
        // Dnnnnn shape, and the page prints only codes it finds in the SDK's table. Messages carry no personal data.
        var code = context.Failure is IAmSmartException { Code: { } c } ? c : null;
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSampleApp));
        LogLoginNotCompleted(logger, code ?? "none", context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? string.Empty);

        context.Response.Redirect(code is null ? LoginFailedPath : $"{LoginFailedPath}?code={Uri.EscapeDataString(code)}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        if (context.Principal?.FindFirst(IAmSmartClaimTypes.TokenExpiresAt)?.Value is { } expiresAt
            && DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry)
            && context.Properties is not null)
        {
            context.Properties.ExpiresUtc = expiry;
        }

        return Task.CompletedTask;
    }

    private static Task AddSecurityHeadersAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        // Pages hold session details: never cache them; no scripts at all; forms post only to this site.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }

    private static Uri? SimulatorAddress(HttpContext context) => context.RequestServices.GetService<EmbeddedSimulator>()?.BaseAddress;

    private static IResult Html(string html, int statusCode = StatusCodes.Status200OK)
        => Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);

    [LoggerMessage(1, LogLevel.Information, "iAM Smart simulator (not the real iAM Smart) listening at {SimulatorAddress}; registered redirect URIs: {RedirectUris}")]
    private static partial void LogSimulatorReady(ILogger logger, Uri simulatorAddress, string redirectUris);

    [LoggerMessage(2, LogLevel.Warning, "iAM Smart login not completed: code {Code}, {FailureType}: {FailureMessage}")]
    private static partial void LogLoginNotCompleted(ILogger logger, string code, string failureType, string failureMessage);
}
