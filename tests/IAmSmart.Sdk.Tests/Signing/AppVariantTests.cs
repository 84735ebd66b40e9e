using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>
/// The app variants of hash, PDF and bulk signing (<c>/api/appv1/…</c>, addendum §A5.3, §A4.3): the function rows and
/// how their URL is resolved, the checks of the app target (each refused before any call), the wire JSON
/// (<c>serverRedirectURI</c> in place of <c>redirectURI</c>, the app fields), and an operation that is the web one's.
/// </summary>
public sealed class AppVariantTests
{
    private const string Started = """{"signCode":"0427","authByQR":false,"ticketID":"tk+9"}""";

    private const string BulkStarted = """{"ticketID":"tk-bulk","authByQR":false}""";

    private static readonly Uri UniversalLink = new("https://app.bank.example/iamsmart/signed");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The fake handler records a path below /api/v1/ without that prefix, and any other path in full.
    private static string AppPath(IAmSmartFunction function) => "/" + IAmSmartEndpoints.ApiRoot + function.Route;

    private static HashSigningRequest Hash(AppReturnTarget? app, IAmSmartSource? source = null, string businessId = "biz-1")
    {
        var web = SigningFixtures.Hash();
        return new HashSigningRequest
        {
            AccessToken = web.AccessToken,
            CallbackUri = web.CallbackUri,
            BusinessId = businessId,
            State = web.State,
            Source = source,
            AppTarget = app,
            HashCode = web.HashCode,
            HkicHash = web.HkicHash,
            Department = web.Department,
            ServiceName = web.ServiceName,
            DocumentName = web.DocumentName,
        };
    }

    private static PdfSigningRequest Pdf(AppReturnTarget? app)
    {
        var web = SigningFixtures.Pdf();
        return new PdfSigningRequest
        {
            AccessToken = web.AccessToken,
            CallbackUri = web.CallbackUri,
            BusinessId = web.BusinessId,
            State = web.State,
            AppTarget = app,
            DocDigest = web.DocDigest,
            Department = web.Department,
            ServiceName = web.ServiceName,
            DocumentName = web.DocumentName,
            StepUpMethod = SigningStepUpMethod.Fr,
            StepUpWaitingPeriodHours = 24,
        };
    }

    private static BulkSigningRequest Bulk(AppReturnTarget? app) => new()
    {
        AccessToken = SigningFixtures.Token(scopes: "eidapi_auth eidapi_bulksign"),
        TokenCallbackUri = new Uri("https://rp.example/iamsmart/bulk-token"),
        ResultCallbackUri = new Uri("https://rp.example/iamsmart/bulk-result"),
        BusinessId = "bulk-1",
        State = "bulk-state-1",
        AppTarget = app,
        ServiceName = "Account opening",
        RequestName = "Account-opening pack",
        Documents = [new BulkPdfDocument { Id = "doc-1", DocumentName = "Risk disclosure.pdf", DocDigest = SigningFixtures.DocDigest }],
    };

    public static TheoryData<string> AppVariants() => [.. IAmSmartFunctions.All.Where(f => f.WebVariant is not null).Select(f => f.Name)];

    [Fact]
    public void The_three_app_variants_are_the_hash_pdf_and_bulk_initiate_calls_under_appv1()
    {
        Assert.Equal(
            ["appv1/account/signing/initiateRequest", "appv1/account/pdfsigning/initiateRequest", "appv1/bdss/initiateRequest"],
            IAmSmartFunctions.All.Where(f => f.WebVariant is not null).Select(f => f.Route));
        Assert.Same(IAmSmartFunctions.HashSigning, IAmSmartFunctions.AppHashSigning.WebVariant);
        Assert.Same(IAmSmartFunctions.PdfSigning, IAmSmartFunctions.AppPdfSigning.WebVariant);
        Assert.Same(IAmSmartFunctions.BulkSigning, IAmSmartFunctions.AppBulkSigning.WebVariant);
        Assert.Equal("v1/auth/getToken", IAmSmartFunctions.GetToken.Route);
    }

    [Theory]
    [MemberData(nameof(AppVariants))]
    public void An_app_variant_shares_kind_scope_and_codes_with_its_web_function_and_its_kind_finds_the_web_one(string name)
    {
        var app = IAmSmartFunctions.All.Single(f => f.Name == name);
        var web = app.WebVariant!;

        Assert.Equal(IAmSmartEndpoints.AppApiVersion, app.ApiVersion);
        Assert.Equal(web.Path, app.Path);
        Assert.Equal(web.Kind, app.Kind);
        Assert.Equal(web.RequiredScope, app.RequiredScope);
        Assert.Equal(web.Codes, app.Codes);
        Assert.True(app.IsAnsweredByCallback);
        Assert.False(app.IsRetrySafe);
        Assert.Same(web, IAmSmartFunctions.FindByKind(app.Kind));
    }

    [Theory]
    [InlineData("https://iamsmart.test/api/v1/", "https://iamsmart.test/api/appv1/account/signing/initiateRequest", "https://iamsmart.test/api/v1/account/signing/initiateRequest")]
    [InlineData("https://proxy.example/iamsmart/api/v1/", "https://proxy.example/iamsmart/api/appv1/account/signing/initiateRequest", "https://proxy.example/iamsmart/api/v1/account/signing/initiateRequest")]
    public void A_function_url_is_its_route_below_the_api_root_of_the_configured_base(string apiBase, string app, string web)
    {
        Assert.Equal(new Uri(app), IAmSmartFunctions.AppHashSigning.ResolveUri(new Uri(apiBase)));
        Assert.Equal(new Uri(web), IAmSmartFunctions.HashSigning.ResolveUri(new Uri(apiBase)));
    }

    [Fact]
    public void The_configured_api_base_resolves_every_function_to_api_and_its_route()
    {
        var options = new IAmSmartOptions { Environment = IAmSmartEnvironment.Custom, BaseUrl = new Uri("https://proxy.example/iamsmart") };

        foreach (var function in IAmSmartFunctions.All)
        {
            Assert.Equal("/iamsmart/api/" + function.Route, function.ResolveUri(options.ResolveApiBase()).AbsolutePath);
        }
    }

    [Fact]
    public async Task Hash_signing_with_an_iOS_target_goes_to_appv1_with_App_Link_the_universal_link_and_serverRedirectURI()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppHashSigning), Started);
        var client = VectorClient.Create(handler);

        var initiation = await client.Signing.InitiateHashSigningAsync(Hash(AppReturnTarget.ForIos(UniversalLink)), Ct);

        Assert.True(initiation.IsStarted);
        Assert.Empty(handler.To(IAmSmartFunctions.HashSigning.Path));
        var sent = VectorClient.DecryptRequest(handler.To(AppPath(IAmSmartFunctions.AppHashSigning)).Single().Body);
        Assert.Equal(
            ["businessID", "accessToken", "openID", "source", "clientRedirectURI", "state", "serverRedirectURI", "hashCode", "HKICHash", "department", "serviceName", "documentName"],
            sent.Select(p => p.Key));
        Assert.Equal("App_Link", (string?)sent["source"]);
        Assert.Equal("https%3A%2F%2Fapp.bank.example%2Fiamsmart%2Fsigned", (string?)sent["clientRedirectURI"]);
        Assert.Equal("https%3A%2F%2Frp.example%2Fiamsmart%2Fcallback", (string?)sent["serverRedirectURI"]);
    }

    [Fact]
    public async Task Pdf_signing_with_an_Android_target_sends_the_package_activity_params_and_the_step_up_fields()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppPdfSigning), Started);
        var client = VectorClient.Create(handler);

        await client.Signing.InitiatePdfSigningAsync(Pdf(AppReturnTarget.ForAndroid("hk.example.bank", "hk.example.bank.SignedActivity", "from=pdf")), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(AppPath(IAmSmartFunctions.AppPdfSigning)).Single().Body);
        Assert.Equal(
            ["businessID", "accessToken", "openID", "source", "packageName", "activityClass", "activityParams", "state", "serverRedirectURI", "docDigest", "department", "serviceName", "documentName", "suaMethod", "suaWaitPeriod"],
            sent.Select(p => p.Key));
        Assert.Equal("App_Package", (string?)sent["source"]);
        Assert.Equal("hk.example.bank", (string?)sent["packageName"]);
        Assert.Equal("hk.example.bank.SignedActivity", (string?)sent["activityClass"]);
        Assert.Equal("from=pdf", (string?)sent["activityParams"]);
    }

    [Fact]
    public async Task Empty_activity_params_are_not_sent()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppHashSigning), Started);
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateHashSigningAsync(Hash(AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity", string.Empty)), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(AppPath(IAmSmartFunctions.AppHashSigning)).Single().Body);
        Assert.DoesNotContain("activityParams", sent.Select(p => p.Key));
        Assert.DoesNotContain("redirectURI", sent.Select(p => p.Key));
    }

    [Fact]
    public async Task Without_a_target_the_web_function_is_called_with_redirectURI_and_no_app_field()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, Started);
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(), Ct);

        var keys = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.HashSigning.Path).Single().Body).Select(p => p.Key).ToList();
        Assert.Contains("redirectURI", keys);
        Assert.DoesNotContain("serverRedirectURI", keys);
        Assert.DoesNotContain("clientRedirectURI", keys);
        Assert.DoesNotContain("packageName", keys);
    }

    [Fact]
    public async Task Bulk_signing_with_a_target_sends_serverRedirectURI_for_the_token_and_keeps_callbackResultURI()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppBulkSigning), BulkStarted);
        var client = VectorClient.Create(handler);

        var operation = await client.Signing.StartBulkSigningAsync(Bulk(AppReturnTarget.ForIos(UniversalLink)), Ct);

        Assert.Same(IAmSmartFunctions.BulkSigning, operation.Function);
        Assert.Equal("tk-bulk", operation.Initiation!.TicketId);
        var sent = VectorClient.DecryptRequest(handler.To(AppPath(IAmSmartFunctions.AppBulkSigning)).Single().Body);
        Assert.Equal(
            ["businessID", "accessToken", "openID", "serverRedirectURI", "callbackResultURI", "source", "clientRedirectURI", "state", "serviceName", "requestName", "documents"],
            sent.Select(p => p.Key));
        Assert.Equal(Uri.EscapeDataString("https://rp.example/iamsmart/bulk-token"), (string?)sent["serverRedirectURI"]);
        Assert.Equal(Uri.EscapeDataString("https://rp.example/iamsmart/bulk-result"), (string?)sent["callbackResultURI"]);
        Assert.Equal("App_Link", (string?)sent["source"]);
    }

    [Fact]
    public async Task An_operation_started_from_the_app_is_the_web_functions_and_resumes_as_one()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppHashSigning), Started);
        var client = VectorClient.Create(handler);

        var started = await client.Signing.StartHashSigningAsync(Hash(AppReturnTarget.ForIos(UniversalLink), businessId: "biz-app-1"), Ct);
        var resumed = await client.Signing.ResumeHashSigningAsync("biz-app-1", Ct);
        var stored = await client.Operations.Store.GetAsync("biz-app-1", Ct);

        Assert.Same(IAmSmartFunctions.HashSigning, started.Function);
        Assert.Same(IAmSmartFunctions.HashSigning, resumed.Function);
        Assert.Equal(IAmSmartFunctions.HashSigning.Kind, stored!.Kind);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.ResumePdfSigningAsync("biz-app-1", Ct));
    }

    [Fact]
    public async Task A_matching_app_source_set_by_the_caller_is_accepted()
    {
        var handler = VectorClient.HandlerAnswering(AppPath(IAmSmartFunctions.AppHashSigning), Started);
        var client = VectorClient.Create(handler);

        var initiation = await client.Signing.InitiateHashSigningAsync(Hash(AppReturnTarget.ForIos(UniversalLink), IAmSmartSource.AppLink), Ct);

        Assert.True(initiation.IsStarted);
    }

    public static TheoryData<string, HashSigningRequest, string> RefusedRequests() => new()
    {
        { "browser source with an app target", Hash(AppReturnTarget.ForIos(UniversalLink), IAmSmartSource.IosSafari), "HashSigningRequest.Source" },
        { "the other app source", Hash(AppReturnTarget.ForIos(UniversalLink), IAmSmartSource.AppPackage), "HashSigningRequest.Source" },
        { "app source without a target", Hash(null, IAmSmartSource.AppLink), "HashSigningRequest.Source" },
        { "universal link over http", Hash(AppReturnTarget.ForIos(new Uri("http://app.bank.example/signed"))), "HashSigningRequest.AppTarget.IosUniversalLink" },
        { "universal link with a fragment", Hash(AppReturnTarget.ForIos(new Uri("https://app.bank.example/signed#x"))), "HashSigningRequest.AppTarget.IosUniversalLink" },
    };

    [Theory]
    [MemberData(nameof(RefusedRequests))]
    public async Task A_bad_app_request_is_refused_naming_the_property_and_nothing_is_sent_or_stored(string why, HashSigningRequest request, string parameter)
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Signing.StartHashSigningAsync(request, Ct));

        Assert.Equal(parameter, ex.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
        Assert.Empty(handler.Requests);
        Assert.Null(await client.Operations.Store.GetAsync(request.BusinessId!, Ct));
    }

    [Fact]
    public async Task A_browser_source_with_an_app_target_on_bulk_signing_is_refused_before_any_call()
    {
        var handler = new FakeIAmSmartHandler();
        var client = VectorClient.Create(handler);
        var request = Bulk(AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.StartBulkSigningAsync(
            new BulkSigningRequest
            {
                AccessToken = request.AccessToken,
                TokenCallbackUri = request.TokenCallbackUri,
                ResultCallbackUri = request.ResultCallbackUri,
                AppTarget = request.AppTarget,
                Source = IAmSmartSource.PcBrowser,
                ServiceName = request.ServiceName,
                RequestName = request.RequestName,
                Documents = request.Documents,
            },
            Ct));

        Assert.Equal("BulkSigningRequest.Source", ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    public static TheoryData<string, Func<AppReturnTarget>, string?> InvalidTargets() => new()
    {
        { "package without a dot", () => AppReturnTarget.ForAndroid("bank", "SignedActivity"), "AppReturnTarget.AndroidPackageName" },
        { "empty package", () => AppReturnTarget.ForAndroid(string.Empty, "SignedActivity"), "AppReturnTarget.AndroidPackageName" },
        { "activity with a space", () => AppReturnTarget.ForAndroid("hk.example.bank", "Signed Activity"), "AppReturnTarget.AndroidActivityClass" },
        { "activity starting with a digit", () => AppReturnTarget.ForAndroid("hk.example.bank", "1Activity"), "AppReturnTarget.AndroidActivityClass" },
        { "no universal link", () => AppReturnTarget.ForIos(null!), "universalLink" },
    };

    [Theory]
    [MemberData(nameof(InvalidTargets))]
    public void An_invalid_target_is_refused_when_made(string why, Func<AppReturnTarget> create, string? parameter)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(create);

        Assert.Equal(parameter, ex.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
    }

    [Fact]
    public void A_target_derives_its_source_is_equal_by_value_and_prints_no_link_or_name()
    {
        var ios = AppReturnTarget.ForIos(UniversalLink);
        var android = AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity", "p=1");

        Assert.Equal(IAmSmartSource.AppLink, ios.Source);
        Assert.Equal(IAmSmartSource.AppPackage, android.Source);
        Assert.Equal(AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity", "p=1"), android);
        Assert.Equal(AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity", "p=1").GetHashCode(), android.GetHashCode());
        Assert.NotEqual(AppReturnTarget.ForAndroid("hk.example.bank", "SignedActivity"), android);
        Assert.NotEqual(ios, AppReturnTarget.ForIos(new Uri("https://app.bank.example/other")));
        Assert.DoesNotContain("app.bank.example", ios.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hk.example", android.ToString(), StringComparison.Ordinal);
    }
}
