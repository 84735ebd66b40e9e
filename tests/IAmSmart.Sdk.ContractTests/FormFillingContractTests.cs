using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Profile (contract §7.1), the synchronous profiles call (§7.2 [I]), e-ME (§8) and anonymous e-ME (§9.1) through
/// <c>client.FormFilling</c>. Each test builds its request from its sample, checks the typed answer against the response
/// sample (the released data against the official §9.2 sample) and the consent receipt recorded for it, and checks the
/// request WireMock logged against the request sample and the contract's field names.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class FormFillingContractTests(WireMockServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Profile_request_returns_the_sample_answer_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("profile-initiate");
        var expected = ContractData.Sample("responses/profile-initiate.json");

        var pending = await session.Client.FormFilling.RequestProfileAsync(ProfileRequest(sample), Cancel);

        AssertPendingAsSample(pending, IAmSmartFunctions.Profile, sample, "profileFields", expected);
        Assert.Null(pending.Purpose);
        var (_, sentState) = await StoredOperationAsync(session, pending, IAmSmartFunctions.Profile);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.Profile, WithState(sample, sentState), Profile);
        Assert.Empty(session.Receipts.All);
    }

    [Fact]
    public async Task EMe_request_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("eme-initiate");
        var expected = ContractData.Sample("responses/eme-initiate.json");

        var pending = await session.Client.FormFilling.RequestEMeAsync(EMeRequest(sample), Cancel);

        AssertPendingAsSample(pending, IAmSmartFunctions.EMe, sample, "eMEFields", expected);
        Assert.Equal(new StatedPurpose(Text(sample, "formName"), Text(sample, "formNum"), Text(sample, "formDesc")), pending.Purpose);
        var (_, sentState) = await StoredOperationAsync(session, pending, IAmSmartFunctions.EMe);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.EMe, WithState(sample, sentState), EMe);
    }

    [Fact]
    public async Task Anonymous_eMe_initiate_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-eme-initiate");
        var expected = ContractData.Sample("responses/anonymous-eme-initiate.json");

        var pending = await session.Client.FormFilling.RequestAnonymousEMeAsync(AnonymousEMeRequest(sample), Cancel);

        Assert.Equal(IAmSmartFunctions.AnonymousEMe, pending.Function);
        Assert.Equal(Text(sample, "businessID"), pending.BusinessId);
        Assert.Equal(expected["ticketID"]!.GetValue<string>(), pending.TicketId);
        Assert.Null(pending.AuthByQr);
        Assert.Null(pending.AppLink);
        Assert.Equal(Texts(sample, "eMEFields"), pending.RequestedFields);
        Assert.Equal(new StatedPurpose(Text(sample, "formName"), Text(sample, "formNum"), Text(sample, "formDesc")), pending.Purpose);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousEMe, sample, AnonymousEMe);
    }

    [Fact]
    public async Task Anonymous_eMe_getResult_releases_the_requested_fields_of_the_official_sample_with_a_receipt()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-eme-initiate");
        var released = ContractData.Sample("responses/anonymous-eme-getResult.json").AsObject();
        var pending = await session.Client.FormFilling.RequestAnonymousEMeAsync(AnonymousEMeRequest(sample), Cancel);
        var tokenSample = Sample("anonymous-getResult");

        var result = await session.Client.FormFilling.GetAnonymousEMeResultAsync(pending, FormFillingToken(tokenSample), Cancel);

        var requested = Texts(sample, "eMEFields");
        AssertReleased(result, session, pending, released, requested, ContractData.SuccessTxId("anonymous-eme-getResult"));
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.AnonymousEMe.Path, IAmSmartFunctions.AnonymousEMeResult.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[2], ContractData.GetKeyCek), tokenSample, AnonymousEMeResult);
    }

    [Fact]
    public async Task Anonymous_eMe_getResult_reads_every_field_of_the_official_sample_into_the_typed_model()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-eme-initiate");
        var released = ContractData.Sample("responses/anonymous-eme-getResult.json").AsObject();
        var everyField = released.Select(p => p.Key).ToArray();
        var request = AnonymousEMeRequest(sample);
        var pending = await session.Client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [.. everyField.Select(f => new EMeField(f))], Form = request.Form, Language = request.Language, BusinessId = request.BusinessId },
            Cancel);

        var result = await session.Client.FormFilling.GetAnonymousEMeResultAsync(pending, FormFillingToken(Sample("anonymous-getResult")), Cancel);

        AssertReleased(result, session, pending, released, everyField, ContractData.SuccessTxId("anonymous-eme-getResult"));
        var data = result.Data!;
        Assert.Equal(Text(released["idNo"]!.AsObject(), "Identification"), data.IdNo!.Identification);
        Assert.Equal(Text(released["idNo"]!.AsObject(), "CheckDigit"), data.IdNo.CheckDigit);
        // Hkid is the validated number only when the sample's check digit is right; the official sample's is not
        // (A123456's is 3, it sends "A"), so the raw parts are kept and Hkid is null (docs/form-filling.md).
        var checkDigitIsValid = HkidNumber.ComputeCheckDigit(data.IdNo.Identification!).ToString() == data.IdNo.CheckDigit;
        Assert.Equal(checkDigitIsValid, data.Hkid is not null);
        Assert.Equal(Text(released, "prefix"), data.Prefix);
        Assert.Equal(Text(released, "chNameVerified"), data.ChNameVerified);
        Assert.Equal(Text(released, "birthDate"), data.BirthDate);
        Assert.Equal(DateOnly.ParseExact(Text(released, "birthDate"), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), data.DateOfBirth);
        Assert.Equal(Text(released, "gender"), data.Gender);
        Assert.Equal(Text(released, "maritalStatus"), data.MaritalStatus);
        Assert.Equal(Text(released["homeTelNumber"]!.AsObject(), "CountryCode"), data.HomeTelNumber!.CountryCode);
        Assert.Equal(Text(released["homeTelNumber"]!.AsObject(), "SubscriberNumber"), data.HomeTelNumber.SubscriberNumber);
        Assert.Equal(Text(released, "educationLevel"), data.EducationLevel);
        var chi = released["residentialAddress"]!["ChiPremisesAddress"]!;
        var address = data.ResidentialAddress!.ChiPremisesAddress!;
        Assert.Equal(chi["Region"]!.GetValue<string>(), address.Region);
        Assert.Equal(chi["ChiDistrict"]!["DcDistrict"]!.GetValue<string>(), address.ChiDistrict!.DcDistrict);
        Assert.Equal(chi["ChiDistrict"]!["Sub-district"]!.GetValue<string>(), address.ChiDistrict.SubDistrict);
        Assert.Equal(chi["BuildingName"]!.GetValue<string>(), address.BuildingName);
        Assert.Equal(chi["Chi3dAddress"]!["ChiFloor"]!["FloorNum"]!.GetValue<string>(), address.Chi3dAddress!.ChiFloor!.FloorNum);
        var postBox = released["postalAddress"]!["PostBoxAddress"]!["EngPostBox"]!;
        Assert.Equal(postBox["PoBoxNo"]!.ToJsonString(), data.PostalAddress!.PostBoxAddress!.EngPostBox!.PoBoxNo);
        Assert.Equal(postBox["PostOffice"]!.GetValue<string>(), data.PostalAddress.PostBoxAddress.EngPostBox.PostOffice);
    }

    [Fact]
    public async Task Anonymous_eMe_from_ticket_to_result_logs_in_with_the_ticket_and_uses_the_login_token_for_getResult()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-eme-initiate");
        var token = ContractData.Sample("responses/getToken.json");
        var redirectUri = new Uri("https://rp.example/iamsmart/anonymous-eme");
        var pending = await session.Client.FormFilling.RequestAnonymousEMeAsync(AnonymousEMeRequest(sample), Cancel);

        // The browser goes to the ticket login and comes back with a code, the state and the businessID (contract §9.1).
        var login = session.Client.FormFilling.CreateAnonymousLoginUrl(pending, redirectUri, new IAmSmartSource("PC_Browser"));
        var query = System.Web.HttpUtility.ParseQueryString(login.Url.Query);
        Assert.Equal(pending.TicketId, query["ticketID"]);
        Assert.Equal(string.Join(' ', IAmSmartFormFillingClient.AnonymousEMeLoginScopes.Select(s => s.Value)), query["scope"]);
        Assert.Equal(login.State, query["state"]);
        Assert.Equal(redirectUri.AbsoluteUri, query["redirectURI"]);
        Assert.Equal(ContractData.ClientId, query["clientID"]);
        var code = "ct+" + Guid.NewGuid().ToString("N")[..12] + "/=";
        var redirect = AuthCallback.Parse(
            $"?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(login.State)}&businessID={Uri.EscapeDataString(pending.BusinessId)}");
        var result = await session.Client.FormFilling.CompleteAnonymousEMeAsync(pending, redirect, login.State, Cancel);

        AssertReleased(
            result, session, pending, ContractData.Sample("responses/anonymous-eme-getResult.json").AsObject(), Texts(sample, "eMEFields"),
            ContractData.SuccessTxId("anonymous-eme-getResult"));
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.AnonymousEMe.Path, IAmSmartFunctions.GetToken.Path, IAmSmartFunctions.AnonymousEMeResult.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        var sent = journal.Select(r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek)).ToList();
        AssertSentAsContracted(sent[1], sample, AnonymousEMe);
        Assert.Equal(code, sent[2]["code"]!.GetValue<string>());
        var tokenSent = new JsonObject { ["accessToken"] = token["accessToken"]!.DeepClone(), ["openID"] = token["openID"]!.DeepClone() };
        AssertSentAsContracted(sent[3], tokenSent, AnonymousEMeResult);
    }

    [Fact]
    public async Task A_refusal_in_the_anonymous_redirect_is_a_result_and_no_token_is_asked_for()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-eme-initiate");
        var pending = await session.Client.FormFilling.RequestAnonymousEMeAsync(AnonymousEMeRequest(sample), Cancel);
        var login = session.Client.FormFilling.CreateAnonymousLoginUrl(pending, new Uri("https://rp.example/iamsmart/anonymous-eme"), new IAmSmartSource("PC_Browser"));

        // The user refused the form-filling request in the app (D60001, contract §10.1).
        var redirect = AuthCallback.Parse($"?error_code=D60001&state={Uri.EscapeDataString(login.State)}&businessID={Uri.EscapeDataString(pending.BusinessId)}");
        var result = await session.Client.FormFilling.CompleteAnonymousEMeAsync(pending, redirect, login.State, Cancel);

        Assert.Equal(ConsentOutcome.Rejected, result.Outcome);
        Assert.False(result.IsReleased);
        Assert.Null(result.Data);
        Assert.Equal("D60001", result.Code);
        var receipt = Assert.Single(session.Receipts.All);
        Assert.Same(result.Receipt, receipt);
        Assert.Equal(ConsentOutcome.Rejected, receipt.Outcome);
        Assert.Equal(Texts(sample, "eMEFields"), receipt.FieldsRequested);
        Assert.Empty(receipt.FieldsReleased);
        Assert.Equal([IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.AnonymousEMe.Path], (await session.JournalAsync()).Select(r => r.Path["/api/v1/".Length..]));
    }

    [Fact]
    public async Task Profiles_releases_the_sample_profile_and_drops_the_field_not_asked_for()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("profiles");
        var released = ContractData.Sample("responses/profiles.json").AsObject();

#pragma warning disable IAMSMART0001 // profiles is inferred from one implementation (contract §7.2 [I]); the contract test exercises it on purpose.
        var result = await session.Client.FormFilling.GetProfilesAsync(ProfilesRequest(sample), Cancel);
#pragma warning restore IAMSMART0001

        // The sample answers chNameVerified although profileFields does not ask for it: the SDK keeps only what was asked for.
        AssertReleased(result, session, pendingOrNull: null, released, Texts(sample, "profileFields"), ContractData.SuccessTxId("profiles"), IAmSmartFunctions.Profiles);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.Profiles, sample, Profiles);
    }

    [Fact]
    public async Task An_eMe_callback_read_with_ReadResultAsync_releases_the_requested_fields_with_a_receipt()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("eme-initiate");
        var pending = await session.Client.FormFilling.RequestEMeAsync(EMeRequest(sample), Cancel);
        var fixture = ContractData.Callback("eme-result");
        var callback = await session.Client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(fixture["body"]!.ToJsonString()), Cancel);

        var result = await session.Client.FormFilling.ReadResultAsync(pending, callback, Cancel);

        var payload = ContractData.Sample(Text(fixture, "payloadSample")["samples/".Length..])["content"]!.AsObject();
        AssertReleased(result, session, pending, payload, Texts(sample, "eMEFields"), Text(fixture["body"]!.AsObject(), "txID"));
    }

    [Fact]
    public async Task An_address_proof_asked_for_one_end_user_as_multipart_is_read_as_in_addendum_A6_1()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("eme-initiate");
        sample["eMEFields"] = new JsonArray("addressDocInfo", "addressDocFile");
        sample["callbackContentType"] = "multipart/form-data";
        var user = session.Client.ForEndUser(System.Net.IPAddress.Parse("198.51.100.23"));
        var fromSample = EMeRequest(sample);
        var pending = await user.FormFilling.RequestEMeAsync(
            new EMeRequest
            {
                AccessToken = fromSample.AccessToken,
                CallbackUri = fromSample.CallbackUri,
                Fields = fromSample.Fields,
                Form = fromSample.Form,
                Source = fromSample.Source,
                Language = fromSample.Language,
                BusinessId = fromSample.BusinessId,
                CallbackContentType = FormFillingCallbackContentType.MultipartFormData,
            },
            Cancel);

        // The request: the sample with both fields and the option, signed over the body without the end-user header.
        var (_, sentState) = await StoredOperationAsync(session, pending, IAmSmartFunctions.EMe);
        var journal = await session.JournalAsync();
        AssertSentOnce(journal, IAmSmartFunctions.EMe, WithState(sample, sentState), EMe);
        Assert.Equal("198.51.100.23", journal[1].Header("x-forwarded-for"));
        Assert.False(journal[0].Headers.ContainsKey("x-forwarded-for")); // getKey is client-wide

        var fixture = ContractData.Callback("eme-address-proof-result");
        var callback = await session.Client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(fixture["body"]!.ToJsonString()), Cancel);
        var result = await session.Client.FormFilling.ReadResultAsync(pending, callback, Cancel);

        var payload = ContractData.Sample(Text(fixture, "payloadSample")["samples/".Length..])["content"]!.AsObject();
        AssertReleased(result, session, pending, payload, ["addressDocInfo", "addressDocFile"], Text(fixture["body"]!.AsObject(), "txID"));
        var info = result.Data!.AddressDocInfo!;
        var file = result.Data.AddressDocFile!;
        Assert.Equal(Text(payload["addressDocInfo"]!.AsObject(), "enUserName"), info.EnUserName);
        Assert.Equal(4, info.TcServiceAddress!.Lines.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(payload["addressDocInfo"]!["lastRetrievalDate"]!.GetValue<long>()), info.LastRetrievedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(payload["addressDocFile"]!["billDate"]!.GetValue<long>()), file.BilledAt);
        Assert.True(file.VerifyDocHash());
        using var pdf = new MemoryStream();
        await file.CopyToAsync(pdf, Cancel);
        Assert.Equal(Convert.FromBase64String(Text(payload["addressDocFile"]!.AsObject(), "docFile")), pdf.ToArray());
    }

    private static void AssertPendingAsSample(PendingDataRequest pending, IAmSmartFunction operation, JsonObject sample, string fieldsName, JsonNode expected)
    {
        Assert.Equal(operation, pending.Function);
        Assert.Equal(Text(sample, "businessID"), pending.BusinessId);
        Assert.Equal(expected["authByQR"]!.GetValue<bool>(), pending.AuthByQr);
        Assert.Equal(expected["ticketID"]?.GetValue<string>(), pending.TicketId);
        Assert.Equal(pending.TicketId is not null, pending.AppLink is not null);
        if (pending.TicketId is { } ticket)
        {
            Assert.Contains("ticketID=" + Uri.EscapeDataString(ticket), pending.AppLink!.Query, StringComparison.Ordinal);
        }

        Assert.Equal(Texts(sample, fieldsName), pending.RequestedFields);
    }

    // The SDK starts the operation itself, with the sample's businessID and a state of its own (unguessable, not the
    // caller's). The store keeps only a keyed hash of it (issue 13), so the state sent is read from the journal: it is
    // well-formed, and nowhere in the store in clear.
    private static async Task<(PendingOperation Operation, string State)> StoredOperationAsync(ContractSession session, PendingDataRequest pending, IAmSmartFunction kind)
    {
        var operation = await session.Client.Operations.Store.GetAsync(pending.BusinessId, Cancel);
        Assert.NotNull(operation);
        Assert.Equal(kind.Kind, operation.Kind);
        Assert.Null(operation.Completion);
        var sent = (await session.JournalAsync()).Last(r => !r.IsFor(IAmSmartFunctions.GetKey.Path));
        var state = Text(RequestJournal.AssertHonoursContract(sent, ContractData.GetKeyCek), "state");
        Assert.True(Auth.IAmSmartState.IsWellFormed(state));
        Assert.Empty(operation.State);
        Assert.DoesNotContain(state, operation.StateHash!, StringComparison.Ordinal);
        return (operation, state);
    }

    private static JsonObject WithState(JsonObject sample, string state)
    {
        var expected = sample.DeepClone().AsObject();
        expected["state"] = state;
        return expected;
    }

    /// <summary>
    /// The result is Released with exactly the requested fields of <paramref name="released"/> (the official sample),
    /// read into the typed model with nothing left over, and the receipt handed to the sink says so, field names only.
    /// </summary>
    private static void AssertReleased(
        DataRequestResult result,
        ContractSession session,
        PendingDataRequest? pendingOrNull,
        JsonObject released,
        string[] requested,
        string txId,
        IAmSmartFunction? operation = null)
    {
        Assert.True(result.IsReleased, $"not released: {result}");
        Assert.Equal(ReturnCodes.Success, result.Code);
        Assert.Equal(txId, result.TxId);

        var data = result.Data!;
        Assert.Empty(data.MalformedMembers);
        Assert.True(data.AdditionalMembers is null || data.AdditionalMembers.Count == 0, $"members the model does not know: {data}");
        var written = JsonNode.Parse(data.ToJson())!.AsObject();
        var dataFields = written.Select(p => p.Key).Where(k => k is not "businessID" and not "state").ToList();
        var expectedReleased = released.Select(p => p.Key).Where(requested.Contains).ToList();
        Assert.Equal(expectedReleased.Order(StringComparer.Ordinal), dataFields.Order(StringComparer.Ordinal));
        foreach (var field in expectedReleased)
        {
            Assert.True(SameData(released[field], written[field]), $"'{field}' was read as {written[field]?.ToJsonString()}; the sample has {released[field]?.ToJsonString()}.");
            Assert.True(data.Has(new EMeField(field)));
        }

        if (released["enName"] is { } enName && requested.Contains("enName"))
        {
            Assert.Equal(enName["UnstructuredName"]!.GetValue<string>(), data.EnName!.UnstructuredName);
        }

        if (released["chName"] is { } chName && requested.Contains("chName"))
        {
            Assert.Equal(chName["ChineseName"]!.GetValue<string>(), data.ChName!.ChineseName);
        }

        if (released["emailAddress"] is { } email && requested.Contains("emailAddress"))
        {
            Assert.Equal(email.GetValue<string>(), data.EmailAddress);
        }

        var receipt = Assert.Single(session.Receipts.All);
        Assert.Same(result.Receipt, receipt);
        Assert.Equal(ConsentOutcome.Released, receipt.Outcome);
        Assert.Equal(operation ?? pendingOrNull!.Function, receipt.Function);
        Assert.Equal(txId, receipt.TxId);
        Assert.Equal(ReturnCodes.Success, receipt.Code);
        Assert.Equal(requested, receipt.FieldsRequested);
        Assert.Equal(requested.Where(expectedReleased.Contains), receipt.FieldsReleased);
        Assert.Equal(released.Select(p => p.Key).Where(k => !requested.Contains(k) && k is not "businessID" and not "state"), receipt.FieldsDiscarded);
        if (pendingOrNull is { } pending)
        {
            Assert.Equal(pending.BusinessId, receipt.BusinessId);
            Assert.Equal(pending.Purpose, receipt.Purpose);
            Assert.Equal(pending.RequestedAt, receipt.RequestedAt);
        }

        Assert.True(receipt.AnsweredAt >= receipt.RequestedAt);
    }

    // The same JSON, except that a number in the sample may be read as its text: the model keeps PoBoxNo as a string
    // (docs/form-filling.md, "read either way, written as a string").
    private static bool SameData(JsonNode? expected, JsonNode? actual)
        => (expected, actual) switch
        {
            (JsonObject e, JsonObject a) => e.Count == a.Count && e.All(p => a.ContainsKey(p.Key) && SameData(p.Value, a[p.Key])),
            (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => SameData(p.First, p.Second)),
            (JsonValue e, JsonValue a) when e.GetValueKind() == System.Text.Json.JsonValueKind.Number && a.TryGetValue<string>(out var text) => e.ToJsonString() == text,
            _ => JsonNode.DeepEquals(expected, actual),
        };

    // getKey, then the function once: signed over the exact logged body, and its content the sample with the contract's names.
    private static void AssertSentOnce(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction operation, JsonObject sample, ContractFields fields)
    {
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek), sample, fields);
        Assert.Equal(200, journal[1].ResponseStatus);
    }
}
