using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// One test's view of the shared WireMock server: an SDK client configured from the vector file, whose requests carry a
/// unique <c>X-Contract-Test</c> id (to find them in the journal) and, optionally, the <c>X-Contract-Case</c> that
/// selects an error contract.
/// </summary>
public sealed class ContractSession : IDisposable
{
    private readonly WireMockServer _server;
    private readonly HttpClient _raw;

    private ContractSession(WireMockServer server, string? contractCase)
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
        };
        options.KeyEncryptionKeys.Add(ContractData.CreateKek());

        Client = IAmSmartClient.Create(
            options,
            new ContractHeadersHandler(TestId, contractCase) { InnerHandler = new SocketsHttpHandler() },
            timeProvider: new AnchoredTimeProvider(ContractData.GetKeyIssuedAt.AddSeconds(1)));
        _raw = new HttpClient(new ContractHeadersHandler(TestId, contractCase) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(server.BaseUrl, "api/v1/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The id that marks this test's requests.</summary>
    public string TestId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The error contract this session selects, if any.</summary>
    public string? Case { get; }

    /// <summary>The SDK client under test.</summary>
    public IAmSmartClient Client { get; }

    /// <summary>Starts a session: skips the test when WireMock is unavailable, and resets the scenarios.</summary>
    /// <param name="server">The shared server.</param>
    /// <param name="contractCase">The <c>X-Contract-Case</c> value, for example <c>D20006</c>; none for the success contracts.</param>
    public static async Task<ContractSession> StartAsync(WireMockServer server, string? contractCase = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.RequireRunning();
        await server.ResetScenariosAsync();
        return new ContractSession(server, contractCase);
    }

    /// <summary>This test's requests, oldest first.</summary>
    public Task<IReadOnlyList<LoggedRequest>> JournalAsync() => RequestJournal.ReadAsync(_server, TestId);

    /// <summary>
    /// Posts a correctly signed and encrypted request without a typed client, using the SDK's public crypto, and returns
    /// the response envelope with its content decrypted (<c>content</c> replaced by the plaintext object).
    /// Used only for the functions without a typed client yet (profile, profiles, e-ME, anonymous e-ME).
    /// TODO: move these calls to the typed form-filling clients when they exist, then delete this helper.
    /// </summary>
    /// <param name="operationPath">The path below <c>/api/v1/</c>.</param>
    /// <param name="plaintext">The business request.</param>
    /// <param name="contentKey">The CEK to encrypt under and decrypt the answer with.</param>
    public async Task<(int Status, JsonObject Envelope)> PostRawAsync(string operationPath, JsonNode plaintext, ContentKey contentKey)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var body = "{\"content\":\"" + AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(plaintext.ToJsonString()), contentKey) + "\"}";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Guid.NewGuid().ToString("N");
        var signer = new HmacSha256RequestSigner(ContractData.ClientSecret);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(operationPath, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("clientID", ContractData.ClientId);
        request.Headers.TryAddWithoutValidation("signatureMethod", signer.SignatureMethod);
        request.Headers.TryAddWithoutValidation("timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("nonce", nonce);
        request.Headers.TryAddWithoutValidation("signature", signer.Sign(ContractData.ClientId, timestamp, nonce, body));

        using var response = await _raw.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var envelope = RequestJournal.ParseObject(text);
        if (envelope["content"] is JsonValue encrypted && encrypted.TryGetValue<string>(out var content))
        {
            envelope["content"] = JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt(content, contentKey));
        }

        return ((int)response.StatusCode, envelope);
    }

    /// <inheritdoc/>
    public void Dispose() => _raw.Dispose();

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
/// </summary>
public sealed class AnchoredTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;
}
