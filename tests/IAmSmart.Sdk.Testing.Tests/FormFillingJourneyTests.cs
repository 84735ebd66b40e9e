using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// Every persona through profile, e-ME and anonymous e-ME with the SDK's form-filling client: the released data is
/// compared with everything the persona holds, refusals and time-outs are results, and each request leaves a receipt.
/// </summary>
public sealed class FormFillingJourneyTests
{
    private static readonly FormDetails Form = new("Savings account opening", "SAO-2026", "Open a savings account with the simulated bank");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] AllEMeFields = [.. EMeField.Known.Select(f => f.Value)];

    private static readonly string[] AllProfileFields = [.. ProfileField.Known.Select(f => f.Value)];

    public static TheoryData<string> PersonaIds() => new(SimulatorPersonas.All.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(PersonaIds))]
    public async Task EMe_with_login_releases_every_field_the_persona_holds_or_reports_its_refusal(string personaId)
    {
        using var journey = new FormFillingJourney();
        var persona = journey.Sim.Simulator.GetPersona(personaId);
        var token = await journey.LoginAsync(persona);

        var pending = await journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = EMeField.Known, Form = Form, Source = IAmSmartSource.PcBrowser }, Ct);
        await journey.AnswerAsync(persona);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.True(Assert.Single(journey.CallbackReceipts).IsAcknowledged);
        AssertResult(persona, result, AllEMeFields, IAmSmartFunctions.EMe, cancelled: (ConsentOutcome.Cancelled, "D60000"), rejected: "D60001", timedOut: "D60003");
        AssertReceipt(journey, result, pending, AllEMeFields, new StatedPurpose(Form.Name, Form.Number, Form.Description));
    }

    [Theory]
    [MemberData(nameof(PersonaIds))]
    public async Task Profile_with_login_releases_every_profile_field_the_persona_holds_or_reports_its_refusal(string personaId)
    {
        using var journey = new FormFillingJourney();
        var persona = journey.Sim.Simulator.GetPersona(personaId);
        var token = await journey.LoginAsync(persona);

        var pending = await journey.Client.FormFilling.RequestProfileAsync(
            new ProfileRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = ProfileField.Known, Source = IAmSmartSource.IosSafari }, Ct);
        await journey.AnswerAsync(persona);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.False(pending.AuthByQr);
        Assert.StartsWith("hk.gov.iamsmart.testapp://profile?ticketID=", pending.AppLink!.OriginalString, StringComparison.Ordinal);

        // The simulator, like iAM Smart, has no "cancelled" code for a profile: a cancel is reported as a rejection.
        AssertResult(persona, result, AllProfileFields, IAmSmartFunctions.Profile, cancelled: (ConsentOutcome.Rejected, "D50001"), rejected: "D50001", timedOut: "D50003");
        AssertReceipt(journey, result, pending, AllProfileFields, purpose: null);
    }

    [Theory]
    [MemberData(nameof(PersonaIds))]
    public async Task Anonymous_eMe_releases_every_field_the_persona_holds_or_reports_its_refusal(string personaId)
    {
        using var journey = new FormFillingJourney();
        var persona = journey.Sim.Simulator.GetPersona(personaId);
        var pending = await journey.Client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = EMeField.Known, Form = Form, Language = IAmSmartLanguage.English }, Ct);
        var login = journey.Client.FormFilling.CreateAnonymousLoginUrl(pending, Sim.Callback, IAmSmartSource.PcBrowser, language: IAmSmartLanguage.English);

        // The persona's own behaviour decides on the login page: approve, reject, cancel or time out.
        var redirect = journey.Sim.Simulator.Authorize(login.Url, persona.Id);
        var result = await journey.Client.FormFilling.CompleteAnonymousEMeAsync(pending, AuthCallback.Parse(redirect.Location!.Query), login.State, Ct);

        // A rejected login comes back in the persona's denial shape (addendum §A3.5, §A9); each is a rejection.
        var rejected = persona.LoginDenial switch { LoginDenial.StateOnly => null, LoginDenial.D20001 => "D20001", _ => "D40001" };
        AssertResult(persona, result, AllEMeFields, IAmSmartFunctions.AnonymousEMe, cancelled: (ConsentOutcome.Cancelled, "D40000"), rejected: rejected, timedOut: "D40003", anonymous: true);
        AssertReceipt(journey, result, pending, AllEMeFields, new StatedPurpose(Form.Name, Form.Number, Form.Description));
    }

    [Fact]
    public async Task The_persona_with_every_field_releases_all_twenty_two_eMe_fields()
    {
        using var journey = new FormFillingJourney();
        var persona = SimulatorPersonas.WongKaYan;
        var token = await journey.LoginAsync(persona);

        var pending = await journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = EMeField.Known, Form = Form, Source = IAmSmartSource.PcBrowser }, Ct);
        await journey.AnswerAsync(persona);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.Equal(AllEMeFields, result.Receipt.FieldsReleased);
        Assert.True(result.IsReleased);
        Assert.Equal(persona.Identification, result.Data.Hkid!.Identifier);
        Assert.Equal(persona.CheckDigit, result.Data.Hkid.CheckDigit.ToString());
        Assert.True(result.Data.AddressDocFile!.VerifyDocHash());
        Assert.Equal(new DateOnly(1992, 7, 4), result.Data.DateOfBirth);
        Assert.Equal("+85291230002", result.Data.MobileNumber!.ToE164());
        Assert.Equal("10001", result.Data.PostalAddress!.PostBoxAddress!.EngPostBox!.PoBoxNo);
    }

    [Fact]
    public async Task Only_the_fields_asked_for_are_released()
    {
        using var journey = new FormFillingJourney();
        var token = await journey.LoginAsync(SimulatorPersonas.WongKaYan);

        var pending = await journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = [EMeField.EmailAddress, EMeField.PostalAddress], Form = Form, Source = IAmSmartSource.PcBrowser }, Ct);
        await journey.AnswerAsync(SimulatorPersonas.WongKaYan);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.Equal(["emailAddress", "postalAddress"], result.Receipt.FieldsReleased);
        Assert.Equal("wong.kayan@example.com", result.Data!.EmailAddress);
        Assert.Null(result.Data.IdNo);
        Assert.Null(result.Data.EnName);
    }

    [Fact]
    public async Task No_callback_in_18_minutes_is_a_timed_out_result_with_a_receipt()
    {
        // With the simulator's default 18-minute user time-out, its D60003 callback comes when the operation has expired.
        using var journey = new FormFillingJourney(o => o.UserTimeout = TimeSpan.FromMinutes(18));
        var token = await journey.LoginAsync(SimulatorPersonas.TimesOut);
        var pending = await journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = [EMeField.EnName], Form = Form, Source = IAmSmartSource.PcBrowser }, Ct);

        journey.Sim.Clock.Advance(TimeSpan.FromMinutes(18));
        await journey.Sim.Simulator.DeliverDueCallbacksAsync(Ct);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.False(Assert.Single(journey.CallbackReceipts).IsAcknowledged); // too late: the operation had expired
        Assert.Equal(ConsentOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Code);
        Assert.Equal(ConsentOutcome.TimedOut, Assert.Single(journey.Receipts.All).Outcome);
    }

    [Fact]
    public async Task Bare_callback_content_is_read_as_well_as_the_wrapped_one()
    {
        using var journey = new FormFillingJourney(o => o.CallbackContentShape = CallbackContentShape.Bare);
        var token = await journey.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var pending = await journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = [EMeField.EnName], Form = Form, Source = IAmSmartSource.PcBrowser }, Ct);
        await journey.AnswerAsync(SimulatorPersonas.ChanTaiMan);

        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.Equal("CHAN, Tai Man", result.Data!.EnName!.UnstructuredName);
    }

    [Fact]
    public async Task Scope_missing_from_the_login_fails_before_the_simulator_is_asked()
    {
        using var journey = new FormFillingJourney();
        var token = await journey.LoginAsync(SimulatorPersonas.ChanTaiMan, "eidapi_auth");

        var error = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => journey.Client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = [EMeField.EnName], Form = Form, Source = IAmSmartSource.PcBrowser }, Ct));

        Assert.Equal("D20012", error.Code);
        Assert.Equal(0, journey.Sim.Simulator.PendingCallbackCount);
        Assert.Empty(journey.Sim.Simulator.Callbacks.Delivered);
    }

#pragma warning disable IAMSMART0001 // the test acknowledges that the synchronous profiles call is inferred
    [Fact]
    public async Task Synchronous_profiles_returns_the_persona_data_at_once()
    {
        using var journey = new FormFillingJourney();
        var persona = SimulatorPersonas.ChanTaiMan;
        var token = await journey.LoginAsync(persona);

        var result = await journey.Client.FormFilling.GetProfilesAsync(
            new ProfilesRequest { AccessToken = token, ProfileFields = ProfileField.Known, EMeFields = [EMeField.MobileNumber] }, Ct);

        AssertReleasedEverything(persona, result, [.. AllProfileFields, "mobileNumber"]);
        Assert.Equal(IAmSmartFunctions.Profiles, Assert.Single(journey.Receipts.All).Function);
    }
#pragma warning restore IAMSMART0001

    private static void AssertResult(
        SimulatorPersona persona,
        DataRequestResult result,
        string[] requested,
        IAmSmartFunction operation,
        (ConsentOutcome Outcome, string Code) cancelled,
        string? rejected,
        string timedOut,
        bool anonymous = false)
    {
        Assert.Equal(operation, result.Receipt.Function);
        switch (persona.Behaviour.Action)
        {
            case UserAction.Approve:
                Assert.Equal("D00000", result.Code);
                AssertReleasedEverything(persona, result, requested);
                if (!anonymous)
                {
                    Assert.NotNull(result.TxId);
                }

                break;
            case UserAction.Cancel:
                AssertRefused(result, cancelled.Outcome, cancelled.Code);
                break;
            case UserAction.Reject:
                AssertRefused(result, ConsentOutcome.Rejected, rejected);
                break;
            case UserAction.TimeOut:
                AssertRefused(result, ConsentOutcome.TimedOut, timedOut);
                break;
            default:
                Assert.Fail($"Unexpected behaviour {persona.Behaviour.Action}.");
                break;
        }
    }

    private static void AssertRefused(DataRequestResult result, ConsentOutcome outcome, string? code)
    {
        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.Code);
        Assert.False(result.IsReleased);
        Assert.Null(result.Data);
        Assert.Empty(result.Receipt.FieldsReleased);
    }

    /// <summary>The released data holds exactly the persona's values of the requested fields, read through the same model.</summary>
    private static void AssertReleasedEverything(SimulatorPersona persona, DataRequestResult result, string[] requested)
    {
        Assert.Equal(ConsentOutcome.Released, result.Outcome);
        Assert.True(result.IsReleased);
        var held = persona.CreateData();
        var expectedNames = requested.Where(name => held[name] is not null).ToArray();
        Assert.Equal(expectedNames, result.Receipt.FieldsReleased);
        Assert.Empty(result.Receipt.FieldsDiscarded);

        var expected = new JsonObject();
        foreach (var name in expectedNames)
        {
            expected[name] = held[name]!.DeepClone();
            Assert.True(result.Data.Has(new EMeField(name)), $"{persona.Id}: {name} missing");
        }

        foreach (var name in requested.Except(expectedNames))
        {
            Assert.False(result.Data.Has(new EMeField(name)), $"{persona.Id}: {name} should be absent");
        }

        var actual = JsonNode.Parse(result.Data.ToJson())!.AsObject();
        actual.Remove("businessID");
        actual.Remove("state");
        var normalizedExpected = JsonNode.Parse(EMeData.Parse(expected.ToJsonString()).ToJson());
        Assert.True(JsonNode.DeepEquals(normalizedExpected, actual), $"{persona.Id}: released data differs from the persona's");
        Assert.Empty(result.Data.MalformedMembers);
        Assert.True(result.Data.AdditionalMembers is null || result.Data.AdditionalMembers.Count == 0);

        // And the raw text of every plain member, not only through the model.
        foreach (var name in expectedNames.Where(n => held[n] is JsonValue))
        {
            Assert.Equal(held[name]!.ToString(), actual[name]!.ToString());
        }

        if (expectedNames.Contains("idNo"))
        {
            Assert.Equal($"{persona.Identification}{persona.CheckDigit}", result.Data.Hkid!.FormatCompact());
        }
    }

    private static void AssertReceipt(FormFillingJourney journey, DataRequestResult result, PendingDataRequest pending, string[] requested, StatedPurpose? purpose)
    {
        var receipt = Assert.Single(journey.Receipts.All);
        Assert.Same(result.Receipt, receipt);
        Assert.Equal(pending.BusinessId, receipt.BusinessId);
        Assert.Equal(requested, receipt.FieldsRequested);
        Assert.Equal(purpose, receipt.Purpose);
        Assert.Equal(pending.RequestedAt, receipt.RequestedAt);
        Assert.True(receipt.AnsweredAt >= receipt.RequestedAt);
        Assert.Equal(journey.Sim.Clock.GetUtcNow(), receipt.AnsweredAt);
    }
}
