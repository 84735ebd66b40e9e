using System.Collections.Concurrent;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Consent;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>
/// An SDK client on the simulator, on the simulator's manual clock, whose callbacks are delivered (when a test asks)
/// straight into <c>client.Operations.AcceptCallbackAsync</c>, as an e-service's callback endpoint would, and whose
/// consent receipts are kept for assertions. Users answer in 5 minutes at most, inside the operations' 18 minutes.
/// </summary>
internal sealed class FormFillingJourney : IDisposable
{
    public static readonly TimeSpan UserTimeout = TimeSpan.FromMinutes(5);

    public FormFillingJourney(Action<SimulatorOptions>? configure = null)
    {
        Sim = new Sim(o =>
        {
            o.UserTimeout = UserTimeout;
            o.CallbackSink = SimulatorCallbackSinks.Delegate(async (callback, ct) =>
                CallbackReceipts.Enqueue(await Client!.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct)));
            configure?.Invoke(o);
        });
        var options = Sim.Simulator.CreateClientOptions();
        options.PendingOperations.PollInterval = TimeSpan.FromMilliseconds(20);
        Client = IAmSmartClient.Create(options, Sim.Simulator.CreateHandler(), timeProvider: Sim.Clock, consentReceiptSink: Receipts);
    }

    public Sim Sim { get; }

    public IAmSmartClient Client { get; }

    public RecordingConsentReceiptSink Receipts { get; } = new();

    public ConcurrentQueue<CallbackReceipt> CallbackReceipts { get; } = new();

    /// <summary>Logs the persona in (approving, whatever its behaviour) with every scope, and exchanges the code with the SDK.</summary>
    public Task<AccessToken> LoginAsync(SimulatorPersona persona, params string[] scopes)
        => Client.Auth.GetTokenAsync(Sim.LoginCode(persona, scopes), TestContext.Current.CancellationToken);

    /// <summary>Lets the persona answer the consent request: moves the clock past its delay (or the time-out) and delivers the callback.</summary>
    public async Task AnswerAsync(SimulatorPersona persona)
    {
        Sim.Clock.Advance(persona.Behaviour.Action == UserAction.TimeOut ? UserTimeout : persona.Behaviour.Delay);
        var delivered = await Sim.Simulator.DeliverDueCallbacksAsync(TestContext.Current.CancellationToken);
        Assert.Single(delivered);
    }

    public void Dispose()
    {
        Client.Dispose();
        Sim.Dispose();
    }
}
