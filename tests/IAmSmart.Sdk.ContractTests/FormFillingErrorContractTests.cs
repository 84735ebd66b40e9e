using System.Net;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Transport;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Error contracts (contract §2.2, §3, §10.1) through <c>client.FormFilling</c>. A token without the function's scope is
/// refused before anything is sent; a D20012 the server still answers is a configuration error, D20009 an expired
/// token; an expired content key is handled by a new getKey and one resend; a transient HTTP failure is retried only by
/// the retry-safe anonymous getResult; a user's refusal in a callback is a result with a receipt, never an exception.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class FormFillingErrorContractTests(WireMockServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The typed calls of this suite, by fixture name: each builds its request from its sample and sends it.</summary>
    private static readonly Dictionary<string, (IAmSmartFunction Operation, string Sample, Func<ContractSession, JsonObject, Task<object>> Call)> Calls = new(StringComparer.Ordinal)
    {
        ["profile-initiate"] = (IAmSmartFunctions.Profile, "profile-initiate", async (s, sample) =>
            await s.Client.FormFilling.RequestProfileAsync(ProfileRequest(sample), Cancel)),
        ["eme-initiate"] = (IAmSmartFunctions.EMe, "eme-initiate", async (s, sample) =>
            await s.Client.FormFilling.RequestEMeAsync(EMeRequest(sample), Cancel)),
#pragma warning disable IAMSMART0001 // profiles is inferred from one implementation (contract §7.2 [I]); the contract test exercises it on purpose.
        ["profiles"] = (IAmSmartFunctions.Profiles, "profiles", async (s, sample) =>
            await s.Client.FormFilling.GetProfilesAsync(ProfilesRequest(sample), Cancel)),
#pragma warning restore IAMSMART0001
        ["anonymous-eme-initiate"] = (IAmSmartFunctions.AnonymousEMe, "anonymous-eme-initiate", async (s, sample) =>
            await s.Client.FormFilling.RequestAnonymousEMeAsync(AnonymousEMeRequest(sample), Cancel)),
        ["anonymous-eme-getResult"] = (IAmSmartFunctions.AnonymousEMeResult, "anonymous-getResult", async (s, sample) =>
            await s.Client.FormFilling.GetAnonymousEMeResultAsync(PendingAnonymousEMe(), FormFillingToken(sample), Cancel)),
    };

    public static TheoryData<string, string> TokensWithoutTheScope => new()
    {
        { "profile-initiate", IAmSmartScope.Auth.Value },
        { "eme-initiate", IAmSmartScope.Auth.Value },
        { "eme-initiate", IAmSmartScope.Profiles.Value },
        { "profiles", IAmSmartScope.FormFilling.Value },
    };

    [Theory]
    [MemberData(nameof(TokensWithoutTheScope))]
    public async Task A_token_without_the_scope_is_refused_before_anything_is_sent(string function, string onlyScope)
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample(Calls[function].Sample);
        var token = FormFillingToken(sample, new IAmSmartScope(onlyScope));

#pragma warning disable IAMSMART0001 // see Calls
        Func<Task> call = function switch
        {
            "profile-initiate" => () => session.Client.FormFilling.RequestProfileAsync(ProfileRequest(sample, token), Cancel),
            "eme-initiate" => () => session.Client.FormFilling.RequestEMeAsync(EMeRequest(sample, token), Cancel),
            "profiles" => () => session.Client.FormFilling.GetProfilesAsync(ProfilesRequest(sample, token), Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
#pragma warning restore IAMSMART0001

        var error = await Assert.ThrowsAsync<IAmSmartConfigurationException>(call);

        Assert.Equal(ConsentPreflight.MissingScopeCode, error.Code);
        Assert.Null(error.TxId);
        Assert.Empty(await session.JournalAsync());
        Assert.Empty(session.Receipts.All);
        if (sample["businessID"] is not null)
        {
            Assert.Null(await session.Client.Operations.Store.GetAsync(Text(sample, "businessID"), Cancel));
        }
    }

    public static TheoryData<string, string, string> ServerErrors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var function in Calls.Keys)
        {
            // The token carries the scope, so the SDK sends the request; the server refuses it all the same.
            data.Add(function, "D20012", nameof(IAmSmartConfigurationException));
            if (function != "anonymous-eme-initiate")
            {
                data.Add(function, "D20009", nameof(IAmSmartExpiredException));
            }
        }

        data.Add("profile-initiate", "D20008", nameof(IAmSmartConfigurationException));
        data.Add("eme-initiate", "D20008", nameof(IAmSmartConfigurationException));
        return data;
    }

    [Theory]
    [MemberData(nameof(ServerErrors))]
    public async Task A_server_error_code_is_its_exception_and_is_not_resent(string function, string code, string exceptionType)
    {
        var (operation, sampleName, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, code);
        var sample = Sample(sampleName);

        var error = await Assert.ThrowsAnyAsync<IAmSmartException>(() => call(session, sample));

        Assert.Equal(exceptionType, error.GetType().Name);
        Assert.Equal(code, error.Code);
        Assert.StartsWith("<T=", error.TxId, StringComparison.Ordinal);
        AssertSentOnceWithCase(await session.JournalAsync(), operation, code);
        if (function is "profiles" or "anonymous-eme-getResult")
        {
            // A data fetch that fails still leaves its audit record: the user may have consented already.
            var receipt = Assert.Single(session.Receipts.All);
            Assert.Equal(ConsentOutcome.Failed, receipt.Outcome);
            Assert.Equal(code, receipt.Code);
            Assert.Equal(error.TxId, receipt.TxId);
            Assert.Empty(receipt.FieldsReleased);
        }
        else
        {
            Assert.Empty(session.Receipts.All); // refused before the user was asked: nothing was consented to
        }

        if (function is "profile-initiate" or "eme-initiate")
        {
            // No callback will come for a request iAM Smart refused: the SDK removes its operation at once.
            Assert.Null(await session.Client.Operations.Store.GetAsync(Text(sample, "businessID"), Cancel));
        }
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
            DataRequestResult r => r.IsReleased,
            PendingDataRequest p => p.BusinessId == Text(sample, "businessID"),
            _ => false,
        }, $"{function} did not succeed after the new key: {result}");
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, operation.Path, IAmSmartFunctions.GetKey.Path, operation.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.Contains("D30002", journal[1].MappingName, StringComparison.Ordinal);
        Assert.Contains("success", journal[3].MappingName, StringComparison.Ordinal);
        var sent = journal.Select(r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek)).ToList();
        Assert.True(JsonNode.DeepEquals(sent[1], sent[3]), $"{function}: the resent request is not the same business request.");
        var expected = sample.DeepClone().AsObject();
        if (expected.ContainsKey("state"))
        {
            // Profile and e-ME send the state of the operation the SDK started (FormFillingContractTests); the store
            // keeps only its keyed hash, so the first attempt's state is the reference the resend must repeat.
            expected["state"] = sent[1]["state"]!.DeepClone();
        }

        Assert.True(JsonNode.DeepEquals(expected, sent[3]), $"{function}: the resent request is not the sample.");
        Assert.NotEqual(journal[1].Header("nonce"), journal[3].Header("nonce"));
        Assert.NotEqual(journal[1].Body, journal[3].Body);
    }

    [Fact]
    public async Task An_HTTP_503_on_anonymous_getResult_is_retried_with_a_fresh_signature()
    {
        var (operation, sampleName, call) = Calls["anonymous-eme-getResult"];
        using var session = await ContractSession.StartAsync(server, "HTTP503-once");
        var sample = Sample(sampleName);

        var result = (DataRequestResult)await call(session, sample);

        Assert.True(result.IsReleased, $"{result}");
        Assert.Equal(ContractData.SuccessTxId("anonymous-eme-getResult"), result.TxId);
        Assert.Equal(ConsentOutcome.Released, Assert.Single(session.Receipts.All).Outcome);
        var journal = await session.JournalAsync();
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.Equal([200, 503, 200], journal.Select(r => r.ResponseStatus ?? 0));
        foreach (var request in journal.Skip(1))
        {
            AssertSentAsContracted(RequestJournal.AssertHonoursContract(request, ContractData.GetKeyCek), sample, AnonymousEMeResult);
        }

        Assert.NotEqual(journal[1].Header("nonce"), journal[2].Header("nonce"));
    }

    [Theory]
    [InlineData("profile-initiate")]
    [InlineData("eme-initiate")]
    [InlineData("anonymous-eme-initiate")]
    [InlineData("profiles")]
    public async Task An_HTTP_503_on_a_call_that_is_not_retry_safe_is_not_retried(string function)
    {
        var (operation, sampleName, call) = Calls[function];
        using var session = await ContractSession.StartAsync(server, "HTTP503-once");
        var sample = Sample(sampleName);

        var error = await Assert.ThrowsAsync<IAmSmartServiceException>(() => call(session, sample));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
        var journal = await session.JournalAsync();
        var sent = Assert.Single(journal, r => r.IsFor(operation.Path));
        Assert.Equal(503, sent.ResponseStatus);
        RequestJournal.AssertHonoursContract(sent, ContractData.GetKeyCek);
        if (function is "profile-initiate" or "eme-initiate")
        {
            Assert.Null(await session.Client.Operations.Store.GetAsync(Text(sample, "businessID"), Cancel));
        }
    }

    [Theory]
    [InlineData("eme-cancelled", "eme-initiate", ConsentOutcome.Cancelled)]
    [InlineData("eme-rejected", "eme-initiate", ConsentOutcome.Rejected)]
    [InlineData("profile-rejected", "profile-initiate", ConsentOutcome.Rejected)]
    public async Task A_refusal_callback_read_with_ReadResultAsync_is_an_outcome_with_a_receipt(string callbackName, string function, ConsentOutcome outcome)
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample(function);
        var pending = (PendingDataRequest)await Calls[function].Call(session, sample);
        var body = ContractData.Callback(callbackName)["body"]!.AsObject();
        var callback = await session.Client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), Cancel);

        var result = await session.Client.FormFilling.ReadResultAsync(pending, callback, Cancel);

        Assert.Equal(outcome, result.Outcome);
        Assert.False(result.IsReleased);
        Assert.Null(result.Data);
        Assert.Equal(Text(body, "code"), result.Code);
        Assert.Equal(Text(body, "txID"), result.TxId);
        var receipt = Assert.Single(session.Receipts.All);
        Assert.Same(result.Receipt, receipt);
        Assert.Equal(outcome, receipt.Outcome);
        Assert.Equal(pending.Function, receipt.Function);
        Assert.Equal(pending.BusinessId, receipt.BusinessId);
        Assert.Equal(Text(body, "txID"), receipt.TxId);
        Assert.Equal(Text(body, "code"), receipt.Code);
        Assert.Equal(pending.RequestedFields, receipt.FieldsRequested);
        Assert.Empty(receipt.FieldsReleased);
        Assert.Empty(receipt.FieldsDiscarded);
        Assert.Equal(pending.Purpose, receipt.Purpose);
        Assert.Equal([IAmSmartFunctions.GetKey.Path, Calls[function].Operation.Path], (await session.JournalAsync()).Select(r => r.Path["/api/v1/".Length..]));
    }

    // The anonymous request of the samples as an application keeps it (for example in the session) between the
    // initiate call and the browser's return: getResult alone is under test.
    private static PendingDataRequest PendingAnonymousEMe()
    {
        var sample = Sample("anonymous-eme-initiate");
        return new PendingDataRequest
        {
            Function = IAmSmartFunctions.AnonymousEMe,
            BusinessId = Text(sample, "businessID"),
            TicketId = ContractData.Text(ContractData.Sample("responses/anonymous-eme-initiate.json")["ticketID"]),
            RequestedFields = Texts(sample, "eMEFields"),
            Purpose = new StatedPurpose(Text(sample, "formName"), Text(sample, "formNum"), Text(sample, "formDesc")),
            RequestedAt = ContractData.GetKeyIssuedAt,
        };
    }

    // getKey, then the call once, answered by the error contract: the SDK did not resend it.
    private static void AssertSentOnceWithCase(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction operation, string contractCase)
    {
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.All(journal, r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek));
        Assert.Contains(contractCase, journal[1].MappingName, StringComparison.Ordinal);
    }
}
