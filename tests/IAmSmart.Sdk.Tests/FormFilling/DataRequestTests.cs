using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Testing.Consent;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.FormFilling;

/// <summary>Profile, e-ME and anonymous e-ME requests on a fake iAM Smart: wire shape, results and receipts.</summary>
public sealed class DataRequestTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingConsentReceiptSink _sink = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static AccessToken Token(string scopes = "eidapi_auth eidapi_formFilling") => new(
        "tok-0001", "open+id/1=", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(4), IAmSmartUserType.Standard, IAmSmartScope.ParseList(scopes));

    private IAmSmartClient Client(FakeIAmSmartHandler handler)
    {
        var options = VectorClient.Options();
        options.PendingOperations.PollInterval = TimeSpan.FromMilliseconds(20);
        return IAmSmartClient.Create(options, handler, timeProvider: _time, consentReceiptSink: _sink);
    }

    private static EMeRequest EMe(params EMeField[] fields) => new()
    {
        AccessToken = Token(),
        CallbackUri = CallbackUri,
        Fields = fields.Length > 0 ? fields : [EMeField.EnName, EMeField.ResidentialAddress],
        Form = new FormDetails("Account opening", "AO-01", "Open a savings account"),
        Source = IAmSmartSource.AndroidChrome,
        Language = IAmSmartLanguage.English,
    };

    private static string StateOf(RecordedRequest request) => VectorClient.DecryptRequest(request.Body)["state"]!.GetValue<string>();

    [Fact]
    public async Task Profile_request_sends_the_eight_members_in_wire_order()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.Profile.Path, """{"authByQR":true}""");
        var client = Client(handler);

        var pending = await client.FormFilling.RequestProfileAsync(
            new ProfileRequest
            {
                AccessToken = Token(),
                CallbackUri = CallbackUri,
                Fields = [ProfileField.IdNo, ProfileField.EnName, ProfileField.BirthDate],
                Source = IAmSmartSource.PcBrowser,
                Language = IAmSmartLanguage.TraditionalChinese,
                BusinessId = "biz-p1",
            },
            Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.Profile.Path).Single().Body);
        Assert.Equal(["openID", "accessToken", "businessID", "source", "redirectURI", "state", "profileFields", "lang"], sent.Select(p => p.Key));
        Assert.Equal("open+id/1=", (string?)sent["openID"]);
        Assert.Equal("tok-0001", (string?)sent["accessToken"]);
        Assert.Equal("biz-p1", (string?)sent["businessID"]);
        Assert.Equal("PC_Browser", (string?)sent["source"]);
        Assert.Equal("https%3A%2F%2Frp.example%2Fiamsmart%2Fcallback", (string?)sent["redirectURI"]);
        Assert.True(IAmSmartState.IsWellFormed((string?)sent["state"]));
        Assert.Equal(["idNo", "enName", "birthDate"], sent["profileFields"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("zh-HK", (string?)sent["lang"]);
        Assert.Equal(IAmSmartFunctions.Profile, pending.Function);
        Assert.Equal("biz-p1", pending.BusinessId);
        Assert.True(pending.AuthByQr);
        Assert.Null(pending.AppLink);
        Assert.Equal(Start, pending.RequestedAt);
        Assert.NotNull(await client.Operations.Store.GetAsync("biz-p1", Ct));
    }

    [Fact]
    public async Task EMe_request_sends_the_eleven_members_in_wire_order_and_gives_the_same_device_link()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":false,"ticketID":"tk+9"}""");
        var client = Client(handler);

        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.EMe.Path).Single().Body);
        Assert.Equal(
            ["openID", "accessToken", "businessID", "source", "redirectURI", "state", "lang", "eMEFields", "formName", "formNum", "formDesc"],
            sent.Select(p => p.Key));
        Assert.Equal(pending.BusinessId, (string?)sent["businessID"]);
        Assert.Equal("en-US", (string?)sent["lang"]);
        Assert.Equal(["enName", "residentialAddress"], sent["eMEFields"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("Account opening", (string?)sent["formName"]);
        Assert.Equal("AO-01", (string?)sent["formNum"]);
        Assert.Equal("Open a savings account", (string?)sent["formDesc"]);
        Assert.False(pending.AuthByQr);
        Assert.Equal("tk+9", pending.TicketId);
        Assert.Equal("hk.gov.iamsmart.testapp://profile?ticketID=tk%2B9", pending.AppLink!.OriginalString);
        Assert.Equal(new StatedPurpose("Account opening", "AO-01", "Open a savings account"), pending.Purpose);
        Assert.DoesNotContain("tk+9", pending.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optional_form_members_and_language_are_left_out_when_not_given()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = Client(handler);

        await client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = Token(), CallbackUri = CallbackUri, Fields = [EMeField.EmailAddress], Form = new FormDetails("Newsletter"), Source = IAmSmartSource.PcBrowser },
            Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.EMe.Path).Single().Body);
        Assert.Equal(["openID", "accessToken", "businessID", "source", "redirectURI", "state", "eMEFields", "formName"], sent.Select(p => p.Key));
    }

    [Fact]
    public async Task Anonymous_eMe_initiate_sends_the_six_members_and_the_login_url_carries_the_ticket()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"anon-ticket-1"}""");
        var client = Client(handler);

        var pending = await client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [EMeField.MobileNumber, EMeField.PostalAddress], Form = new FormDetails("Claim", "C-7", "Insurance claim"), Language = IAmSmartLanguage.SimplifiedChinese },
            Ct);
        var login = client.FormFilling.CreateAnonymousLoginUrl(pending, CallbackUri, IAmSmartSource.PcBrowser);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.AnonymousEMe.Path).Single().Body);
        Assert.Equal(["businessID", "lang", "eMEFields", "formName", "formNum", "formDesc"], sent.Select(p => p.Key));
        Assert.Equal(pending.BusinessId, (string?)sent["businessID"]);
        Assert.Equal("zh-CN", (string?)sent["lang"]);
        Assert.Equal(IAmSmartFunctions.AnonymousEMe, pending.Function);
        Assert.Null(pending.AuthByQr);
        Assert.Equal("anon-ticket-1", pending.TicketId);
        Assert.Contains("ticketID=anon-ticket-1", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains("scope=eidapi_formFilling&", login.Url.Query, StringComparison.Ordinal);
        Assert.Null(await client.Operations.Store.GetAsync(pending.BusinessId, Ct)); // no callback comes: nothing waits
    }

    [Fact]
    public async Task Anonymous_completion_exchanges_the_code_then_gets_the_result_and_records_a_receipt()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.AnonymousEMe.Path, (_, _) => VectorClient.Success("""{"ticketID":"t-1"}"""))
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Success(
                """{"accessToken":"anon-tok","tokenType":"Bearer","issueAt":1,"expiresIn":600000,"openID":"anon-open","userType":"default","scope":"eidapi_formFilling"}"""))
            .OnJson(IAmSmartFunctions.AnonymousEMeResult.Path, (_, _) => VectorClient.Success(
                """{"businessID":"anon-b1","mobileNumber":{"CountryCode":"852","SubscriberNumber":"91234567"},"emailAddress":"not-asked@example.invalid"}"""));
        var client = Client(handler);
        var pending = await client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [EMeField.MobileNumber, EMeField.PostalAddress], Form = new FormDetails("Claim"), BusinessId = "anon-b1" }, Ct);
        var login = client.FormFilling.CreateAnonymousLoginUrl(pending, CallbackUri, IAmSmartSource.PcBrowser);
        _time.Advance(TimeSpan.FromMinutes(2));

        var result = await client.FormFilling.CompleteAnonymousEMeAsync(
            pending, AuthCallback.Parse($"?code=the-code&state={login.State}&businessID=anon-b1"), login.State, Ct);

        Assert.Equal("the-code", (string?)VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body)["code"]);
        var getResult = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.AnonymousEMeResult.Path).Single().Body);
        Assert.Equal(["accessToken", "openID"], getResult.Select(p => p.Key));
        Assert.Equal("anon-tok", (string?)getResult["accessToken"]);
        Assert.Equal("anon-open", (string?)getResult["openID"]);
        Assert.True(result.IsReleased);
        Assert.Equal("+85291234567", result.Data.MobileNumber!.ToE164());
        Assert.Null(result.Data.EmailAddress); // not asked for: dropped
        var receipt = Assert.Single(_sink.All);
        Assert.Same(result.Receipt, receipt);
        Assert.Equal(ConsentOutcome.Released, receipt.Outcome);
        Assert.Equal(["mobileNumber", "postalAddress"], receipt.FieldsRequested);
        Assert.Equal(["mobileNumber"], receipt.FieldsReleased);
        Assert.Equal(["emailAddress"], receipt.FieldsDiscarded);
        Assert.Equal(Start, receipt.RequestedAt);
        Assert.Equal(Start.AddMinutes(2), receipt.AnsweredAt);
        Assert.Equal(new StatedPurpose("Claim"), receipt.Purpose);
        Assert.Equal("<T=00000000000000000000000000000001>", receipt.TxId); // getResult's
    }

    [Theory]
    [InlineData("D40000", ConsentOutcome.Cancelled)]
    [InlineData("D40001", ConsentOutcome.Rejected)]
    [InlineData("D40003", ConsentOutcome.TimedOut)]
    [InlineData("D40002", ConsentOutcome.Failed)]
    public async Task Anonymous_refusal_in_the_redirect_is_a_result_with_a_receipt_and_no_further_call(string code, ConsentOutcome outcome)
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"t-1"}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("F") }, Ct);

        var result = await client.FormFilling.CompleteAnonymousEMeAsync(pending, AuthCallback.Parse($"?error_code={code}&state=s-1"), "s-1", Ct);

        Assert.Equal(outcome, result.Outcome);
        Assert.False(result.IsReleased);
        Assert.Equal(code, Assert.Single(_sink.All).Code);
        Assert.Empty(_sink.All.Single().FieldsReleased);
        Assert.Equal(0, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task Anonymous_redirect_with_another_state_or_businessID_is_refused_before_any_call()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"t-1"}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("F"), BusinessId = "b-1" }, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.CompleteAnonymousEMeAsync(pending, AuthCallback.Parse("?code=c&state=other"), "s-1", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.CompleteAnonymousEMeAsync(pending, AuthCallback.Parse("?code=c&state=s-1&businessID=b-2"), "s-1", Ct));

        Assert.Equal(0, handler.Count(IAmSmartFunctions.GetToken.Path));
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task Anonymous_getResult_refusal_code_is_a_result_not_an_exception()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.AnonymousEMeResult.Path, (_, _) => VectorClient.Failure("D60001", "rejected"));
        var client = Client(handler);
        var pending = new PendingDataRequest
        {
            Function = IAmSmartFunctions.AnonymousEMe, BusinessId = "b-9", TicketId = "t", RequestedFields = ["enName"], RequestedAt = Start,
        };

        var result = await client.FormFilling.GetAnonymousEMeResultAsync(pending, Token(), Ct);

        Assert.Equal(ConsentOutcome.Rejected, result.Outcome);
        Assert.Equal("D60001", result.Code);
        Assert.Equal("<T=00000000000000000000000000000002>", result.TxId);
    }

#pragma warning disable IAMSMART0001 // the test acknowledges that the synchronous profiles call is inferred
    [Fact]
    public async Task Synchronous_profiles_sends_both_lists_and_returns_the_data_at_once()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.Profiles.Path, """{"enName":{"UnstructuredName":"SAMPLE, Persona"},"gender":"F"}""");
        var client = Client(handler);

        var result = await client.FormFilling.GetProfilesAsync(
            new ProfilesRequest { AccessToken = Token("eidapi_auth eidapi_profiles"), ProfileFields = [ProfileField.EnName, ProfileField.Gender], EMeFields = [EMeField.EmailAddress] }, Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.Profiles.Path).Single().Body);
        Assert.Equal(["accessToken", "openID", "profileFields", "eMEFields"], sent.Select(p => p.Key));
        Assert.Equal(["emailAddress"], sent["eMEFields"]!.AsArray().Select(n => (string?)n));
        Assert.True(result.IsReleased);
        Assert.Equal("SAMPLE, Persona", result.Data.EnName!.UnstructuredName);
        Assert.Equal(IAmSmartFunctions.Profiles, result.Receipt.Function);
        Assert.Equal(["enName", "gender", "emailAddress"], result.Receipt.FieldsRequested);
        Assert.Equal(["enName", "gender"], result.Receipt.FieldsReleased);
        Assert.Equal("<T=00000000000000000000000000000001>", result.TxId);
    }

    [Fact]
    public async Task Synchronous_profiles_needs_eidapi_profiles_and_at_least_one_field()
    {
        var handler = new FakeIAmSmartHandler();
        var client = Client(handler);

        var scope = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.FormFilling.GetProfilesAsync(
            new ProfilesRequest { AccessToken = Token(), ProfileFields = [ProfileField.EnName] }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.GetProfilesAsync(new ProfilesRequest { AccessToken = Token("eidapi_profiles") }, Ct));

        Assert.Equal("D20012", scope.Code);
        Assert.Contains("eidapi_profiles", scope.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
#pragma warning restore IAMSMART0001

    [Fact]
    public async Task EMe_callback_gives_the_requested_data_drops_the_rest_and_records_the_receipt()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestEMeAsync(EMe(EMeField.EnName, EMeField.MobileNumber, EMeField.ResidentialAddress), Ct);
        var state = StateOf(handler.To(IAmSmartFunctions.EMe.Path).Single());
        _time.Advance(TimeSpan.FromSeconds(40));
        var payload = new JsonObject
        {
            ["businessID"] = pending.BusinessId,
            ["state"] = state,
            ["enName"] = new JsonObject { ["UnstructuredName"] = "SAMPLE, Persona" },
            ["residentialAddress"] = new JsonObject { ["FreeFormatAddress"] = new JsonObject { ["AddressLine1"] = "1 Sample Road" } },
            ["idNo"] = new JsonObject { ["Identification"] = "A123456", ["CheckDigit"] = "3" }, // never asked for
            ["chName"] = null,
        };

        var receipt = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(payload.ToJsonString(), wrapped: true)), Ct);
        var result = await client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(receipt.IsAcknowledged);
        Assert.True(result.IsReleased);
        Assert.Equal("SAMPLE, Persona", result.Data.EnName!.UnstructuredName);
        Assert.Equal("1 Sample Road", result.Data.ResidentialAddress!.FreeFormatAddress!.AddressLine1);
        Assert.Null(result.Data.IdNo);
        Assert.False(result.Data.Has(EMeField.IdNo));
        Assert.Null(result.Data.MobileNumber); // asked for, not sent: the user has none
        Assert.Equal(CallbackBuilder.TxId, result.TxId);
        var recorded = Assert.Single(_sink.All);
        Assert.Equal(IAmSmartFunctions.EMe, recorded.Function);
        Assert.Equal(pending.BusinessId, recorded.BusinessId);
        Assert.Equal(CallbackBuilder.TxId, recorded.TxId);
        Assert.Equal(["enName", "mobileNumber", "residentialAddress"], recorded.FieldsRequested);
        Assert.Equal(["enName", "residentialAddress"], recorded.FieldsReleased);
        Assert.Equal(["idNo"], recorded.FieldsDiscarded);
        Assert.Equal(new StatedPurpose("Account opening", "AO-01", "Open a savings account"), recorded.Purpose);
        Assert.Equal(Start, recorded.RequestedAt);
        Assert.Equal(Start.AddSeconds(40), recorded.AnsweredAt);
        Assert.Equal("D00000", recorded.Code);
    }

    [Theory]
    [InlineData("D60000", ConsentOutcome.Cancelled)]
    [InlineData("D60001", ConsentOutcome.Rejected)]
    [InlineData("D60002", ConsentOutcome.Failed)]
    [InlineData("D60003", ConsentOutcome.TimedOut)]
    [InlineData("D20000", ConsentOutcome.Failed)]
    public async Task EMe_refusal_callbacks_are_results_with_receipts(string code, ConsentOutcome outcome)
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);

        await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Failure(code, pending.BusinessId)), Ct);
        var result = await client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(outcome, result.Outcome);
        Assert.Null(result.Data);
        Assert.Equal(code, result.Code);
        var recorded = Assert.Single(_sink.All);
        Assert.Equal(outcome, recorded.Outcome);
        Assert.Empty(recorded.FieldsReleased);
    }

    [Theory]
    [InlineData("D50001", ConsentOutcome.Rejected)]
    [InlineData("D50002", ConsentOutcome.Failed)]
    [InlineData("D50003", ConsentOutcome.TimedOut)]
    public async Task Profile_refusal_callbacks_are_results_with_receipts(string code, ConsentOutcome outcome)
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.Profile.Path, """{"authByQR":true}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestProfileAsync(
            new ProfileRequest { AccessToken = Token(), CallbackUri = CallbackUri, Fields = [ProfileField.IdNo], Source = IAmSmartSource.PcBrowser }, Ct);

        await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Failure(code, pending.BusinessId)), Ct);
        var result = await client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(IAmSmartFunctions.Profile, Assert.Single(_sink.All).Function);
    }

    [Fact]
    public async Task No_callback_before_the_operation_expires_is_a_timed_out_result()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = Client(handler);
        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);
        _time.Advance(TimeSpan.FromMinutes(18));

        var result = await client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.Equal(ConsentOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Code);
        Assert.Equal(Start.AddMinutes(18), Assert.Single(_sink.All).AnsweredAt);
    }

    [Fact]
    public async Task Success_callback_whose_data_is_not_an_object_is_a_failed_result()
    {
        var client = Client(VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}"""));
        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);
        using var payload = System.Text.Json.JsonDocument.Parse("[1,2]");
        var callback = new IAmSmartCallback(CallbackStatus.Succeeded, "D00000", "<T=1>", pending.BusinessId, "s", payload.RootElement);

        var result = await client.FormFilling.ReadResultAsync(pending, callback, Ct);

        Assert.Equal(ConsentOutcome.Failed, result.Outcome);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task Callback_of_another_request_is_refused()
    {
        var client = Client(VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}"""));
        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);
        var other = new IAmSmartCallback(CallbackStatus.UserOutcome, "D60001", null, "someone-else", null, null, UserOutcome.Rejected);

        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.ReadResultAsync(pending, other, Ct));
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task Success_callback_without_businessID_or_state_is_rejected_and_the_request_stays_pending()
    {
        var client = Client(VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}"""));
        var pending = await client.FormFilling.RequestEMeAsync(EMe(), Ct);

        var noIds = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success("""{"enName":{"UnstructuredName":"X"}}""")), Ct);
        var noState = await client.Operations.AcceptCallbackAsync(
            Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(new JsonObject { ["businessID"] = pending.BusinessId, ["enName"] = new JsonObject { ["UnstructuredName"] = "X" } }.ToJsonString())), Ct);

        Assert.False(noIds.IsAcknowledged);
        Assert.False(noState.IsAcknowledged);
        Assert.Null(await client.Operations.GetResultAsync(pending.BusinessId, Ct));
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task Refused_initiate_removes_the_pending_operation()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.EMe.Path, (_, _) => VectorClient.Failure("D20008", "invalid e-service URL"));
        var client = Client(handler);

        await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.FormFilling.RequestEMeAsync(new EMeRequest
        {
            AccessToken = Token(), CallbackUri = CallbackUri, Fields = [EMeField.EnName], Form = new FormDetails("F"), BusinessId = "b-refused", Source = IAmSmartSource.PcBrowser,
        }, Ct));

        Assert.Null(await client.Operations.Store.GetAsync("b-refused", Ct));
    }

    [Fact]
    public async Task Pending_request_of_another_kind_is_refused_by_each_reader()
    {
        var client = Client(new FakeIAmSmartHandler());
        var anonymous = new PendingDataRequest { Function = IAmSmartFunctions.AnonymousEMe, BusinessId = "b", TicketId = "t", RequestedFields = ["enName"] };
        var withLogin = new PendingDataRequest { Function = IAmSmartFunctions.EMe, BusinessId = "b", RequestedFields = ["enName"] };

        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.WaitForResultAsync(anonymous, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.GetAnonymousEMeResultAsync(withLogin, Token(), Ct));
        Assert.Throws<ArgumentException>(() => client.FormFilling.CreateAnonymousLoginUrl(withLogin, CallbackUri));
    }

    [Fact]
    public async Task Waiting_for_a_request_this_store_never_held_is_an_error_not_a_time_out()
    {
        var client = Client(new FakeIAmSmartHandler());
        var elsewhere = new PendingDataRequest { Function = IAmSmartFunctions.EMe, BusinessId = "started-elsewhere", RequestedFields = ["enName"], RequestedAt = Start };

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.FormFilling.WaitForResultAsync(elsewhere, Ct));
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task Anonymous_user_who_never_comes_back_can_be_recorded_as_timed_out()
    {
        var client = Client(new FakeIAmSmartHandler());
        var pending = new PendingDataRequest { Function = IAmSmartFunctions.AnonymousEMe, BusinessId = "b", TicketId = "t", RequestedFields = ["enName"], RequestedAt = Start };
        _time.Advance(TimeSpan.FromMinutes(30));

        var result = await client.FormFilling.RecordTimedOutAsync(pending, Ct);

        Assert.Equal(ConsentOutcome.TimedOut, result.Outcome);
        Assert.Equal(Start.AddMinutes(30), Assert.Single(_sink.All).AnsweredAt);
    }

    [Fact]
    public async Task Released_data_reaches_no_log_line_and_no_description()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":false,"ticketID":"secret-ticket"}""");
        var options = VectorClient.Options();
        var client = IAmSmartClient.Create(options, handler, factory, _time, consentReceiptSink: new LoggingConsentReceiptSink(factory));
        var pending = await client.FormFilling.RequestEMeAsync(EMe(EMeField.EnName, EMeField.BirthDate), Ct);
        var state = StateOf(handler.To(IAmSmartFunctions.EMe.Path).Single());
        var payload = new JsonObject
        {
            ["businessID"] = pending.BusinessId,
            ["state"] = state,
            ["enName"] = new JsonObject { ["UnstructuredName"] = "PRIVATE, Person" },
            ["birthDate"] = "19991231",
            ["emailAddress"] = "private.person@example.invalid",
        };

        await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(payload.ToJsonString(), wrapped: true)), Ct);
        var result = await client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.True(result.IsReleased);
        Assert.Contains(logs.Entries, e => e.Id.Id == 30);
        Assert.Contains(logs.Entries, e => e.Id.Id == 31);
        string[] secrets = ["PRIVATE", "19991231", "private.person", "secret-ticket", "tok-0001", "open+id", state];
        var texts = logs.Entries.Select(e => e.Message).Concat([result.ToString(), result.Receipt.ToString(), pending.ToString(), result.Data.ToString()]);
        foreach (var text in texts)
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }
}
