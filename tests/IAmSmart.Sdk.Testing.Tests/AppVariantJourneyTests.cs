using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// The app variants of hash, PDF and bulk signing (<c>/api/appv1/…</c>) on the simulator: its app rules (source, the
/// iOS or Android target, <c>serverRedirectURI</c> in place of <c>redirectURI</c>) and full journeys through the SDK in
/// which the callback lands at <c>serverRedirectURI</c> and the operation completes as a web one does.
/// </summary>
public sealed class AppVariantJourneyTests
{
    private const string AndroidApp = "hk.example.bank/hk.example.bank.SignedActivity";

    // Where the server callback goes: not Sim.Callback, so that a test sees the callback went to serverRedirectURI.
    private static readonly Uri ServerCallback = new("https://e-service.example/iamsmart/app-callback");

    private static readonly Uri UniversalLink = new("https://e-service.example/app/signed");

    private static readonly AppReturnTarget Android = AppReturnTarget.ForAndroid("hk.example.bank", "hk.example.bank.SignedActivity", "screen=sign");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string AppPath(IAmSmartFunction function) => "../" + function.Route; // below the raw client's api/v1/ base

    private static JsonObject HashRequest(JsonObject token, string businessId) => new()
    {
        ["businessID"] = businessId,
        ["accessToken"] = (string)token["accessToken"]!,
        ["openID"] = (string)token["openID"]!,
        ["source"] = "App_Link",
        ["clientRedirectURI"] = UniversalLink.AbsoluteUri,
        ["state"] = "st-" + businessId,
        ["serverRedirectURI"] = ServerCallback.AbsoluteUri,
        ["hashCode"] = SigningWithLoginJourneyTests.HashOf("Invented loan agreement"),
        ["department"] = "Simulated Bank",
        ["serviceName"] = "Personal loan",
        ["documentName"] = "Loan agreement",
    };

    private static JsonObject AsAndroid(JsonObject request)
    {
        request.Remove("clientRedirectURI");
        request["source"] = "App_Package";
        request["packageName"] = "hk.example.bank";
        request["activityClass"] = "hk.example.bank.SignedActivity";
        return request;
    }

    public static TheoryData<string, Func<JsonObject, JsonObject>, string> AppRules() => new()
    {
        { "an iOS request as the SDK sends it", r => r, "D00000" },
        { "an Android request of a registered app", AsAndroid, "D00000" },
        { "the universal link URL-encoded", r => Set(r, "clientRedirectURI", Uri.EscapeDataString(UniversalLink.AbsoluteUri)), "D00000" },
        { "a browser source", r => Set(r, "source", "iOS_Safari"), "D20007" },
        { "App_Link without clientRedirectURI", r => Without(r, "clientRedirectURI"), "D20001" },
        { "a universal link over http", r => Set(r, "clientRedirectURI", "http://e-service.example/app/signed"), "D20008" },
        { "a universal link not registered", r => Set(r, "clientRedirectURI", "https://elsewhere.example/app/signed"), "D20008" },
        { "App_Link with an Android field", r => Set(r, "packageName", "hk.example.bank"), "D20003" },
        { "App_Package without activityClass", r => Without(AsAndroid(r), "activityClass"), "D20001" },
        { "App_Package of an unregistered activity", r => Set(AsAndroid(r), "activityClass", "hk.example.bank.OtherActivity"), "D20008" },
        { "App_Package with clientRedirectURI", r => Set(AsAndroid(r), "clientRedirectURI", UniversalLink.AbsoluteUri), "D20003" },
        { "redirectURI instead of serverRedirectURI", r => Set(Without(r, "serverRedirectURI"), "redirectURI", ServerCallback.AbsoluteUri), "D20001" },
        { "redirectURI besides serverRedirectURI", r => Set(r, "redirectURI", ServerCallback.AbsoluteUri), "D20003" },
        { "an unregistered serverRedirectURI, as the web function checks redirectURI", r => Set(r, "serverRedirectURI", "https://elsewhere.example/cb"), "D20008" },
    };

    private static JsonObject Set(JsonObject request, string name, string value)
    {
        request[name] = value;
        return request;
    }

    private static JsonObject Without(JsonObject request, string name)
    {
        request.Remove(name);
        return request;
    }

    [Theory]
    [MemberData(nameof(AppRules))]
    public async Task The_app_hash_signing_function_applies_the_app_rules(string why, Func<JsonObject, JsonObject> change, string code)
    {
        using var sim = new Sim(o => o.RegisteredAndroidApps.Add(AndroidApp));
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));

        var reply = await raw.CallAsync(AppPath(IAmSmartFunctions.AppHashSigning), change(HashRequest(token, "b1")));

        Assert.True(code == reply.Code, $"{why}: expected {code}, got {reply.Code} ({reply.Message}).");
    }

    [Fact]
    public async Task The_app_bulk_function_wants_serverRedirectURI_and_the_web_one_still_wants_redirectURI()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.BulkApprovesAll, "eidapi_auth", "eidapi_bulksign"));
        JsonObject Bulk(string businessId) => new()
        {
            ["businessID"] = businessId,
            ["accessToken"] = (string)token["accessToken"]!,
            ["openID"] = (string)token["openID"]!,
            ["redirectURI"] = ServerCallback.AbsoluteUri,
            ["callbackResultURI"] = ServerCallback.AbsoluteUri,
            ["source"] = "App_Link",
            ["clientRedirectURI"] = UniversalLink.AbsoluteUri,
            ["state"] = "st-" + businessId,
            ["serviceName"] = "Account opening",
            ["requestName"] = "Account-opening pack",
            ["documents"] = new JsonArray(new JsonObject { ["id"] = "d1", ["documentName"] = "Document", ["hashCode"] = SigningWithLoginJourneyTests.HashOf("d1") }),
        };

        Assert.Equal("D20001", (await raw.CallAsync(AppPath(IAmSmartFunctions.AppBulkSigning), Bulk("b1"))).Code);
        var app = Bulk("b2");
        app.Remove("redirectURI");
        app["serverRedirectURI"] = ServerCallback.AbsoluteUri;
        Assert.Equal("D00000", (await raw.CallAsync(AppPath(IAmSmartFunctions.AppBulkSigning), app)).Code);
        Assert.Equal("D20001", (await raw.CallAsync(IAmSmartFunctions.BulkSigning.Path, app)).Code); // the web function: redirectURI is missing
    }

    [Fact]
    public async Task Hash_signing_from_an_iOS_app_is_answered_at_serverRedirectURI_and_verifies()
    {
        using var s = new SigningSim();
        var persona = SimulatorPersonas.ChanTaiMan;
        var token = await s.LoginAsync(persona);
        var hashCode = SigningWithLoginJourneyTests.HashOf("Loan agreement from the app");

        var operation = await s.Client.Signing.StartHashSigningAsync(
            new HashSigningRequest
            {
                AccessToken = token,
                CallbackUri = ServerCallback,
                AppTarget = AppReturnTarget.ForIos(UniversalLink),
                HashCode = hashCode,
                HkicHash = HkicHash.Compute(persona.Identification),
                Department = "Simulated Bank",
                ServiceName = "Personal loan",
                DocumentName = "Loan agreement",
            },
            Ct);

        Assert.False(operation.Initiation!.AuthByQr); // on the phone: a ticket opens the app
        Assert.StartsWith("hk.gov.iamsmart.testapp://hash-sign?ticketID=", operation.Initiation.AppLink!.OriginalString, StringComparison.Ordinal);
        s.Sim.Clock.Advance(persona.Behaviour.Delay);
        var delivered = Assert.Single(await s.Simulator.DeliverDueCallbacksAsync(Ct), r => r.Delivered);
        Assert.Equal(ServerCallback, delivered.Callback.RedirectUri);
        Assert.Equal(CallbackDisposition.Accepted, Assert.Single(s.Receipts).Disposition);

        var outcome = await operation.WaitForCompletionAsync(Ct);
        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.True(outcome.IsSigned);
        var verification = s.Client.Signing.Verify(outcome.Result, hashCode, s.TrustSimulatorRoot());
        Assert.True(verification.IsValid, verification.Detail);
        await s.Client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Accepted, Ct);
    }

    [Fact]
    public async Task Pdf_signing_from_an_Android_app_is_resumed_elsewhere_and_completes_at_serverRedirectURI()
    {
        using var s = new SigningSim(configureSimulator: o => o.RegisteredAndroidApps.Add(AndroidApp));
        var persona = SimulatorPersonas.ChanTaiMan;
        var token = await s.LoginAsync(persona);
        var prepared = PdfSigningHelper.CreatePrepared("Account opening from the app");

        var started = await s.Client.Signing.StartPdfSigningAsync(
            new PdfSigningRequest
            {
                AccessToken = token,
                CallbackUri = ServerCallback,
                AppTarget = Android,
                DocDigest = prepared.DocDigest,
                Department = "Simulated Bank",
                ServiceName = "Account opening",
                DocumentName = "account-opening.pdf",
            },
            Ct);
        var resumed = await s.Client.Signing.ResumePdfSigningAsync(started.BusinessId, Ct);
        s.Sim.Clock.Advance(persona.Behaviour.Delay);
        var delivered = Assert.Single(await s.Simulator.DeliverDueCallbacksAsync(Ct), r => r.Delivered);

        Assert.Equal(ServerCallback, delivered.Callback.RedirectUri);
        var outcome = await resumed.WaitForCompletionAsync(Ct);
        Assert.True(outcome.IsSigned);
        Assert.True(prepared.MatchesDocDigest(outcome.Result.DocDigest));
        Assert.True((await started.WaitForCompletionAsync(Ct)).IsSigned);
    }

    [Fact]
    public async Task Bulk_signing_from_an_app_gets_the_token_at_serverRedirectURI_the_results_at_callbackResultURI_and_completes()
    {
        var resultUri = new Uri("https://e-service.example/iamsmart/app-bulk-results");
        var receipts = new ConcurrentQueue<CallbackReceipt>();
        IAmSmartClient? client = null;
        using var sim = new Sim(o =>
        {
            o.CertificateAuthority = SigningSim.AuthorityOnTestClock.Value;
            o.RegisteredAndroidApps.Add(AndroidApp);
            o.CallbackSink = SimulatorCallbackSinks.Delegate(async (callback, ct) =>
                receipts.Enqueue(await client!.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct)));
        });
        using var created = IAmSmartClient.Create(sim.Simulator.CreateClientOptions(), sim.Simulator.CreateHandler(), timeProvider: sim.Clock);
        client = created;
        var token = await client.Auth.GetTokenAsync(sim.LoginCode(SimulatorPersonas.BulkApprovesAll, "eidapi_auth", "eidapi_bulksign"), Ct);

        var operation = await client.Signing.StartBulkSigningAsync(
            new BulkSigningRequest
            {
                AccessToken = token,
                TokenCallbackUri = ServerCallback,
                ResultCallbackUri = resultUri,
                AppTarget = Android,
                ServiceName = "Account opening",
                RequestName = "Account-opening pack",
                Documents =
                [
                    new BulkHashDocument { Id = "a", DocumentName = "Document a", HashCode = SigningWithLoginJourneyTests.HashOf("a") },
                    new BulkHashDocument { Id = "b", DocumentName = "Document b", HashCode = SigningWithLoginJourneyTests.HashOf("b") },
                ],
            },
            Ct);
        Assert.False(operation.Initiation!.AuthByQr);
        var delivered = (await sim.Simulator.DeliverDueCallbacksAsync(Ct)).Where(r => r.Delivered).ToList();

        Assert.Equal([ServerCallback, resultUri], delivered.Select(r => r.Callback.RedirectUri));
        Assert.All(receipts, r => Assert.True(r.IsAcknowledged, r.ToString()));
        var outcome = await operation.WaitForCompletionAsync(Ct);
        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(["a", "b"], outcome.Documents.Select(d => d.Id));
        Assert.NotNull(await client.Signing.FindBulkSigningTokenAsync(operation.BusinessId, Ct));
    }
}
