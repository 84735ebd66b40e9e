using System.Net;
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
    private readonly TimeProvider _time;
    private readonly ILoggerFactory? _loggerFactory;

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
        _time = time;
        _loggerFactory = loggerFactory;
        Transport = transport;
        Options = options;
        Settings = new IAmSmartClientSettings(options);
        Callbacks = new IAmSmartCallbackProcessor(transport.Session);
        Operations = new PendingOperations(
            Callbacks,
            transport.Keys,
            operationStore ?? new InMemoryPendingOperationStore(time),
            options.PendingOperations,
            new StateHasher(options.ClientSecret),
            new ResultSeal(options.ClientSecret),
            time,
            loggerFactory?.CreateLogger<PendingOperations>());

        // Each kind's waiter reads a success callback with these: a callback they cannot read is refused at acceptance
        // instead of completing the operation. Profile and e-ME results are read leniently (unreadable members are
        // kept as MalformedMembers), and bulk signings check their pages themselves (BulkSigningCallbacks).
        Operations.SetContentCheck(IAmSmartFunctions.HashSigning, callback => _ = SigningOutcome.FromHashCallback(callback));
        Operations.SetContentCheck(IAmSmartFunctions.PdfSigning, callback => _ = SigningOutcome.FromPdfCallback(callback));
        Operations.SetContentCheck(IAmSmartFunctions.StepUp, callback => _ = StepUpResult.FromCallback(callback));
        Auth = new IAmSmartAuthClient(transport, options, Operations);
        Consent = new IAmSmartConsentClient(consentReceiptSink ?? new LoggingConsentReceiptSink(loggerFactory));
        FormFilling = new IAmSmartFormFillingClient(transport, options, Auth, Operations, Consent, time, loggerFactory);
        Signing = new IAmSmartSigningClient(transport, options, Auth, Operations);
    }

    // A view of `shared` for one end user (ForEndUser): its own transport view and the clients built on it; the
    // operations, callbacks, consent sink and keys are shared, so a callback or a wait on either client sees the same
    // operation. It owns nothing, so disposing it closes nothing.
    private IAmSmartClient(IAmSmartClient shared, IAmSmartTransport transport)
    {
        _time = shared._time;
        _loggerFactory = shared._loggerFactory;
        Transport = transport;
        Options = shared.Options;
        Settings = shared.Settings;
        Callbacks = shared.Callbacks;
        Operations = shared.Operations;
        Auth = new IAmSmartAuthClient(transport, Options, Operations);
        Consent = shared.Consent;
        FormFilling = new IAmSmartFormFillingClient(transport, Options, Auth, Operations, Consent, _time, _loggerFactory);
        Signing = new IAmSmartSigningClient(transport, Options, Auth, Operations);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartClient()
    {
        Transport = null!;
        _time = TimeProvider.System;
        Options = null!;
        Settings = null!;
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

    /// <summary>The validated settings of this client, without the client secret (<see cref="IAmSmartClientSettings"/>).</summary>
    public virtual IAmSmartClientSettings Settings { get; }

    // The options themselves, secret included, stay inside the SDK: anyone holding a client must not read the secret.
    internal IAmSmartOptions Options { get; }

    /// <summary>
    /// The end-user IP that this client sends with each call (<see cref="ForEndUser"/>), in the form sent;
    /// <see langword="null"/> on the application's own client, which sends none.
    /// </summary>
    public virtual string? EndUserIp => Transport.EndUserIp;

    internal IAmSmartTransport Transport { get; }

    /// <summary>
    /// A client for the calls made on behalf of one end user (getToken, profile, e-ME and signing requests, getResult,
    /// ackResult…): each sends <paramref name="endUserIp"/> as the <c>x-forwarded-for</c> header, which the production
    /// client sends (addendum §A7) and which is optional. The header is not signed. Everything else is this client's:
    /// keys, pending operations, callbacks, consent receipts. Make one per incoming request, where the user's address is
    /// known; it is cheap, and is not to be disposed. The address is personal data: the SDK does not log it.
    /// </summary>
    /// <param name="endUserIp">The user's IPv4 or IPv6 address. An IPv4-mapped IPv6 address is sent as IPv4 and an
    /// IPv6 zone is dropped.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endUserIp"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endUserIp"/> is not IPv4 or IPv6.</exception>
    public virtual IAmSmartClient ForEndUser(IPAddress endUserIp)
    {
        ArgumentNullException.ThrowIfNull(endUserIp);
        return new IAmSmartClient(this, Transport.ForEndUser(endUserIp));
    }

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
