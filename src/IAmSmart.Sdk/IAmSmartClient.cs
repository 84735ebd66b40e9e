using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk;

/// <summary>
/// The entry point of the SDK: one per e-service client ID, thread-safe, meant to live as long as the application.
/// Get it from dependency injection (<c>services.AddIAmSmart(…)</c>) or, without DI, from <see cref="Create"/>.
/// </summary>
public class IAmSmartClient : IDisposable
{
    private readonly IDisposable? _ownedHttpClient;

    internal IAmSmartClient(
        IAmSmartTransport transport,
        IAmSmartOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory,
        IPendingOperationStore? operationStore,
        IDisposable? ownedHttpClient = null,
        IConsentReceiptSink? consentReceiptSink = null)
    {
        _ownedHttpClient = ownedHttpClient;
        Transport = transport;
        Options = options;
        Auth = new IAmSmartAuthClient(transport, options);
        Callbacks = new IAmSmartCallbackProcessor(transport);
        Operations = new PendingOperations(
            Callbacks,
            transport.Keys,
            operationStore ?? new InMemoryPendingOperationStore(time),
            options.PendingOperations,
            time,
            loggerFactory?.CreateLogger<PendingOperations>());
        Consent = new IAmSmartConsentClient(consentReceiptSink ?? new LoggingConsentReceiptSink(loggerFactory));
        FormFilling = new IAmSmartFormFillingClient(transport, options, Auth, Operations, Consent, time, loggerFactory);
        Signing = new IAmSmartSigningClient(transport, options, Auth, Operations);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartClient()
    {
        Transport = null!;
        Options = null!;
        Auth = null!;
        Callbacks = null!;
        Operations = null!;
        Consent = null!;
        FormFilling = null!;
        Signing = null!;
    }

    /// <summary>Login: login URLs, authorisation-code exchange, re-authentication (step-up) and Direct Login.</summary>
    public virtual IAmSmartAuthClient Auth { get; }

    /// <summary>Digital signing by iAM Smart+ users: hash and PDF signing with and without login, acknowledgement, verification.</summary>
    public virtual IAmSmartSigningClient Signing { get; }

    /// <summary>Reads and decrypts the callbacks iAM Smart pushes to the e-service.</summary>
    public virtual IAmSmartCallbackProcessor Callbacks { get; }

    /// <summary>User-consent operations awaiting their callback: start, accept callbacks, wait (also across a web farm).</summary>
    public virtual PendingOperations Operations { get; }

    /// <summary>Personal data with the user's consent: profile and e-ME form filling, with login and anonymous.</summary>
    public virtual IAmSmartFormFillingClient FormFilling { get; }

    /// <summary>Consent: the scopes a token carries, pre-flight scope checks, and the receipts of data requests.</summary>
    public virtual IAmSmartConsentClient Consent { get; }

    /// <summary>The content encryption keys in use: revoke, refresh, or adopt a key from a callback.</summary>
    public virtual ContentKeyManager ContentKeys => Transport.Keys;

    /// <summary>The validated settings of this client.</summary>
    public virtual IAmSmartOptions Options { get; }

    internal IAmSmartTransport Transport { get; }

    /// <summary>
    /// Creates a client without dependency injection, for console apps and scripts. The options are validated first.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="primaryHandler">The innermost HTTP handler; default a new <see cref="SocketsHttpHandler"/>. Tests pass a fake here.</param>
    /// <param name="loggerFactory">Where to log; default nowhere.</param>
    /// <param name="timeProvider">The clock; default the system clock.</param>
    /// <param name="operationStore">Where pending operations live; default in this process (<see cref="InMemoryPendingOperationStore"/>).</param>
    /// <param name="consentReceiptSink">Where consent receipts go; default a log line each (<see cref="LoggingConsentReceiptSink"/>).</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public static IAmSmartClient Create(
        IAmSmartOptions options,
        HttpMessageHandler? primaryHandler = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        IPendingOperationStore? operationStore = null,
        IConsentReceiptSink? consentReceiptSink = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new IAmSmartOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(IAmSmartOptions), validation.Failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        var pipeline = IAmSmartHttpPipeline.CreateHandlers(options, new RequestStamp(time), time, loggerFactory);
        pipeline.Innermost.InnerHandler = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(pipeline.Outermost, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new IAmSmartClient(
            IAmSmartHttpPipeline.CreateTransport(options, () => http, time, loggerFactory), options, time, loggerFactory, operationStore, http, consentReceiptSink);
    }

    /// <summary>Releases the HTTP client that <see cref="Create"/> made; a client from dependency injection owns nothing.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases owned resources.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }
}
