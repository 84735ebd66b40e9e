// The main job: the iAM Smart journey end to end. With no configuration it runs on the built-in simulator, so it works
// on any machine; see README.md for pointing it at the sandbox.
using IAmSmart.Sdk;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Samples.Console;
using IAmSmart.Sdk.Testing;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables("IAMSMART_SAMPLE_")
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var environment = configuration["IAmSmart:Environment"] ?? nameof(IAmSmartEnvironment.Simulator);
if (!string.Equals(environment, nameof(IAmSmartEnvironment.Simulator), StringComparison.OrdinalIgnoreCase))
{
    // The sandbox journey needs a public redirect URI and a callback listener; it arrives with the callbacks work.
    Console.Error.WriteLine($"IAmSmart:Environment is '{environment}'. This version of the sample runs on the simulator only; "
        + "remove the setting (or set it to Simulator) to run the journey locally.");
    return 2;
}

var personaId = configuration["Sample:Persona"] ?? "chan-tai-man";
var redirectUri = new Uri(configuration["Sample:RedirectUri"] ?? "https://eservice.example/iamsmart/callback");

using var simulator = new IAmSmartSimulator();
simulator.RegisterRedirectUri(redirectUri.AbsoluteUri);
using var client = simulator.CreateClient();
var journey = new Journey(Console.Out);

Console.WriteLine($"iAM Smart journey on the built-in simulator ({simulator.BaseUrl}), persona '{personaId}'");
Console.WriteLine();

var key = await journey.StepAsync("Key exchange (getKey)", () => client.ContentKeys.GetAsync().AsTask(),
    k => $"content key {k.Fingerprint}, expires {k.ExpiresAt:u}");

// The e-service builds the login URL and keeps its state; the simulator plays the user's iAM Smart app.
var login = client.Auth.CreateLoginUrl(new LoginRequest
{
    RedirectUri = redirectUri,
    Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling, IAmSmartScope.Sign],
    UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36",
});
var callback = await journey.StepAsync("Login (persona approves)", () =>
{
    var redirect = simulator.Authorize(login.Url, personaId);
    var result = AuthCallback.Parse(redirect.Location?.Query);
    if (!result.HasState(login.State))
    {
        throw new InvalidOperationException("The state returned does not match the state sent.");
    }

    if (result.Code is null)
    {
        throw new InvalidOperationException($"The persona did not approve the login (error_code {result.ErrorCode}).");
    }

    return Task.FromResult(result);
}, _ => $"source {login.Source}, authorisation code received, state matches");

var token = await journey.StepAsync("Token (getToken)", () => client.Auth.GetTokenAsync(callback!.Code!),
    t => $"user type {t.UserType}, scopes {string.Join(' ', t.Scopes)}, expires {t.ExpiresAt:u}");

Console.WriteLine();
Console.WriteLine($"{journey.Succeeded} of {journey.Attempted} steps succeeded.");
return journey.Failed ? 1 : 0;
