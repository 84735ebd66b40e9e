namespace IAmSmart.Sdk;

/// <summary>
/// The settings an <see cref="IAmSmartClient"/> was created with, as a read-only snapshot without the client secret or
/// any key: safe to log, to show on a diagnostics page, or to hand to code that must not sign requests.
/// </summary>
/// <remarks>
/// Why a snapshot and not the <see cref="IAmSmartOptions"/> instance: anyone holding a client could read the client
/// secret through it (and change settings under a running client). The secret stays with the request signer.
/// </remarks>
public sealed class IAmSmartClientSettings
{
    internal IAmSmartClientSettings(IAmSmartOptions options)
    {
        Environment = options.Environment;
        BaseUrl = options.BaseUrl;
        ClientId = options.ClientId;
        AttemptTimeout = options.AttemptTimeout;
        TotalTimeout = options.TotalTimeout;
        MaxRetries = options.MaxRetries;
        RetryBaseDelay = options.RetryBaseDelay;
        ContentKeyRefreshMargin = options.ContentKeyRefreshMargin;
        DefaultLanguage = options.DefaultLanguage;
        PendingOperationLifetime = options.PendingOperations.Lifetime;
    }

    /// <summary>Which iAM Smart the client calls (<see cref="IAmSmartOptions.Environment"/>).</summary>
    public IAmSmartEnvironment Environment { get; }

    /// <summary>The host called for a custom or simulator environment (<see cref="IAmSmartOptions.BaseUrl"/>).</summary>
    public Uri? BaseUrl { get; }

    /// <summary>The e-service client ID (<see cref="IAmSmartOptions.ClientId"/>); not a secret, it is sent with every request.</summary>
    public string ClientId { get; }

    /// <summary>The timeout of one attempt (<see cref="IAmSmartOptions.AttemptTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>The timeout of a call with its retries (<see cref="IAmSmartOptions.TotalTimeout"/>).</summary>
    public TimeSpan TotalTimeout { get; }

    /// <summary>Retries of a retry-safe call (<see cref="IAmSmartOptions.MaxRetries"/>).</summary>
    public int MaxRetries { get; }

    /// <summary>The base delay between retries (<see cref="IAmSmartOptions.RetryBaseDelay"/>).</summary>
    public TimeSpan RetryBaseDelay { get; }

    /// <summary>How long before expiry a content key is replaced (<see cref="IAmSmartOptions.ContentKeyRefreshMargin"/>).</summary>
    public TimeSpan ContentKeyRefreshMargin { get; }

    /// <summary>The language sent when a request names none (<see cref="IAmSmartOptions.DefaultLanguage"/>).</summary>
    public string? DefaultLanguage { get; }

    /// <summary>How long a user-consent operation waits for its callback (<see cref="Operations.PendingOperationOptions.Lifetime"/>).</summary>
    public TimeSpan PendingOperationLifetime { get; }

    /// <summary>The environment and client ID; never a secret.</summary>
    public override string ToString() => $"IAmSmartClientSettings(environment: {Environment}, clientID: {ClientId})";
}
