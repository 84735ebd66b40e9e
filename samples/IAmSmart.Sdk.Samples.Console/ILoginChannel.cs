using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>How the user's answer to a login reaches the sample: the simulator's persona, or a real browser redirect.</summary>
internal interface ILoginChannel
{
    /// <summary>A short description for the journey's header.</summary>
    string Description { get; }

    /// <summary>Has the user log in at <paramref name="login"/> and returns the redirect back to the e-service.</summary>
    Task<AuthCallback> AuthorizeAsync(LoginUrl login, CancellationToken cancellationToken);
}
