using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Auth;

/// <summary>Native-app login (appv2, addendum §A5.1) and the sources the browser login refuses.</summary>
public sealed class AppLoginTests
{
    private static IAmSmartClient Client() => VectorClient.Create(new FakeIAmSmartHandler());

    [Fact]
    public void Ios_link_names_the_universal_link_as_clientRedirectURI_with_source_App_Link()
    {
        var (clientId, _) = TestVectors.Credentials();

        var link = Client().Auth.CreateAppLoginLink(new AppLoginRequest
        {
            IosUniversalLink = new Uri("https://app.bank.example/iamsmart/landing"),
            Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling],
            State = "st_1",
        });

        Assert.Equal(
            $"hk.gov.iamsmart.testapp://v2_cauth?clientID={clientId}&responseType=code&source=App_Link&clientRedirectURI=https%3A%2F%2Fapp.bank.example%2Fiamsmart%2Flanding&scope=eidapi_auth%20eidapi_formFilling&state=st_1",
            link.Url.OriginalString);
        Assert.Equal(IAmSmartSource.AppLink, link.Source);
        Assert.Equal("st_1", link.State);
        Assert.DoesNotContain("st_1", link.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Android_link_names_package_activity_and_params_with_source_App_Package()
    {
        var link = Client().Auth.CreateAppLoginLink(new AppLoginRequest
        {
            AndroidPackageName = "hk.example.bank",
            AndroidActivityClass = "hk.example.bank.LoginResultActivity",
            AndroidActivityParams = "from=login",
        });

        var query = link.Url.Query;
        Assert.StartsWith("hk.gov.iamsmart.testapp://v2_cauth?", link.Url.OriginalString, StringComparison.Ordinal);
        Assert.Contains("&source=App_Package&packageName=hk.example.bank&activityClass=hk.example.bank.LoginResultActivity&activityParams=from%3Dlogin&scope=eidapi_auth&state=", query, StringComparison.Ordinal);
        Assert.DoesNotContain("clientRedirectURI", query, StringComparison.Ordinal);
        Assert.True(IAmSmartState.IsWellFormed(link.State));
    }

    [Fact]
    public void A_target_gives_the_same_link_as_the_older_platform_properties()
    {
        var ios = new Uri("https://app.bank.example/iamsmart/landing");

        var fromTargetIos = Client().Auth.CreateAppLoginLink(new AppLoginRequest { Target = AppReturnTarget.ForIos(ios), State = "st_1" });
        var fromFlatIos = Client().Auth.CreateAppLoginLink(new AppLoginRequest { IosUniversalLink = ios, State = "st_1" });
        var fromTargetAndroid = Client().Auth.CreateAppLoginLink(new AppLoginRequest
        {
            Target = AppReturnTarget.ForAndroid("hk.example.bank", "hk.example.bank.LoginResultActivity", "from=login"),
            State = "st_2",
        });
        var fromFlatAndroid = Client().Auth.CreateAppLoginLink(new AppLoginRequest
        {
            AndroidPackageName = "hk.example.bank",
            AndroidActivityClass = "hk.example.bank.LoginResultActivity",
            AndroidActivityParams = "from=login",
            State = "st_2",
        });

        Assert.Equal(fromFlatIos, fromTargetIos);
        Assert.Equal(IAmSmartSource.AppLink, fromTargetIos.Source);
        Assert.Equal(fromFlatAndroid, fromTargetAndroid);
        Assert.Equal(IAmSmartSource.AppPackage, fromTargetAndroid.Source);
        Assert.Contains("&packageName=hk.example.bank&activityClass=hk.example.bank.LoginResultActivity&activityParams=from%3Dlogin&", fromTargetAndroid.Url.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ios link")]
    [InlineData("android package")]
    [InlineData("android activity")]
    [InlineData("android params")]
    public void A_target_with_any_older_platform_property_is_refused(string older)
    {
        var request = older switch
        {
            "ios link" => new AppLoginRequest { Target = AppReturnTarget.ForIos(new Uri("https://app.bank.example/l")), IosUniversalLink = new Uri("https://app.bank.example/l") },
            "android package" => new AppLoginRequest { Target = AppReturnTarget.ForAndroid("hk.example.bank", "A"), AndroidPackageName = "hk.example.bank" },
            "android activity" => new AppLoginRequest { Target = AppReturnTarget.ForAndroid("hk.example.bank", "A"), AndroidActivityClass = "A" },
            _ => new AppLoginRequest { Target = AppReturnTarget.ForAndroid("hk.example.bank", "A"), AndroidActivityParams = "p" },
        };

        var ex = Assert.Throws<ArgumentException>(() => Client().Auth.CreateAppLoginLink(request));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("AppLoginRequest.Target", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not both", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_universal_link_is_checked_against_the_environment_when_the_link_is_made()
    {
        // The target can be made (it does not know the environment); the link cannot, outside loopback over plain HTTP.
        var target = AppReturnTarget.ForIos(new Uri("http://app.bank.example/l"));

        var ex = Assert.ThrowsAny<ArgumentException>(() => Client().Auth.CreateAppLoginLink(new AppLoginRequest { Target = target }));

        Assert.Equal("AppLoginRequest.Target", ex.ParamName);
    }

    [Fact]
    public void Production_link_opens_the_production_app()
    {
        var options = VectorClient.Options();
        options.Environment = IAmSmartEnvironment.Production;
        using var client = VectorClient.Create(new FakeIAmSmartHandler(), options);

        var link = client.Auth.CreateAppLoginLink(new AppLoginRequest { AndroidPackageName = "hk.example.bank", AndroidActivityClass = "LoginResult" });

        Assert.Equal("hk.gov.iamsmart", link.Url.Scheme);
    }

    public static TheoryData<string, AppLoginRequest> InvalidRequests => new()
    {
        { "no platform", new AppLoginRequest() },
        { "both platforms", new AppLoginRequest { IosUniversalLink = new Uri("https://app.bank.example/l"), AndroidPackageName = "hk.example.bank", AndroidActivityClass = "A" } },
        { "package without activity", new AppLoginRequest { AndroidPackageName = "hk.example.bank" } },
        { "package without a dot", new AppLoginRequest { AndroidPackageName = "bank", AndroidActivityClass = "A" } },
        { "activity with a space", new AppLoginRequest { AndroidPackageName = "hk.example.bank", AndroidActivityClass = "Login Result" } },
        { "universal link over http", new AppLoginRequest { IosUniversalLink = new Uri("http://app.bank.example/l") } },
        { "malformed state", new AppLoginRequest { AndroidPackageName = "hk.example.bank", AndroidActivityClass = "A", State = "no spaces allowed" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Invalid_app_login_request_is_refused_with_a_message(string why, AppLoginRequest request)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Client().Auth.CreateAppLoginLink(request));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
    }

    [Theory]
    [InlineData("App_Link")]
    [InlineData("App_Package")]
    [InlineData("App_Scheme")]
    public void Browser_login_refuses_an_app_source(string source)
    {
        var ex = Assert.Throws<ArgumentException>(() => Client().Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = new Uri("https://rp.example/cb"),
            Source = new IAmSmartSource(source),
        }));

        Assert.Equal("LoginRequest.Source", ex.ParamName);
        Assert.Contains("CreateAppLoginLink", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Android_IMS_InAppBrowser")]
    [InlineData("iOS_IMS_InAppBrowser")]
    public void Browser_login_takes_the_in_app_browser_sources_without_the_broker_page(string source)
    {
        var url = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb"), Source = new IAmSmartSource(source) });

        Assert.Contains($"source={source}&", url.Url.Query, StringComparison.Ordinal);
        Assert.False(url.BrokerPage);
    }
}
