namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>What a simulated user does when iAM Smart asks for consent.</summary>
public enum UserAction
{
    /// <summary>Approves: the e-service gets a code or a result.</summary>
    Approve,

    /// <summary>Rejects: D40001 at login, D50001 / D60001 / D70001 / D80001 for the other functions.</summary>
    Reject,

    /// <summary>Cancels: D40000 at login, D60000 / D70000 for form filling and signing (profile and re-authentication have no cancel code, so they report rejection).</summary>
    Cancel,

    /// <summary>Never answers: after <see cref="SimulatorOptions.UserTimeout"/> iAM Smart reports D40003 / D50003 / D60003 / D70003 / D80003.</summary>
    TimeOut,
}

/// <summary>A scripted user response: an action and how long the user takes to give it.</summary>
/// <param name="Action">What the user does.</param>
/// <param name="Delay">How long after the request the user acts (ignored for <see cref="UserAction.TimeOut"/>, which takes <see cref="SimulatorOptions.UserTimeout"/>).</param>
public sealed record UserBehaviour(UserAction Action, TimeSpan Delay)
{
    /// <summary>Approves at once.</summary>
    public static UserBehaviour Approve { get; } = new(UserAction.Approve, TimeSpan.Zero);

    /// <summary>Rejects at once.</summary>
    public static UserBehaviour Reject { get; } = new(UserAction.Reject, TimeSpan.Zero);

    /// <summary>Cancels at once.</summary>
    public static UserBehaviour Cancel { get; } = new(UserAction.Cancel, TimeSpan.Zero);

    /// <summary>Never answers.</summary>
    public static UserBehaviour TimeOut { get; } = new(UserAction.TimeOut, TimeSpan.Zero);

    /// <summary>Approves after a delay, measured on the simulator's <see cref="TimeProvider"/>.</summary>
    /// <param name="delay">How long the user takes.</param>
    public static UserBehaviour ApproveAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(UserAction.Approve, delay);
    }
}
