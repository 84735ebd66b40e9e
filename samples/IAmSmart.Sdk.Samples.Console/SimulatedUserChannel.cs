using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Testing;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>The simulator plays the user's iAM Smart app: the persona answers the login as scripted.</summary>
internal sealed class SimulatedUserChannel(IAmSmartSimulator simulator, string personaId) : ILoginChannel
{
    public string Description => $"built-in simulator, persona '{personaId}'";

    public Task<AuthCallback> AuthorizeAsync(LoginUrl login, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var redirect = simulator.Authorize(login.Url, personaId);
        return Task.FromResult(AuthCallback.Parse(redirect.Location?.Query));
    }
}
