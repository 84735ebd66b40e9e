using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Testing.Consent;
using IAmSmart.Sdk.Tests.FormFilling;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Tests.Consent;

public sealed class ConsentTests
{
    private static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Each_function_names_its_scope_and_whether_that_is_inferred()
    {
        Assert.Equal(IAmSmartScope.FormFilling, IAmSmartFunctions.Profile.RequiredScope);
        Assert.True(IAmSmartFunctions.Profile.IsScopeInferred);
        Assert.Equal(IAmSmartScope.FormFilling, IAmSmartFunctions.EMe.RequiredScope);
        Assert.Equal(IAmSmartScope.Profiles, IAmSmartFunctions.Profiles.RequiredScope);
        Assert.Equal(IAmSmartScope.Sign, IAmSmartFunctions.HashSigning.RequiredScope);
        Assert.False(IAmSmartFunctions.HashSigning.IsScopeInferred);
    }

    // Contract §6 / addendum §A1.4: eidapi_fr is "Re-authentication with Service Login" (documented for CorpID, so [I]).
    [Fact]
    public void Re_authentication_needs_eidapi_fr_and_a_login_only_token_is_not_granted()
    {
        var loginOnly = DataRequestTests.Token("eidapi_auth");
        var reAuth = DataRequestTests.Token("eidapi_auth eidapi_fr");

        Assert.Equal(IAmSmartScope.ReAuthentication, IAmSmartFunctions.StepUp.RequiredScope);
        Assert.Equal("eidapi_fr", IAmSmartFunctions.StepUp.RequiredScope!.Value.Value);
        Assert.True(IAmSmartFunctions.StepUp.IsScopeInferred);
        Assert.False(ConsentPreflight.IsGranted(loginOnly, IAmSmartFunctions.StepUp));
        Assert.True(ConsentPreflight.IsGranted(reAuth, IAmSmartFunctions.StepUp));
        var error = Assert.Throws<IAmSmartConfigurationException>(() => ConsentPreflight.EnsureGranted(loginOnly, IAmSmartFunctions.StepUp));
        Assert.Contains("eidapi_fr", error.Message, StringComparison.Ordinal);
        Assert.Contains("inferred", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_flight_is_reusable_for_any_feature()
    {
        var loginOnly = DataRequestTests.Token("eidapi_auth");
        var signer = DataRequestTests.Token("eidapi_auth eidapi_sign");

        Assert.False(ConsentPreflight.IsGranted(loginOnly, IAmSmartFunctions.HashSigning));
        Assert.True(ConsentPreflight.IsGranted(signer, IAmSmartFunctions.HashSigning));
        var error = Assert.Throws<IAmSmartConfigurationException>(() => ConsentPreflight.EnsureGranted(loginOnly, IAmSmartFunctions.HashSigning));
        Assert.Equal(ConsentPreflight.MissingScopeCode, error.Code);
        Assert.Contains("eidapi_sign", error.Message, StringComparison.Ordinal);
        Assert.Contains("no call was made", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("inferred", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_missing_scope_message_names_the_route_so_an_app_variant_is_told_from_its_web_function()
    {
        var loginOnly = DataRequestTests.Token("eidapi_auth");

        var web = Assert.Throws<IAmSmartConfigurationException>(() => ConsentPreflight.EnsureGranted(loginOnly, IAmSmartFunctions.HashSigning));
        var app = Assert.Throws<IAmSmartConfigurationException>(() => ConsentPreflight.EnsureGranted(loginOnly, IAmSmartFunctions.AppHashSigning));

        Assert.Contains($" {IAmSmartFunctions.HashSigning.Route} needs", web.Message, StringComparison.Ordinal);
        Assert.Contains($" {IAmSmartFunctions.AppHashSigning.Route} needs", app.Message, StringComparison.Ordinal);
        Assert.NotEqual(web.Message, app.Message);
    }

    [Fact]
    public void Scopes_are_case_sensitive()
        => Assert.False(ConsentPreflight.IsGranted(DataRequestTests.Token("eidapi_formfilling"), IAmSmartFunctions.EMe));

    [Fact]
    public async Task Profile_and_eMe_without_the_form_filling_scope_fail_at_once_with_no_call_and_no_pending_operation()
    {
        var handler = new FakeIAmSmartHandler();
        var client = IAmSmartClient.Create(VectorClient.Options(), handler);
        var token = DataRequestTests.Token("eidapi_auth eidapi_profiles");

        var profile = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.FormFilling.RequestProfileAsync(
            new ProfileRequest { AccessToken = token, CallbackUri = CallbackUri, Fields = [ProfileField.EnName], BusinessId = "b-p" }, Ct));
        var eMe = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = token, CallbackUri = CallbackUri, Fields = [EMeField.EnName], Form = new FormDetails("F"), BusinessId = "b-e" }, Ct));

        Assert.Equal("D20012", profile.Code);
        Assert.Contains("inferred", profile.Message, StringComparison.Ordinal);
        Assert.Contains("eidapi_formFilling", eMe.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Null(await client.Operations.Store.GetAsync("b-p", Ct));
        Assert.Null(await client.Operations.Store.GetAsync("b-e", Ct));
    }

    [Fact]
    public void Consent_client_reports_granted_scopes()
    {
        var client = IAmSmartClient.Create(VectorClient.Options(), new FakeIAmSmartHandler());
        var token = DataRequestTests.Token("eidapi_auth eidapi_formFilling");

        Assert.Equal(["eidapi_auth", "eidapi_formFilling"], client.Consent.GrantedScopes(token).Select(s => s.Value).Order(StringComparer.Ordinal));
        Assert.True(client.Consent.IsGranted(token, IAmSmartFunctions.EMe));
        Assert.Throws<IAmSmartConfigurationException>(() => client.Consent.EnsureGranted(token, IAmSmartFunctions.Profiles));
    }

    [Fact]
    public void Receipt_is_immutable_and_its_description_holds_no_personal_data()
    {
        var requested = new List<string> { "idNo", "enName" };
        var receipt = new ConsentReceipt(
            IAmSmartFunctions.EMe, "biz-1", "<T=1>", requested, ["enName"], new StatedPurpose("Account opening", "AO-01"),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), ConsentOutcome.Released, "D00000");
        requested.Add("gender");

        Assert.Equal(["idNo", "enName"], receipt.FieldsRequested);
        Assert.Empty(receipt.FieldsDiscarded);
        var text = receipt.ToString();
        Assert.Contains("Released", text, StringComparison.Ordinal);
        Assert.Contains("enName", text, StringComparison.Ordinal);
        Assert.Contains("AO-01", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_sink_logs_one_line_with_names_and_ids_only()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var sink = new LoggingConsentReceiptSink(factory);
        var receipt = new ConsentReceipt(
            IAmSmartFunctions.Profile, "biz-2", "<T=2>", ["idNo", "birthDate"], ["idNo"], null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1), ConsentOutcome.Released, "D00000", ["gender"]);

        await sink.WriteAsync(receipt, Ct);

        var (level, id, message) = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Equal(30, id.Id);
        Assert.Contains("profile Released", message, StringComparison.Ordinal);
        Assert.Contains("biz-2", message, StringComparison.Ordinal);
        Assert.Contains("requested [idNo birthDate]", message, StringComparison.Ordinal);
        Assert.Contains("released [idNo]", message, StringComparison.Ordinal);
        Assert.Contains("discarded [gender]", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DI_registers_the_logging_sink_with_TryAdd_so_an_application_sink_wins()
    {
        static void Configure(IAmSmartOptions o)
        {
            var vector = VectorClient.Options();
            o.Environment = vector.Environment;
            o.BaseUrl = vector.BaseUrl;
            o.ClientId = vector.ClientId;
            o.ClientSecret = vector.ClientSecret;
            o.KeyEncryptionKeys.Add(VectorClient.Kek());
        }

        var defaults = new ServiceCollection();
        defaults.AddIAmSmart(b => b.Configure(Configure));
        await using (var provider = defaults.BuildServiceProvider())
        {
            Assert.IsType<LoggingConsentReceiptSink>(provider.GetRequiredService<IAmSmartClient>().Consent.ReceiptSink);
        }

        var mine = new RecordingConsentReceiptSink();
        var custom = new ServiceCollection();
        custom.AddSingleton<IConsentReceiptSink>(mine);
        custom.AddIAmSmart(b => b.Configure(Configure));
        await using (var provider = custom.BuildServiceProvider())
        {
            Assert.Same(mine, provider.GetRequiredService<IAmSmartClient>().Consent.ReceiptSink);
            Assert.Same(mine, provider.GetRequiredService<IConsentReceiptSink>());
        }
    }
}
