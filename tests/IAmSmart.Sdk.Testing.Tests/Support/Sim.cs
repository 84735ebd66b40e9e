using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>A simulator on a manual clock with callbacks delivered only when a test asks.</summary>
internal sealed class Sim : IDisposable
{
    public static readonly Uri Callback = new("https://e-service.example/iamsmart/callback");

    /// <summary>Where the test clock starts (<see cref="FakeTimeProvider"/>'s own default, 2000-01-01, would be long before the test CA).</summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public Sim(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { TimeProvider = Clock, DeliverCallbacksAutomatically = false };
        configure?.Invoke(options);
        Simulator = new IAmSmartSimulator(options);
    }

    public FakeTimeProvider Clock { get; } = new(ClockStart);

    public IAmSmartSimulator Simulator { get; }

    /// <summary>Logs a persona in with every scope and returns the code.</summary>
    public string LoginCode(SimulatorPersona persona, params string[] scopes)
    {
        var redirect = Simulator.SignIn(persona.Id, Callback, scopes.Length > 0 ? scopes : ["eidapi_auth", "eidapi_formFilling", "eidapi_sign", "eidapi_profiles", "eidapi_fr"], "state-1", UserAction.Approve);
        return redirect.Code ?? throw new InvalidOperationException($"Login failed with {redirect.ErrorCode}.");
    }

    public void Dispose() => Simulator.Dispose();
}
