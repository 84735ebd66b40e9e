namespace IAmSmart.Sdk.Testing.Callbacks;

/// <summary>
/// A callback the simulator sends to an e-service: a POST of <see cref="Body"/> (JSON
/// <c>{txID, code, message, content, secretKey}</c>, or that envelope in a <c>multipart/form-data</c> part when the
/// request asked for <c>callbackContentType</c> multipart) to <see cref="RedirectUri"/> (contract §2.3, addendum §A3).
/// </summary>
/// <param name="RedirectUri">Where it is POSTed: the <c>redirectURI</c> of the initiating request.</param>
/// <param name="Body">The exact body, of type <see cref="ContentType"/>.</param>
/// <param name="TxId">The transaction id in the body.</param>
/// <param name="Code">The return code in the body: D00000, or the user outcome.</param>
/// <param name="BusinessId">The <c>businessID</c> of the initiating request.</param>
/// <param name="Function">Which function it answers, for example <c>eme</c>, <c>signing</c>, <c>pdfsigning</c>, <c>profile</c>, <c>stepup</c>.</param>
/// <param name="SentAt">When it was sent, on the simulator's clock.</param>
public sealed record SimulatorCallback(Uri RedirectUri, string Body, string TxId, string Code, string BusinessId, string Function, DateTimeOffset SentAt)
{
    /// <summary>The body's <c>Content-Type</c>: <c>application/json</c>, or <c>multipart/form-data</c> with its boundary.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>No body: it holds personal data and keys.</summary>
    public override string ToString() => $"SimulatorCallback({Function}, {Code}, {TxId})";
}

/// <summary>What happened to one due callback.</summary>
/// <param name="Callback">The callback.</param>
/// <param name="Delivered">Whether the sink accepted it (false when dropped by fault injection or when the sink failed).</param>
/// <param name="Failure">Why it was not delivered, if it was not.</param>
public sealed record CallbackDeliveryResult(SimulatorCallback Callback, bool Delivered, string? Failure);

/// <summary>Receives the simulator's callbacks: over HTTP, into a delegate, or anything else.</summary>
public interface ISimulatorCallbackSink
{
    /// <summary>Delivers one callback.</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <exception cref="Exception">Any failure; the simulator records it and does not retry [I: whether iAM Smart retries is unknown].</exception>
    Task DeliverAsync(SimulatorCallback callback, CancellationToken cancellationToken);
}

/// <summary>Ready-made callback sinks.</summary>
public static class SimulatorCallbackSinks
{
    /// <summary>POSTs each callback's body with its <see cref="SimulatorCallback.ContentType"/> to its redirect URI through <paramref name="handler"/> (for example a TestServer's handler).</summary>
    /// <param name="handler">The handler; default a new <see cref="SocketsHttpHandler"/>. Not disposed by the sink.</param>
    public static ISimulatorCallbackSink Http(HttpMessageHandler? handler = null) => new HttpCallbackSink(handler);

    /// <summary>Invokes a delegate for each callback.</summary>
    /// <param name="deliver">The delegate.</param>
    public static ISimulatorCallbackSink Delegate(Func<SimulatorCallback, CancellationToken, Task> deliver) => new DelegateCallbackSink(deliver);

    private sealed class DelegateCallbackSink(Func<SimulatorCallback, CancellationToken, Task> deliver) : ISimulatorCallbackSink
    {
        private readonly Func<SimulatorCallback, CancellationToken, Task> _deliver = deliver ?? throw new ArgumentNullException(nameof(deliver));

        public Task DeliverAsync(SimulatorCallback callback, CancellationToken cancellationToken) => _deliver(callback, cancellationToken);
    }
}

/// <summary>POSTs callbacks over HTTP; a non-success status counts as a failed delivery.</summary>
internal sealed class HttpCallbackSink : ISimulatorCallbackSink, IDisposable
{
    private readonly HttpClient _http;

    public HttpCallbackSink(HttpMessageHandler? handler)
    {
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task DeliverAsync(SimulatorCallback callback, CancellationToken cancellationToken)
    {
        using var content = new StringContent(callback.Body, System.Text.Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", callback.ContentType);
        using var response = await _http.PostAsync(callback.RedirectUri, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
