namespace IAmSmart.Sdk.Auth;

/// <summary>What to put in a login URL (<c>GET auth/getQR</c>, contract §5.1).</summary>
public sealed class LoginRequest
{
    /// <summary>
    /// Where iAM Smart sends the browser back with <c>code</c> and <c>state</c>. It must be registered in the iAM Smart
    /// Self-Service Portal (otherwise D20008), and be absolute HTTPS; plain HTTP on a loopback address is allowed only
    /// for the simulator and custom environments.
    /// </summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The scopes to ask for. Default: <see cref="IAmSmartScope.Auth"/> alone.</summary>
    public IReadOnlyCollection<IAmSmartScope> Scopes { get; init; } = [IAmSmartScope.Auth];

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The browser's User-Agent header, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// Whether iAM Smart should use its broker page (opening the app by Universal Link / App Link). When
    /// <see langword="null"/>: <see langword="true"/> for every source except <see cref="IAmSmartSource.PcBrowser"/>,
    /// as the production client S4 does.
    /// </summary>
    public bool? BrokerPage { get; init; }

    /// <summary>The language of iAM Smart's pages; when <see langword="null"/>, <see cref="IAmSmartOptions.DefaultLanguage"/>, and when that is unset, not sent (iAM Smart uses zh-HK).</summary>
    public IAmSmartLanguage? Language { get; init; }

    /// <summary>The CSRF state; when <see langword="null"/> a new one is generated (<see cref="IAmSmartState.Generate"/>).</summary>
    public string? State { get; init; }

    /// <summary>The <c>ticketID</c> of an anonymous flow (<c>anonymous/*/initiateRequest</c>); required there, absent otherwise.</summary>
    public string? TicketId { get; init; }
}

/// <summary>A login URL and the values the e-service must remember to check the redirect back.</summary>
/// <param name="Url">The getQR URL to redirect the browser to.</param>
/// <param name="State">The state sent; keep it (for example in a cookie) and compare it with the one that comes back.</param>
/// <param name="Source">The source sent.</param>
/// <param name="BrokerPage">Whether the broker page was asked for.</param>
public sealed record LoginUrl(Uri Url, string State, IAmSmartSource Source, bool BrokerPage)
{
    /// <summary>The URL without the state, so that a log line cannot be replayed.</summary>
    public override string ToString() => $"LoginUrl(source: {Source}, brokerPage: {BrokerPage})";
}
