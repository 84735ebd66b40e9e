using System.Security.Cryptography.X509Certificates;
using System.Collections.Concurrent;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>
/// A simulator on a manual clock and an SDK client on the same clock, whose callbacks go straight into
/// <c>client.Operations.AcceptCallbackAsync</c>, as the e-service's callback endpoint would pass them.
/// </summary>
internal sealed class SigningSim : IDisposable
{
    public SigningSim(Action<IAmSmartOptions>? configureClient = null, Action<SimulatorOptions>? configureSimulator = null)
    {
        Sim = new Sim(o =>
        {
            o.CertificateAuthority = AuthorityOnTestClock.Value;
            o.EnciphermentKey = CopyOfSharedKek();
            o.CallbackSink = SimulatorCallbackSinks.Delegate(AcceptAsync);
            configureSimulator?.Invoke(o);
        });
        var options = Sim.Simulator.CreateClientOptions();
        configureClient?.Invoke(options);
        Client = IAmSmartClient.Create(options, Sim.Simulator.CreateHandler(), timeProvider: Sim.Clock);
    }

    /// <summary>
    /// A test CA dated on the manual clock's start. The shared simulator CA is dated by the system clock, so a signature
    /// stamped with the (earlier) manual time would fall before its certificate's validity. Made once: keys are slow.
    /// </summary>
    public static Lazy<SimulatorCertificateAuthority> AuthorityOnTestClock { get; } = new(() => new SimulatorCertificateAuthority(new FakeTimeProvider(Sim.ClockStart)));

    public Sim Sim { get; }

    // One RSA-2048 key generation for every signing test instead of one per simulator; each simulator owns a copy.
    private static Lazy<byte[]> SharedKek { get; } = new(() =>
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    });

    public IAmSmartSimulator Simulator => Sim.Simulator;

    public IAmSmartClient Client { get; }

    public ConcurrentQueue<CallbackReceipt> Receipts { get; } = new();

    /// <summary>Verification options that trust only the simulator's test root, as a Sandbox configuration would trust only its roots.</summary>
    public SignatureVerificationOptions TrustSimulatorRoot(HashSigningConvention convention = HashSigningConvention.HashCodeIsMessage)
    {
        // The test CA publishes no revocation information; the chain is checked on the simulation's clock.
        var options = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck, Convention = convention, TimeProvider = Sim.Clock };
        options.TrustAnchors.AddRange(Simulator.CertificateAuthority.TrustAnchors);
        options.Intermediates.Add(Simulator.CertificateAuthority.IssuingCertificate);
        return options;
    }

    /// <summary>Logs a persona in through the SDK with the sign scope and returns its token.</summary>
    public Task<AccessToken> LoginAsync(SimulatorPersona persona)
        => Client.Auth.GetTokenAsync(Sim.LoginCode(persona), TestContext.Current.CancellationToken);

    /// <summary>Sends every due callback to the client; returns how many were delivered.</summary>
    public async Task<int> DeliverAsync()
        => (await Simulator.DeliverDueCallbacksAsync(TestContext.Current.CancellationToken)).Count(r => r.Delivered);

    /// <summary>The browser leg of an anonymous signing: the SDK's login URL, the persona's answer, the redirect back as the SDK reads it.</summary>
    public AuthCallback ScanTicket(AnonymousSigningInitiation initiation, SimulatorPersona persona, UserAction? action = null)
    {
        var login = Client.Auth.CreateLoginUrl(initiation.ToLoginRequest());
        var redirect = Simulator.Authorize(login.Url, persona.Id, action);
        return AuthCallback.Parse(redirect.Location?.Query ?? throw new InvalidOperationException($"The login was refused with {redirect.ErrorCode}."));
    }

    public void Dispose()
    {
        Client.Dispose();
        Sim.Dispose();
    }

    private static System.Security.Cryptography.RSA CopyOfSharedKek()
    {
        var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportPkcs8PrivateKey(SharedKek.Value, out _);
        return rsa;
    }

    private async Task AcceptAsync(SimulatorCallback callback, CancellationToken cancellationToken)
        => Receipts.Enqueue(await Client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, cancellationToken));
}
