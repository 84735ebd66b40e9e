using System.Security.Cryptography;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Engine;
using IAmSmart.Sdk.Testing.Hosting;
using IAmSmart.Sdk.Testing.Personas;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Testing;

/// <summary>
/// A faithful fake iAM Smart: every relying-party function of the contract with its signature, encryption, expiry and
/// return-code rules, invented personas, a test CA and a test KEK. Use it in-process (<see cref="CreateHandler"/>,
/// <see cref="CreateClient"/>, or <c>services.AddIAmSmart(b =&gt; b.UseSimulator(simulator))</c>) or behind a loopback
/// HTTP server (<see cref="SimulatorServer"/>). Thread-safe.
/// </summary>
public sealed class IAmSmartSimulator : IDisposable
{
    private readonly RSA _kek;
    private readonly SimulatorEngine _engine;

    /// <summary>Creates a simulator.</summary>
    /// <param name="options">Settings; default ones suit unit tests.</param>
    public IAmSmartSimulator(SimulatorOptions? options = null)
    {
        Options = options ?? new SimulatorOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(Options.ClientId, "options.ClientId");
        ArgumentException.ThrowIfNullOrWhiteSpace(Options.ClientSecret, "options.ClientSecret");
        _kek = Options.EnciphermentKey ?? RSA.Create(2048);
        CertificateAuthority = Options.CertificateAuthority ?? SimulatorCertificateAuthority.Shared;
        _engine = new SimulatorEngine(Options, _kek, CertificateAuthority, Script, Callbacks);
    }

    /// <summary>The settings in force. Lists in it (registered redirect URIs, approved scopes, personas) may be changed while it runs.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The e-service client ID the simulator accepts.</summary>
    public string ClientId => Options.ClientId;

    /// <summary>The e-service client secret the simulator checks signatures with.</summary>
    public string ClientSecret => Options.ClientSecret;

    /// <summary>The host the in-process handler answers for.</summary>
    public Uri BaseUrl => Options.BaseUrl;

    /// <summary>The personas, by id.</summary>
    public IReadOnlyList<SimulatorPersona> Personas => [.. Options.Personas];

    /// <summary>Overrides of what users do: per request, per persona, or next.</summary>
    public SimulatorScript Script { get; } = new();

    /// <summary>The callbacks delivered so far, with a way to wait for one.</summary>
    public CallbackLog Callbacks { get; } = new();

    /// <summary>The test PKI: trust anchors and the personas' signing certificates.</summary>
    public SimulatorCertificateAuthority CertificateAuthority { get; }

    /// <summary>The DER SubjectPublicKeyInfo of the e-service's KEK, as <c>getKey</c> names it in <c>pubKey</c>.</summary>
    public ReadOnlyMemory<byte> EnciphermentPublicKey => _kek.ExportSubjectPublicKeyInfo();

    /// <summary>How many callbacks wait for their due time (a delayed approval, a time-out).</summary>
    public int PendingCallbackCount => _engine.PendingCallbackCount;

    /// <summary>Finds a persona.</summary>
    /// <param name="id">The persona id, for example <c>chan-tai-man</c>.</param>
    /// <exception cref="KeyNotFoundException">No persona has that id.</exception>
    public SimulatorPersona GetPersona(string id)
        => Options.Personas.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"No persona has the id '{id}'.");

    /// <summary>A new key-encryption key holding the test KEK's private key, for an SDK client. The caller owns it.</summary>
    public RsaKeyEncryptionKey CreateKeyEncryptionKey()
    {
        var copy = RSA.Create();
        copy.ImportPkcs8PrivateKey(_kek.ExportPkcs8PrivateKey(), out _);
        return new RsaKeyEncryptionKey(copy);
    }

    /// <summary>The test KEK's private key as PKCS#8 PEM, for a client in another process (the loopback host writes it to a file).</summary>
    public string ExportEnciphermentKeyPem() => _kek.ExportPkcs8PrivateKeyPem();

    /// <summary>An in-process HTTP handler that answers every request through the simulator. Use it as an HttpClient's primary handler.</summary>
    public HttpMessageHandler CreateHandler() => new SimulatorHttpHandler(_engine, Options.MaxRequestBodyBytes);

    /// <summary>Fills client options so that they call this simulator: environment, base URL, credentials and the test KEK.</summary>
    /// <param name="options">The options to fill.</param>
    /// <param name="baseUrl">The host to call; default <see cref="BaseUrl"/> (in-process). A <see cref="SimulatorServer"/> passes its address.</param>
    public void ConfigureClientOptions(IAmSmartOptions options, Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Environment = IAmSmartEnvironment.Simulator;
        options.BaseUrl = baseUrl ?? BaseUrl;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.KeyEncryptionKeys.Clear();
        options.KeyEncryptionKeys.Add(CreateKeyEncryptionKey());
    }

    /// <summary>New client options for this simulator. See <see cref="ConfigureClientOptions"/>.</summary>
    /// <param name="baseUrl">The host to call; default <see cref="BaseUrl"/>.</param>
    public IAmSmartOptions CreateClientOptions(Uri? baseUrl = null)
    {
        var options = new IAmSmartOptions();
        ConfigureClientOptions(options, baseUrl);
        return options;
    }

    /// <summary>A client wired to this simulator in-process, without dependency injection; it shares the simulator's clock.</summary>
    /// <param name="configure">Changes the options before the client is made (retries, timeouts).</param>
    /// <param name="loggerFactory">Where the client logs; default nowhere.</param>
    public IAmSmartClient CreateClient(Action<IAmSmartOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = CreateClientOptions();
        configure?.Invoke(options);
        return IAmSmartClient.Create(options, CreateHandler(), loggerFactory, Options.TimeProvider);
    }

    /// <summary>Answers one request; what the handler and the server call.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public Task<SimulatorResponse> HandleAsync(SimulatorRequest request, CancellationToken cancellationToken = default)
        => _engine.HandleAsync(request, cancellationToken);

    /// <summary>
    /// Runs the browser leg of a login without a browser: validates the getQR URL an e-service built, lets the persona
    /// answer, and returns where the browser would be sent.
    /// </summary>
    /// <param name="getQrUrl">The full <c>…/api/v1/auth/getQR?…</c> URL.</param>
    /// <param name="personaId">Who logs in.</param>
    /// <param name="action">What the user does; default the scripted behaviour (<see cref="Script"/>, then the persona's).</param>
    public AuthorizationRedirect Authorize(Uri getQrUrl, string personaId, UserAction? action = null)
        => _engine.Authorize(getQrUrl, personaId, action);

    /// <summary>Builds a getQR URL for this simulator (what an e-service redirects the browser to).</summary>
    /// <param name="redirectUri">Where the browser returns; must be registered.</param>
    /// <param name="scopes">The scopes, for example <c>eidapi_auth</c>.</param>
    /// <param name="state">The CSRF state, at most 36 of <c>[A-Za-z0-9_-]</c>.</param>
    /// <param name="ticketId">The ticket of an anonymous request, if any.</param>
    /// <param name="source">The request initiator; default <c>PC_Browser</c>.</param>
    /// <param name="baseUrl">The host; default <see cref="BaseUrl"/>.</param>
    public Uri CreateGetQrUrl(Uri redirectUri, IEnumerable<string> scopes, string? state = null, string? ticketId = null, string source = "PC_Browser", Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(scopes);
        var query = $"clientID={Uri.EscapeDataString(ClientId)}&responseType=code&source={Uri.EscapeDataString(source)}"
            + $"&redirectURI={Uri.EscapeDataString(redirectUri.AbsoluteUri)}&scope={Uri.EscapeDataString(string.Join(' ', scopes))}"
            + (state is null ? string.Empty : $"&state={Uri.EscapeDataString(state)}")
            + (ticketId is null ? string.Empty : $"&ticketID={Uri.EscapeDataString(ticketId)}")
            + "&lang=en-US";
        var root = baseUrl ?? BaseUrl;
        return new Uri(new Uri(root.AbsoluteUri.EndsWith('/') ? root.AbsoluteUri : root.AbsoluteUri + "/"), IAmSmartEndpoints.ApiRoot + IAmSmartFunctions.GetQr.Route + "?" + query);
    }

    /// <summary>Logs a persona in and returns the redirect: <see cref="CreateGetQrUrl"/> then <see cref="Authorize"/>.</summary>
    /// <param name="personaId">Who logs in.</param>
    /// <param name="redirectUri">Where the browser returns.</param>
    /// <param name="scopes">The scopes.</param>
    /// <param name="state">The state.</param>
    /// <param name="action">What the user does; default the scripted behaviour.</param>
    public AuthorizationRedirect SignIn(string personaId, Uri redirectUri, IEnumerable<string> scopes, string? state = null, UserAction? action = null)
        => Authorize(CreateGetQrUrl(redirectUri, scopes, state), personaId, action);

    /// <summary>
    /// Opens a native-app login link (<c>hk.gov.iamsmart.testapp://v2_cauth?…</c>, addendum §A5.1) as the iAM Smart app
    /// would: checks it, lets the persona answer, and returns what the e-service app receives (code, state, error_code).
    /// The Universal Link must match <see cref="SimulatorOptions.RegisteredRedirectUris"/>; an Android app must be in
    /// <see cref="SimulatorOptions.RegisteredAndroidApps"/>.
    /// </summary>
    /// <param name="link">The link the e-service made.</param>
    /// <param name="personaId">Who logs in.</param>
    /// <param name="action">What the user does; default the scripted behaviour.</param>
    public AppLoginResult OpenAppLoginLink(Uri link, string personaId, UserAction? action = null)
        => _engine.OpenAppLoginLink(link, personaId, action);

    /// <summary>
    /// Starts a Direct Login v2 as a user would from the iAM Smart app's service catalogue (addendum §A5.4–§A5.5): no
    /// state; a code and a RefID, and for an app a code verifier that getToken must send.
    /// </summary>
    /// <param name="personaId">Who logs in.</param>
    /// <param name="scopes">The scopes granted; default <c>eidapi_auth</c>.</param>
    /// <param name="toApp">Whether the e-service is an app (the code comes with a verifier) rather than a web endpoint.</param>
    /// <param name="action">What the user does; default the scripted behaviour.</param>
    public DirectLoginV2Start StartDirectLoginV2(string personaId, IEnumerable<string>? scopes = null, bool toApp = false, UserAction? action = null)
        => _engine.StartDirectLoginV2(personaId, [.. scopes ?? ["eidapi_auth"]], toApp, action);

    /// <summary>Retires the content key now, as a scheduled rotation would: the next request under it gets D30002.</summary>
    public void RotateContentKey() => _engine.RotateContentKey();

    /// <summary>Adds a redirect URI to the e-service's whitelist.</summary>
    /// <param name="uri">The URI, or a prefix ending in <c>*</c>.</param>
    public void RegisterRedirectUri(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        lock (Options.RegisteredRedirectUris)
        {
            Options.RegisteredRedirectUris.Add(uri);
        }
    }

    /// <summary>Sends every callback that is due on the simulator's clock (after advancing a test clock, or with automatic delivery off).</summary>
    /// <param name="cancellationToken">Cancels the deliveries.</param>
    /// <returns>What happened to each, including those dropped by fault injection.</returns>
    public Task<IReadOnlyList<CallbackDeliveryResult>> DeliverDueCallbacksAsync(CancellationToken cancellationToken = default)
        => _engine.DeliverDueCallbacksAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _engine.Dispose();
        _kek.Dispose();
    }
}
