using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class LoginUrlTests
{
    private const string PcUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private const string IphoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static IAmSmartClient Client(IAmSmartEnvironment environment = IAmSmartEnvironment.Custom, Uri? baseUrl = null)
    {
        var options = VectorClient.Options();
        options.Environment = environment;
        options.BaseUrl = environment is IAmSmartEnvironment.Custom or IAmSmartEnvironment.Simulator ? baseUrl ?? new Uri("https://iamsmart.test/") : null;
        return VectorClient.Create(new FakeIAmSmartHandler(), options);
    }

    [Fact]
    public void Login_url_has_the_exact_query_in_s4_order_with_uppercase_percent_encoding()
    {
        var (clientId, _) = TestVectors.Credentials();

        var login = Client().Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = new Uri("https://rp.example/signin?from=a b&x=/"),
            Scopes = [IAmSmartScope.Auth, IAmSmartScope.FormFilling, IAmSmartScope.Profiles],
            UserAgent = PcUserAgent,
            Language = IAmSmartLanguage.English,
            State = "eb9b7b8eddd5_X-1",
        });

        Assert.Equal(
            "https://iamsmart.test/api/v1/auth/getQR?clientID=" + clientId
            + "&source=PC_Browser&responseType=code"
            + "&redirectURI=https%3A%2F%2Frp.example%2Fsignin%3Ffrom%3Da%2520b%26x%3D%2F"
            + "&scope=eidapi_auth%20eidapi_formFilling%20eidapi_profiles"
            + "&state=eb9b7b8eddd5_X-1&lang=en-US&brokerPage=false",
            login.Url.AbsoluteUri);
        Assert.Equal("eb9b7b8eddd5_X-1", login.State);
        Assert.Equal(IAmSmartSource.PcBrowser, login.Source);
        Assert.False(login.BrokerPage);
    }

    [Fact]
    public void Non_ascii_redirect_uri_is_encoded_as_uppercase_utf8_bytes_and_spaces_as_percent_20()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/登入"), State = "s" });

        var query = login.Url.Query;
        Assert.Contains("redirectURI=https%3A%2F%2Frp.example%2F%25E7%2599%25BB%25E5%2585%25A5", query, StringComparison.Ordinal);
        Assert.DoesNotMatch("%[0-9A-F]?[a-f]", query);
        Assert.DoesNotContain("+", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_list_uses_percent_20_and_extensible_scopes_are_sent_verbatim()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = new Uri("https://rp.example/cb"),
            Scopes = [IAmSmartScope.Auth, new IAmSmartScope("eidapi_future_scope")],
            State = "s",
        });

        Assert.Contains("&scope=eidapi_auth%20eidapi_future_scope&", login.Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Ticket_id_is_sent_for_anonymous_flows_after_the_state()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb"), State = "s", TicketId = "tk+1/2=" });

        Assert.Contains("&state=s&ticketID=tk%2B1%2F2%3D&brokerPage=false", login.Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ticket_id_none_is_sent()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb") });

        Assert.DoesNotContain("ticketID", login.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("lang=", login.Url.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IphoneSafari, null, "iOS_Safari", true)]
    [InlineData(PcUserAgent, null, "PC_Browser", false)]
    [InlineData(IphoneSafari, false, "iOS_Safari", false)]
    [InlineData(PcUserAgent, true, "PC_Browser", true)]
    public void Broker_page_is_true_for_every_source_but_pc_unless_overridden(string userAgent, bool? overrideValue, string source, bool expected)
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb"), UserAgent = userAgent, BrokerPage = overrideValue });

        Assert.Equal(source, login.Source.Value);
        Assert.Equal(expected, login.BrokerPage);
        Assert.EndsWith($"&brokerPage={(expected ? "true" : "false")}", login.Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_source_wins_over_the_user_agent_and_in_app_browser_gets_no_broker_page()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = new Uri("https://rp.example/cb"),
            UserAgent = PcUserAgent,
            Source = IAmSmartSource.IosIAmSmartInAppBrowser,
        });

        Assert.Contains("source=iOS_IMS_InAppBrowser", login.Url.Query, StringComparison.Ordinal);
        Assert.False(login.BrokerPage);
    }

    [Fact]
    public void Generated_state_is_well_formed_and_new_each_time()
    {
        var client = Client();
        var request = new LoginRequest { RedirectUri = new Uri("https://rp.example/cb") };

        var first = client.Auth.CreateLoginUrl(request);
        var second = client.Auth.CreateLoginUrl(request);

        Assert.True(IAmSmartState.IsWellFormed(first.State));
        Assert.NotEqual(first.State, second.State);
        Assert.Contains($"&state={first.State}&", first.Url.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IAmSmartEnvironment.Production, "https://apigw.iamsmart.gov.hk/api/v1/auth/getQR?")]
    [InlineData(IAmSmartEnvironment.Sandbox, "https://apigw-isit.staging-eid.gov.hk/api/v1/auth/getQR?")]
    public void Public_environments_send_the_browser_to_their_own_host(IAmSmartEnvironment environment, string prefix)
    {
        var login = Client(environment).Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb") });

        Assert.StartsWith(prefix, login.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IAmSmartEnvironment.Production, "http://localhost:5000/cb")]
    [InlineData(IAmSmartEnvironment.Sandbox, "http://127.0.0.1/cb")]
    [InlineData(IAmSmartEnvironment.Sandbox, "http://rp.example/cb")]
    [InlineData(IAmSmartEnvironment.Custom, "http://rp.example/cb")]
    [InlineData(IAmSmartEnvironment.Simulator, "ftp://127.0.0.1/cb")]
    [InlineData(IAmSmartEnvironment.Custom, "https://rp.example/cb#fragment")]
    public void Redirect_uri_that_breaks_the_environment_rule_is_refused_naming_the_parameter(IAmSmartEnvironment environment, string redirect)
    {
        var client = Client(environment, new Uri("http://127.0.0.1:5181/"));

        var ex = Assert.Throws<ArgumentException>(() => client.Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri(redirect) }));

        Assert.Equal("LoginRequest.RedirectUri", ex.ParamName);
    }

    [Fact]
    public void Relative_redirect_uri_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("/cb", UriKind.Relative) }));

        Assert.Equal("LoginRequest.RedirectUri", ex.ParamName);
        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IAmSmartEnvironment.Custom, "http://localhost:5000/cb")]
    [InlineData(IAmSmartEnvironment.Simulator, "http://127.0.0.1:5000/cb")]
    [InlineData(IAmSmartEnvironment.Simulator, "http://[::1]:5000/cb")]
    public void Loopback_http_is_allowed_for_simulator_and_custom(IAmSmartEnvironment environment, string redirect)
    {
        var login = Client(environment, new Uri("http://127.0.0.1:5181/")).Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri(redirect) });

        Assert.StartsWith("http://127.0.0.1:5181/api/v1/auth/getQR?", login.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_state_and_empty_scopes_are_refused_naming_the_parameter()
    {
        var auth = Client().Auth;
        var uri = new Uri("https://rp.example/cb");

        Assert.Equal("LoginRequest.State", Assert.Throws<ArgumentException>(() => auth.CreateLoginUrl(new LoginRequest { RedirectUri = uri, State = "has space" })).ParamName);
        Assert.Equal("LoginRequest.State", Assert.Throws<ArgumentException>(() => auth.CreateLoginUrl(new LoginRequest { RedirectUri = uri, State = new string('a', 37) })).ParamName);
        Assert.Equal("LoginRequest.Scopes", Assert.Throws<ArgumentException>(() => auth.CreateLoginUrl(new LoginRequest { RedirectUri = uri, Scopes = [] })).ParamName);
        Assert.Equal("LoginRequest.Scopes", Assert.Throws<ArgumentException>(() => auth.CreateLoginUrl(new LoginRequest { RedirectUri = uri, Scopes = [new IAmSmartScope("a b")] })).ParamName);
    }

    [Fact]
    public void Login_url_to_string_shows_no_state()
    {
        var login = Client().Auth.CreateLoginUrl(new LoginRequest { RedirectUri = new Uri("https://rp.example/cb") });

        Assert.DoesNotContain(login.State, login.ToString(), StringComparison.Ordinal);
    }
}
