using System.Text.Json;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class StepUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AccessToken Token() => new(
        "tok-0001", "open+id/1=", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(4), IAmSmartUserType.Standard, IAmSmartScope.ParseList("eidapi_auth"));

    private static StepUpRequest Request(string businessId = "biz-1", string state = "state-1") => new()
    {
        AccessToken = Token(),
        CallbackUri = new Uri("https://rp.example/iamsmart/callback"),
        BusinessId = businessId,
        State = state,
        Source = IAmSmartSource.AndroidChrome,
        Language = IAmSmartLanguage.TraditionalChinese,
    };

    [Fact]
    public async Task Step_up_sends_the_seven_fields_with_the_redirect_uri_url_encoded()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.StepUp.Path, """{"authByQR":false,"ticketID":"tk-9"}""");
        var client = VectorClient.Create(handler);

        await client.Auth.InitiateStepUpAsync(Request(), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.StepUp.Path).Single().Body);
        Assert.Equal(["openID", "accessToken", "businessID", "source", "redirectURI", "state", "lang"], sent.Select(p => p.Key));
        Assert.Equal("open+id/1=", sent["openID"]!.GetValue<string>());
        Assert.Equal("tok-0001", sent["accessToken"]!.GetValue<string>());
        Assert.Equal("biz-1", sent["businessID"]!.GetValue<string>());
        Assert.Equal("Android_Chrome", sent["source"]!.GetValue<string>());
        Assert.Equal("https%3A%2F%2Frp.example%2Fiamsmart%2Fcallback", sent["redirectURI"]!.GetValue<string>());
        Assert.Equal("state-1", sent["state"]!.GetValue<string>());
        Assert.Equal("zh-HK", sent["lang"]!.GetValue<string>());
    }

    [Fact]
    public async Task Same_device_answer_gives_the_ticket_and_the_re_auth_deep_link()
    {
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.StepUp.Path, """{"authByQR":"false","ticketID":"tk+9"}"""));

        var initiation = await client.Auth.InitiateStepUpAsync(Request(), Ct);

        Assert.False(initiation.AuthByQr);
        Assert.Equal("tk+9", initiation.TicketId);
        Assert.Equal("hk.gov.iamsmart.testapp://re-auth?ticketID=tk%2B9", initiation.AppLink!.OriginalString);
        Assert.Equal("biz-1", initiation.BusinessId);
    }

    [Fact]
    public async Task Qr_answer_has_no_ticket_and_no_link()
    {
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.StepUp.Path, """{"authByQR":true}"""));

        var initiation = await client.Auth.InitiateStepUpAsync(Request(), Ct);

        Assert.True(initiation.AuthByQr);
        Assert.Null(initiation.TicketId);
        Assert.Null(initiation.AppLink);
    }

    [Fact]
    public async Task Bad_step_up_values_are_refused_naming_the_parameter_before_any_call()
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);

        var badState = await Assert.ThrowsAsync<ArgumentException>(() => client.Auth.InitiateStepUpAsync(Request(state: "bad state"), Ct));
        var badUri = await Assert.ThrowsAsync<ArgumentException>(() => client.Auth.InitiateStepUpAsync(
            new StepUpRequest { AccessToken = Token(), CallbackUri = new Uri("http://rp.example/cb"), BusinessId = "b", State = "s" }, Ct));

        Assert.Equal("StepUpRequest.State", badState.ParamName);
        Assert.Equal("StepUpRequest.CallbackUri", badUri.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("D80001", UserOutcome.Rejected)]
    [InlineData("D80002", UserOutcome.Failed)]
    [InlineData("D80003", UserOutcome.TimedOut)]
    public void Step_up_failure_codes_are_results_not_exceptions(string code, UserOutcome outcome)
    {
        var callback = new IAmSmartCallback(CallbackStatus.UserOutcome, code, null, "b", "s", null, ReturnCodes.TryGet(code, out var info) ? info.Outcome : null);

        var result = StepUpResult.FromCallback(callback);

        Assert.False(result.IsPassed);
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.Code);
    }

    [Theory]
    [InlineData("""{"businessID":"b","state":"s","isPassed":true}""", true)]
    [InlineData("""{"businessID":"b","state":"s","isPassed":"true"}""", true)]
    [InlineData("""{"businessID":"b","state":"s","isPassed":false}""", false)]
    [InlineData("""{"businessID":"b","state":"s","isPassed":"false"}""", false)]
    public void Success_passes_only_when_is_passed_is_true(string payload, bool passed)
    {
        using var document = JsonDocument.Parse(payload);
        var callback = new IAmSmartCallback(CallbackStatus.Succeeded, "D00000", null, "b", "s", document.RootElement);

        var result = StepUpResult.FromCallback(callback);

        Assert.Equal(passed, result.IsPassed);
        Assert.Equal(passed ? null : UserOutcome.Failed, result.Outcome);
    }

    [Theory]
    [InlineData("""{"businessID":"b","state":"s"}""")]
    [InlineData("""{"businessID":"b","state":"s","isPassed":null}""")]
    [InlineData("""{"businessID":"b","state":"s","isPassed":"yes"}""")]
    [InlineData("""{"businessID":"b","state":"s","isPassed":"TRUE"}""")]
    [InlineData("""{"businessID":"b","state":"s","isPassed":1}""")]
    [InlineData("""{"businessID":"b","state":"s","isPassed":[]}""")]
    public void A_success_without_a_verdict_is_not_a_step_up_result(string payload)
    {
        // Not "not passed": the acceptance check runs this reader, so such a callback is refused and the genuine one completes.
        using var document = JsonDocument.Parse(payload);
        var callback = new IAmSmartCallback(CallbackStatus.Succeeded, "D00000", null, "b", "s", document.RootElement);

        Assert.Throws<IAmSmartServiceException>(() => StepUpResult.FromCallback(callback));
    }

    [Fact]
    public void No_callback_in_time_is_a_timed_out_result()
    {
        var result = StepUpResult.FromCallback(new IAmSmartCallback(CallbackStatus.NotReceived, null, null, "b", "s", null, UserOutcome.TimedOut));

        Assert.False(result.IsPassed);
        Assert.Equal(UserOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Code);
    }

    [Fact]
    public async Task Whole_step_up_begin_initiate_callback_wait_gives_a_passed_result_and_adopts_the_callback_key()
    {
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.StepUp.Path, """{"authByQR":true}"""));
        var operation = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        await client.Auth.InitiateStepUpAsync(Request(operation.BusinessId, operation.State), Ct);
        var (key, bytes) = CallbackBuilder.NewKey();

        var receipt = await client.Operations.AcceptCallbackAsync(
            System.Text.Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(operation.BusinessId, operation.State), wrapped: true, keyBytes: bytes)), Ct);
        var result = StepUpResult.FromCallback(await client.Operations.WaitForCompletionAsync(operation.BusinessId, Ct));

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.True(result.IsPassed);
        Assert.Equal(operation.BusinessId, result.BusinessId);
        Assert.Equal(key, client.ContentKeys.Current);
    }
}
