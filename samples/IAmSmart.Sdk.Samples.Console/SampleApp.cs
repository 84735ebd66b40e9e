using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Testing;
using Microsoft.Extensions.Configuration;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>
/// The main job: the iAM Smart journey end to end, printed step by step. With no <c>IAmSmart:Environment</c> (or
/// <c>Simulator</c>) it runs on the built-in simulator; with a configured environment it talks to that iAM Smart and
/// waits for the browser redirect and callbacks on <c>Sample:ListenUrl</c>.
/// </summary>
public static class SampleApp
{
    /// <summary>Runs the journey; returns the process exit code (0 only if every step succeeded).</summary>
    /// <param name="configuration">The <c>IAmSmart</c> and <c>Sample</c> sections.</param>
    /// <param name="output">Where to print the steps.</param>
    /// <param name="cancellationToken">Stops the journey.</param>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var environment = configuration["IAmSmart:Environment"];
        return string.IsNullOrEmpty(environment) || environment.Equals(nameof(IAmSmartEnvironment.Simulator), StringComparison.OrdinalIgnoreCase)
            ? await RunOnSimulatorAsync(configuration, output, cancellationToken)
            : await RunConfiguredAsync(configuration, output, cancellationToken);
    }

    private static async Task<int> RunOnSimulatorAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var personaId = configuration["Sample:Persona"] ?? "chan-tai-man";
        var redirectUri = new Uri(configuration["Sample:RedirectUri"] ?? "https://eservice.example/iamsmart/callback");
        using var simulator = new IAmSmartSimulator();
        simulator.RegisterRedirectUri(redirectUri.AbsoluteUri);
        using var client = simulator.CreateClient();
        return await RunJourneyAsync(client, new SimulatedUserChannel(simulator, personaId), redirectUri, output, cancellationToken);
    }

    private static async Task<int> RunConfiguredAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new IAmSmartOptions();
        configuration.GetSection(IAmSmartOptions.SectionName).Bind(options);
        var redirectUri = new Uri(configuration["Sample:RedirectUri"]
            ?? throw new InvalidOperationException("Set Sample:RedirectUri to the redirect URI registered for your e-service (it must reach Sample:ListenUrl)."));
        var listenUrl = new Uri(configuration["Sample:ListenUrl"] ?? "http://127.0.0.1:5190/");
        var timeout = TimeSpan.TryParse(configuration["Sample:Timeout"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.FromMinutes(5);

        using var client = IAmSmartClient.Create(options);
        await using var listener = new LocalCallbackListener(listenUrl, client, output, timeout);
        return await RunJourneyAsync(client, listener, redirectUri, output, cancellationToken);
    }

    private static async Task<int> RunJourneyAsync(IAmSmartClient client, ILoginChannel channel, Uri redirectUri, TextWriter output, CancellationToken cancellationToken)
    {
        var journey = new Journey(output);
        output.WriteLine($"iAM Smart journey: {channel.Description}");
        output.WriteLine();

        await journey.StepAsync("Key exchange (getKey)", () => client.ContentKeys.GetAsync(cancellationToken).AsTask(),
            k => $"content key {k.Fingerprint}, expires {k.ExpiresAt:u}");

        // The e-service builds the login URL and keeps its state; the user answers in the iAM Smart app.
        var login = client.Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = redirectUri,
            Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling, IAmSmartScope.Sign],
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
        });
        var callback = await journey.StepAsync("Login (user approves)", async () =>
        {
            var result = await channel.AuthorizeAsync(login, cancellationToken);
            if (!result.HasState(login.State))
            {
                throw new InvalidOperationException("The state returned does not match the state sent.");
            }

            return result.Code is not null
                ? result
                : throw new InvalidOperationException($"The user did not approve the login (error_code {result.ErrorCode}).");
        }, _ => $"source {login.Source}, authorisation code received, state matches");

        await journey.StepAsync("Token (getToken)", () => client.Auth.GetTokenAsync(callback!.Code!, cancellationToken),
            t => $"user type {t.UserType}, scopes {string.Join(' ', t.Scopes)}, expires {t.ExpiresAt:u}");

        output.WriteLine();
        output.WriteLine($"{journey.Succeeded} of {journey.Attempted} steps succeeded.");
        return journey.Failed ? 1 : 0;
    }
}
