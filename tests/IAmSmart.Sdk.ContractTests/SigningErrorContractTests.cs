using System.Net;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Transport;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Error contracts (contract §2.2, §3, §10.1) through the typed step-up and signing clients. A refusal because of who the
/// user is (D70004, D70005) is a value; an expired token or a missing scope is an exception; an expired content key is
/// handled by a new getKey and one resend; a transient HTTP failure is retried only by the retry-safe getResult.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class SigningErrorContractTests(WireMockServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The typed calls of this suite, by fixture name: each builds its request from its sample and sends it.</summary>
    private static readonly Dictionary<string, (IAmSmartFunction Operation, string Sample, Func<ContractSession, JsonObject, Task<object>> Call)> Calls = new(StringComparer.Ordinal)
    {
        ["stepup-initiate"] = (IAmSmartFunctions.StepUp, "stepup-initiate", async (s, sample) =>
            await s.Client.Auth.InitiateStepUpAsync(StepUpRequest(sample, await BeginAsync(s, IAmSmartFunctions.StepUp, sample)), Cancel)),
        ["signing-initiate"] = (IAmSmartFunctions.HashSigning, "signing-initiate", async (s, sample) =>
            await s.Client.Signing.InitiateHashSigningAsync(HashSigningRequest(sample, await BeginAsync(s, IAmSmartFunctions.HashSigning, sample)), Cancel)),
        ["pdfsigning-initiate"] = (IAmSmartFunctions.PdfSigning, "pdfsigning-initiate", async (s, sample) =>
            await s.Client.Signing.InitiatePdfSigningAsync(PdfSigningRequest(sample, await BeginAsync(s, IAmSmartFunctions.PdfSigning, sample)), Cancel)),
        ["anonymous-signing-initiate"] = (IAmSmartFunctions.AnonymousHashSigning, "anonymous-signing-initiate", async (s, sample) =>
            await s.Client.Signing.InitiateAnonymousHashSigningAsync(AnonymousHashSigningRequest(sample), Cancel)),
        ["anonymous-pdfsigning-initiate"] = (IAmSmartFunctions.AnonymousPdfSigning, "anonymous-pdfsigning-initiate", async (s, sample) =>
            await s.Client.Signing.InitiateAnonymousPdfSigningAsync(AnonymousPdfSigningRequest(sample), Cancel)),
        ["anonymous-signing-getResult"] = (IAmSmartFunctions.AnonymousHashSigningResult, "anonymous-getResult", async (s, sample) =>
            await s.Client.Signing.GetAnonymousHashSigningResultAsync(SigningToken(sample), Cancel)),
        ["anonymous-pdfsigning-getResult"] = (IAmSmartFunctions.AnonymousPdfSigningResult, "anonymous-getResult", async (s, sample) =>
            await s.Client.Signing.GetAnonymousPdfSigningResultAsync(SigningToken(sample), Cancel)),
        ["signing-ackResult"] = (IAmSmartFunctions.SigningAck, "signing-ackResult", async (s, sample) =>
        {
            await s.Client.Signing.AcknowledgeAsync(Text(sample, "businessID"), SigningAcknowledgement.Accepted, Cancel);
            return "acknowledged";
        }),
    };

    [Theory]
    [InlineData("D70004", SigningStatus.NotSigningCapable, false)]
    [InlineData("D70005", SigningStatus.IdentityMismatch, false)]
    [InlineData("D70004", SigningStatus.NotSigningCapable, true)]
    [InlineData("D70005", SigningStatus.IdentityMismatch, true)]
    public async Task A_signer_refusal_on_initiate_is_a_refusal_value_and_is_not_resent(string code, SigningStatus refusal, bool pdf)
    {
        using var session = await ContractSession.StartAsync(server, code);
        var sample = Sample(pdf ? "pdfsigning-initiate" : "signing-initiate");
        var operation = await BeginAsync(session, pdf ? IAmSmartFunctions.PdfSigning : IAmSmartFunctions.HashSigning, sample);

        var initiation = pdf
            ? await session.Client.Signing.InitiatePdfSigningAsync(PdfSigningRequest(sample, operation), Cancel)
            : await session.Client.Signing.InitiateHashSigningAsync(HashSigningRequest(sample, operation), Cancel);

        Assert.False(initiation.IsStarted);
        Assert.Equal(refusal, initiation.Refusal);
        Assert.Equal(code, initiation.Code);
        Assert.StartsWith("<T=", initiation.TxId, StringComparison.Ordinal);
        Assert.Equal(operation.BusinessId, initiation.BusinessId);
        Assert.Null(initiation.SignCode);
        Assert.Null(initiation.TicketId);
        Assert.Null(initiation.AppLink);
        AssertSentOnceWithCase(await session.JournalAsync(), pdf ? IAmSmartFunctions.PdfSigning : IAmSmartFunctions.HashSigning, code);
    }

    [Theory]
    [InlineData("D70004", SigningStatus.NotSigningCapable, false)]
    [InlineData("D70005", SigningStatus.IdentityMismatch, false)]
    [InlineData("D70004", SigningStatus.NotSigningCapable, true)]
    [InlineData("D70005", SigningStatus.IdentityMismatch, true)]
    public async Task A_signer_refusal_on_anonymous_getResult_is_an_outcome(string code, SigningStatus status, bool pdf)
    {
        using var session = await ContractSession.StartAsync(server, code);
        var token = SigningToken(Sample("anonymous-getResult"));

        var (outcomeStatus, outcomeCode, txId, signed) = pdf
            ? Read(await session.Client.Signing.GetAnonymousPdfSigningResultAsync(token, Cancel))
            : Read(await session.Client.Signing.GetAnonymousHashSigningResultAsync(token, Cancel));

        Assert.False(signed);
        Assert.Equal(status, outcomeStatus);
        Assert.Equal(code, outcomeCode);
        Assert.StartsWith("<T=", txId, StringComparison.Ordinal);
        AssertSentOnceWithCase(await session.JournalAsync(), pdf ? IAmSmartFunctions.AnonymousPdfSigningResult : IAmSmartFunctions.AnonymousHashSigningResult, code);

        static (SigningStatus, string?, string?, bool) Read<T>(SigningOutcome<T> o)
            where T : class
            => (o.Status, o.Code, o.TxId, o.IsSigned);
    }

    public static TheoryData<string, string, string> TokenAndScopeErrors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var function in new[] { "stepup-initiate", "signing-initiate", "pdfsigning-initiate", "anonymous-signing-getResult", "anonymous-pdfsigning-getResult" })
        {
            data.Add(function, "D20009", nameof(IAmSmartExpiredException));
            data.Add(function, "D20012", nameof(IAmSmartConfigurationException));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TokenAndScopeErrors))]
    public async Task An_expired_token_or_missing_scope_is_its_exception_and_is_not_resent(string function, string code, string exceptionType)
    {
        var (operation, sample, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, code);

        var error = await Assert.ThrowsAnyAsync<IAmSmartException>(() => call(session, Sample(sample)));

        Assert.Equal(exceptionType, error.GetType().Name);
        Assert.Equal(code, error.Code);
        Assert.StartsWith("<T=", error.TxId, StringComparison.Ordinal);
        AssertSentOnceWithCase(await session.JournalAsync(), operation, code);
    }

    public static TheoryData<string> EveryCall => [.. Calls.Keys];

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task D30002_fetches_a_new_key_and_resends_the_call_once(string function)
    {
        var (operation, sampleName, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, "D30002-once");
        var sample = Sample(sampleName);

        var result = await call(session, sample);

        Assert.True(result switch
        {
            SigningInitiation i => i.IsStarted,
            SigningOutcome<HashSigningResult> o => o.IsSigned,
            SigningOutcome<PdfSigningResult> o => o.IsSigned,
            _ => true,
        }, $"{function} did not succeed after the new key: {result}");
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, operation.Path, IAmSmartFunctions.GetKey.Path, operation.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.Contains("D30002", journal[1].MappingName, StringComparison.Ordinal);
        Assert.Contains("success", journal[3].MappingName, StringComparison.Ordinal);
        foreach (var request in journal)
        {
            var sent = RequestJournal.AssertHonoursContract(request, ContractData.GetKeyCek);
            if (request.IsFor(operation.Path))
            {
                Assert.True(JsonNode.DeepEquals(sample, sent), $"{function}: the resent request is not the same business request.");
            }
        }

        Assert.NotEqual(journal[1].Header("nonce"), journal[3].Header("nonce"));
        Assert.NotEqual(journal[1].Body, journal[3].Body);
    }

    [Theory]
    [InlineData("anonymous-signing-getResult")]
    [InlineData("anonymous-pdfsigning-getResult")]
    public async Task An_HTTP_503_on_getResult_is_retried_with_a_fresh_signature(string function)
    {
        var (operation, sampleName, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, "HTTP503-once");
        var sample = Sample(sampleName);

        var result = await call(session, sample);

        Assert.True(result switch
        {
            SigningOutcome<HashSigningResult> o => o.IsSigned,
            SigningOutcome<PdfSigningResult> o => o.IsSigned,
            _ => false,
        }, $"{function}: {result}");
        var journal = await session.JournalAsync();
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.Equal([200, 503, 200], journal.Select(r => r.ResponseStatus ?? 0));
        foreach (var request in journal.Skip(1))
        {
            Assert.True(JsonNode.DeepEquals(sample, RequestJournal.AssertHonoursContract(request, ContractData.GetKeyCek)));
        }

        Assert.NotEqual(journal[1].Header("nonce"), journal[2].Header("nonce"));
    }

    [Theory]
    [InlineData("stepup-initiate")]
    [InlineData("signing-initiate")]
    [InlineData("pdfsigning-initiate")]
    [InlineData("anonymous-signing-initiate")]
    [InlineData("anonymous-pdfsigning-initiate")]
    [InlineData("signing-ackResult")]
    public async Task An_HTTP_503_on_a_call_that_is_not_retry_safe_is_not_retried(string function)
    {
        var (operation, sampleName, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, "HTTP503-once");

        var error = await Assert.ThrowsAsync<IAmSmartServiceException>(() => call(session, Sample(sampleName)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        var journal = await session.JournalAsync();
        var sent = Assert.Single(journal, r => r.IsFor(operation.Path));
        Assert.Equal(503, sent.ResponseStatus);
        RequestJournal.AssertHonoursContract(sent, ContractData.GetKeyCek);
    }

    // getKey, then the call once, answered by the error contract: the SDK did not resend it.
    private static void AssertSentOnceWithCase(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction operation, string contractCase)
    {
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.All(journal, r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek));
        Assert.Contains(contractCase, journal[1].MappingName, StringComparison.Ordinal);
    }
}
