using System.Security.Cryptography;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing;

/// <summary>Settings of an <see cref="IAmSmartSimulator"/>. The defaults suit unit tests; every rule can be tightened or loosened here.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The host the in-process handler pretends to be (https and a reserved <c>.invalid</c> name: no request can leave the process by mistake). Default <c>https://iamsmart-simulator.invalid/</c>; a <see cref="Hosting.SimulatorServer"/> uses its own address.</summary>
    public Uri BaseUrl { get; set; } = new("https://iamsmart-simulator.invalid/");

    /// <summary>The one e-service client ID the simulator knows.</summary>
    public string ClientId { get; set; } = "5f1c0e0d7a0b4c2e9d3a6b8c1e2f3a4b";

    /// <summary>That e-service's client secret.</summary>
    public string ClientSecret { get; set; } = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";

    /// <summary>
    /// The e-service Android apps registered for native-app login, each as <c>packageName/activityClass</c> (addendum
    /// §A5.2: both "must be registered in the self-service portal"). Default none. iOS Universal Links are checked
    /// against <see cref="RegisteredRedirectUris"/>.
    /// </summary>
    public ISet<string> RegisteredAndroidApps { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The redirect and callback URIs registered for the e-service (the ESP whitelist). An entry matches the same URI
    /// without its query, or, when it ends in <c>*</c>, any URI that starts with the text before the <c>*</c>.
    /// Anything else gives D20008. The defaults accept <c>https://e-service.example/…</c> and loopback addresses
    /// (the real iAM Smart rejects localhost; the simulator allows it for local work).
    /// </summary>
    public IList<string> RegisteredRedirectUris { get; } = ["https://e-service.example/*", "http://127.0.0.1:*", "http://localhost:*"];

    /// <summary>The scopes iAM Smart support approved for the e-service; requesting any other gives D20012.</summary>
    public ISet<string> ApprovedScopes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "eidapi_auth", "eidapi_profiles", "eidapi_formFilling", "eidapi_sign", "eidapi_fr", "eidapi_bulksign", "eidapi_sua",
    };

    /// <summary>The users the simulator knows. Default <see cref="SimulatorPersonas.All"/>.</summary>
    public IList<SimulatorPersona> Personas { get; } = [.. SimulatorPersonas.All];

    /// <summary>The clock of every expiry: content keys, codes, tokens, tickets, delays. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The content key lifetime announced by <c>getKey</c> (<c>expiresIn</c>). Default 1 hour [G: the real value is not public].</summary>
    public TimeSpan ContentKeyLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// When set, a content key is retired this long after issue even if its announced lifetime is longer, so that
    /// clients meet D30002 in the middle of a flow. Default <see langword="null"/>: retired at its announced expiry.
    /// </summary>
    public TimeSpan? ContentKeyRotationInterval { get; set; }

    /// <summary>How long an authorisation code lives. Default 30 s (contract §5.3).</summary>
    public TimeSpan AuthCodeLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an access token lives (<c>expiresIn</c>). Default 4 hours, as in the official example.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// How long a ticket (an anonymous form filling or app-to-app request) and a login page live. Default 18 minutes
    /// (contract §13). Anonymous signing tickets use <see cref="AnonymousSigningTicketLifetime"/>.
    /// </summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromMinutes(18);

    /// <summary>
    /// How long the ticket of an anonymous hash or PDF signing lives: after it, a login with the ticket gives D20003.
    /// Default <see cref="Sdk.Signing.AnonymousSigningInitiation.TicketLifetime"/>, 12 minutes (addendum §A6.4).
    /// </summary>
    public TimeSpan AnonymousSigningTicketLifetime { get; set; } = Sdk.Signing.AnonymousSigningInitiation.TicketLifetime;

    /// <summary>How long a user who never answers takes to time out. Default 18 minutes (contract §2.3).</summary>
    public TimeSpan UserTimeout { get; set; } = TimeSpan.FromMinutes(18);

    /// <summary>The largest request body accepted; larger ones get HTTP 413. Default 10 MB (contract §2.2).</summary>
    public int MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whether a signature sent without URL encoding is accepted too [I: S6 suggests the server may accept both]. Default <see langword="false"/>, to catch clients that forget to encode.</summary>
    public bool AcceptUnencodedSignature { get; set; }

    /// <summary>How the decrypted callback content is shaped. Default <see cref="CallbackContentShape.Wrapped"/> (<c>{"content":{…}}</c>, as S4 reads it).</summary>
    public CallbackContentShape CallbackContentShape { get; set; } = CallbackContentShape.Wrapped;

    /// <summary>
    /// The envelope member that carries the wrapped content key: <c>secretKey</c> (the examples and the production
    /// client) or <c>key</c> (the spec's scope tables), addendum §A3.1. Default <see cref="CallbackKeyField.SecretKey"/>.
    /// </summary>
    public CallbackKeyField CallbackKeyField { get; set; } = CallbackKeyField.SecretKey;

    /// <summary>
    /// Whether a bulk-signing result page sends its <c>sigFile</c> part encrypted under the page's content key (Base64,
    /// as every encrypted <c>content</c>) rather than in clear. The spec's examples show it in clear, and it says every
    /// callback is encrypted, so a client must read both (addendum §A3.3) [G]. Default <see langword="false"/>, as the examples.
    /// </summary>
    public bool EncryptBulkSignatureFile { get; set; }

    /// <summary>Where callbacks go besides <see cref="IAmSmartSimulator.Callbacks"/>. Default none in-process; <see cref="Hosting.SimulatorServer"/> sets an HTTP sink when none is set.</summary>
    public ISimulatorCallbackSink? CallbackSink { get; set; }

    /// <summary>
    /// Whether callbacks are sent by the simulator itself: due ones right after the request that made them, delayed
    /// ones by a one-second timer on <see cref="TimeProvider"/>. Default <see langword="true"/>. Tests that want full
    /// control set it to <see langword="false"/> and call <see cref="IAmSmartSimulator.DeliverDueCallbacksAsync"/>.
    /// </summary>
    public bool DeliverCallbacksAutomatically { get; set; } = true;

    /// <summary>Injected failures: 5xx answers, timeouts and dropped callbacks.</summary>
    public SimulatorFaultOptions Faults { get; } = new();

    /// <summary>The e-service's encipherment (KEK) key pair; the simulator wraps content keys under its public key. Default: a fresh RSA-2048 key. The simulator takes ownership.</summary>
    public RSA? EnciphermentKey { get; set; }

    /// <summary>The test CA that issues the signing personas' certificates. Default <see cref="SimulatorCertificateAuthority.Shared"/>, made once per process.</summary>
    public SimulatorCertificateAuthority? CertificateAuthority { get; set; }
}

/// <summary>How the decrypted <c>content</c> of a callback is shaped (contract §2.3: both are seen).</summary>
public enum CallbackContentShape
{
    /// <summary><c>{"content":{"businessID":…,"state":…,…}}</c>, as the production client S4 parses it.</summary>
    Wrapped,

    /// <summary><c>{"businessID":…,"state":…,…}</c>, as the CorpID text describes it.</summary>
    Bare,
}

/// <summary>The name of a callback's wrapped-content-key member (addendum §A3.1: both are documented).</summary>
public enum CallbackKeyField
{
    /// <summary><c>secretKey</c>, as the spec's examples and the production client S4 have it.</summary>
    SecretKey,

    /// <summary><c>key</c>, as the spec's scope tables name it.</summary>
    Key,
}

/// <summary>Deterministic fault injection. Rates are shares between 0 and 1, drawn from one seeded generator.</summary>
public sealed class SimulatorFaultOptions
{
    /// <summary>The seed of the generator, so that a failing run can be repeated. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The share of API calls answered with HTTP 503 before any processing (so a retry is always safe). Default 0.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>The share of API calls that hang for <see cref="TimeoutDuration"/> (then HTTP 504), before any processing. Default 0.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>How long an injected timeout hangs, on the simulator's clock. Default 100 s, past the SDK's 30 s attempt timeout.</summary>
    public TimeSpan TimeoutDuration { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The share of callbacks never delivered. Default 0.</summary>
    public double DroppedCallbackRate { get; set; }
}
