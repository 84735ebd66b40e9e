using System.Net;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>The web sample over plain HTTP (no browser): the login redirect, a whole login with the persona answering, and the error page.</summary>
public sealed class WebSampleTests
{
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_redirects_to_the_simulators_getQR_page_with_the_expected_parameters()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var http = CreateClient(cookies: null);

        using var response = await http.GetAsync(new Uri(host.BaseAddress, "login"), Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(new Uri(host.Simulator.BaseAddress, "api/v1/auth/getQR?").AbsoluteUri, location.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEqual(host.BaseAddress.Port, location.Port);

        var query = ParseQuery(location.Query);
        Assert.Equal(host.Simulator.Simulator.ClientId, query["clientID"]);
        Assert.Equal("code", query["responseType"]);
        Assert.Equal(new Uri(host.BaseAddress, "signin-iamsmart").AbsoluteUri, query["redirectURI"]);
        Assert.Equal(["eidapi_auth", "eidapi_formFilling", "eidapi_sign"], query["scope"].Split(' ').Order(StringComparer.Ordinal));
        Assert.Equal("PC_Browser", query["source"]);
        Assert.Matches("^[A-Za-z0-9_-]{1,36}$", query["state"]);

        // The login's properties (sealed with the state) wait in one cookie per scheme, scoped to the callback path.
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.IAmSmart.IAmSmart=", StringComparison.Ordinal)
            && c.Contains("path=/signin-iamsmart", StringComparison.OrdinalIgnoreCase)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_persona_who_approves_is_signed_in_and_the_home_page_shows_no_full_openID()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        var cookies = new CookieContainer();
        using var http = CreateClient(cookies);

        using var challenge = await http.GetAsync(new Uri(host.BaseAddress, "login"), Ct);
        // The persona answers in "the app"; the browser then follows iAM Smart's redirect back to the sample.
        var redirect = host.Simulator.Simulator.Authorize(challenge.Headers.Location!, "chan-tai-man", UserAction.Approve);
        Assert.NotNull(redirect.Code);
        using var callback = await http.GetAsync(redirect.Location, Ct);

        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        var home = await http.GetStringAsync(host.BaseAddress, Ct);
        Assert.Contains("id=\"signed-in\"", home, StringComparison.Ordinal);
        Assert.Contains("SigningCapable", home, StringComparison.Ordinal);
        Assert.Contains("eidapi_formFilling", home, StringComparison.Ordinal);
        var openId = await host.OpenIdOfAsync("chan-tai-man", Ct);
        Assert.DoesNotContain(openId, home, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persona_without_iAM_Smart_plus_is_shown_as_a_standard_account()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var http = CreateClient(new CookieContainer());

        using var challenge = await http.GetAsync(new Uri(host.BaseAddress, "login"), Ct);
        var redirect = host.Simulator.Simulator.Authorize(challenge.Headers.Location!, "not-plus", UserAction.Approve);
        using var callback = await http.GetAsync(redirect.Location, Ct);

        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        var home = await http.GetStringAsync(host.BaseAddress, Ct);
        Assert.Contains("iAM Smart (Standard)", home, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningCapable", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_samples_own_registered_redirect_URIs_are_accepted_by_the_embedded_simulator()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);

        var own = host.Simulator.Simulator.SignIn("chan-tai-man", new Uri(host.BaseAddress, "signin-iamsmart"), ["eidapi_auth"], "own", UserAction.Approve);
        var foreign = host.Simulator.Simulator.SignIn("chan-tai-man", new Uri(host.BaseAddress, "elsewhere"), ["eidapi_auth"], "foreign", UserAction.Approve);

        Assert.NotNull(own.Code);
        Assert.Null(foreign.Code);
        Assert.Equal("D20008", foreign.ErrorCode);
    }

    [Fact]
    public async Task A_persona_who_cancels_lands_on_the_error_page_with_D40000_and_is_not_signed_in()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        var cookies = new CookieContainer();
        using var http = CreateClient(cookies);

        using var challenge = await http.GetAsync(new Uri(host.BaseAddress, "login"), Ct);
        var redirect = host.Simulator.Simulator.Authorize(challenge.Headers.Location!, "chan-tai-man", UserAction.Cancel);
        Assert.Equal("D40000", redirect.ErrorCode);
        using var callback = await http.GetAsync(redirect.Location, Ct);

        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        Assert.Equal("/login/failed?code=D40000", callback.Headers.Location?.OriginalString);
        var page = await http.GetStringAsync(new Uri(host.BaseAddress, "login/failed?code=D40000"), Ct);
        Assert.Contains("You cancelled the login", page, StringComparison.Ordinal);
        Assert.Contains("<code id=\"error-code\">D40000</code>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"login\"", await http.GetStringAsync(host.BaseAddress, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_never_echoes_a_code_it_does_not_know()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var http = CreateClient(cookies: null);

        var page = await http.GetStringAsync(new Uri(host.BaseAddress, "login/failed?code=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), Ct);

        Assert.DoesNotContain("script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("error-code", page, StringComparison.Ordinal);
        Assert.Contains("could not be completed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_forbid_scripts_and_caching()
    {
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var http = CreateClient(cookies: null);

        using var response = await http.GetAsync(host.BaseAddress, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", string.Join(';', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("Log in with iAM Smart", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static HttpClient CreateClient(CookieContainer? cookies)
    {
        // No automatic redirects: the tests look at each hop. Cookies only where the test needs a session.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies is not null };
        if (cookies is not null)
        {
            handler.CookieContainer = cookies;
        }

        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(DesktopChrome);
        return http;
    }

    /// <summary>The raw query, each value percent-decoded once; a repeated parameter fails the test.</summary>
    private static Dictionary<string, string> ParseQuery(string query)
        => query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty));
}
