using IAmSmart.Sdk.Testing.Consent;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// One test's view of the shared WireMock server: an SDK client configured from the vector file, whose requests carry a
/// unique <c>X-Contract-Test</c> id (to find them in the journal) and, optionally, the <c>X-Contract-Case</c> that
/// selects an error contract.
/// </summary>
public sealed class ContractSession : IDisposable
{
    private readonly WireMockServer _server;

    private ContractSession(WireMockServer server, string? contractCase, Signing.StepUpFieldNames stepUpFieldNames)
    {
        _server = server;
        Case = contractCase;
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            BaseUrl = server.BaseUrl,
            ClientId = ContractData.ClientId,
            ClientSecret = ContractData.ClientSecret,
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(20),
            TotalTimeout = TimeSpan.FromSeconds(60),
            StepUpFieldNames = stepUpFieldNames,
        };
        options.KeyEncryptionKeys.Add(ContractData.CreateKek());

        Client = IAmSmartClient.Create(
            options,
            new ContractHeadersHandler(TestId, contractCase) { InnerHandler = new SocketsHttpHandler() },
            timeProvider: new AnchoredTimeProvider(ContractData.GetKeyIssuedAt.AddSeconds(1)),
            consentReceiptSink: Receipts);
    }

    /// <summary>The id that marks this test's requests.</summary>
    public string TestId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The error contract this session selects, if any.</summary>
    public string? Case { get; }

    /// <summary>The consent receipts the client under test recorded, oldest first.</summary>
    public RecordingConsentReceiptSink Receipts { get; } = new();

    /// <summary>The SDK client under test.</summary>
    public IAmSmartClient Client { get; }

    /// <summary>Starts a session and resets the scenarios.</summary>
    /// <param name="server">The shared server.</param>
    /// <param name="contractCase">The <c>X-Contract-Case</c> value, for example <c>D20006</c>; none for the success contracts.</param>
    /// <param name="stepUpFieldNames">The signing step-up wire names the client sends (addendum §A1.4); the SDK's default unless set.</param>
    public static Task<ContractSession> StartAsync(WireMockServer server, string? contractCase = null, Signing.StepUpFieldNames stepUpFieldNames = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.ResetScenarios();
        return Task.FromResult(new ContractSession(server, contractCase, stepUpFieldNames));
    }

    /// <summary>This test's requests, oldest first.</summary>
    public Task<IReadOnlyList<LoggedRequest>> JournalAsync() => RequestJournal.ReadAsync(_server, TestId);

    /// <inheritdoc/>
    public void Dispose() => Client.Dispose();

    /// <summary>Adds the test's journal id and error-contract selector; neither is part of the signed data.</summary>
    private sealed class ContractHeadersHandler(string testId, string? contractCase) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove(RequestJournal.TestIdHeader);
            request.Headers.Remove(RequestJournal.CaseHeader);
            request.Headers.TryAddWithoutValidation(RequestJournal.TestIdHeader, testId);
            if (contractCase is not null)
            {
                request.Headers.TryAddWithoutValidation(RequestJournal.CaseHeader, contractCase);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// The system clock moved so that it starts at a chosen instant. The vector file's getKey response was issued in the
/// past (its <c>issueAt</c>), so the tests' clock starts just after it: the CEK is then fresh, as it would be live.
/// Not a <c>FakeTimeProvider</c>: this clock keeps running, and its timers are the system's, because the SDK's retry
/// delays and attempt timeouts (Polly, on this clock) must elapse against the real WireMock server.
/// </summary>
public sealed class AnchoredTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;
}
