using System.Net;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Net.Http.Headers;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>A browser-style login through the handler: challenge, getQR URL, redirect back, getToken, signed-in principal.</summary>
public sealed class LoginFlowTests
{
    private const string IphoneSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private const string StateCookie = ".AspNetCore.IAmSmart.IAmSmart";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Full_login_challenges_to_get_qr_exchanges_the_code_and_signs_in_the_principal()
    {
        await using var host = await IAmSmartTestHost.StartAsync();

        // 1. The app challenges: the browser is sent to iAM Smart's getQR page.
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);
        var query = QueryOf(getQr);
        Assert.Equal("https://iamsmart.test/api/v1/auth/getQR", getQr.GetLeftPart(UriPartial.Path));
        Assert.Equal("iOS_Safari", query["source"]);
        Assert.Equal("true", query["brokerPage"]);
        Assert.Equal("code", query["responseType"]);
        Assert.Equal("eidapi_auth", query["scope"]);
        Assert.Equal(TestVectors.Credentials().ClientId, query["clientID"]);
        Assert.Equal("http://localhost/signin-iamsmart", query["redirectURI"]);
        Assert.Contains("redirectURI=http%3A%2F%2Flocalhost%2Fsignin-iamsmart&", getQr.Query, StringComparison.Ordinal);
        var state = query["state"];
        Assert.True(IAmSmartState.IsWellFormed(state));
        Assert.Contains(cookies, c => c.Key == ".AspNetCore.Correlation.IAmSmart");
        Assert.Contains(cookies, c => c.Key == StateCookie);

        // 2. iAM Smart sends the browser back with a code holding + / = (raw +, encoded / and =).
        var callback = await SendAsync(host, $"/signin-iamsmart?code=Ab+c%2Fd%3D%3D&state={state}", cookies);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/me", callback.Headers.Location!.OriginalString);
        var getToken = host.IAmSmart.To(IAmSmartFunctions.GetToken.Path).Single();
        Assert.Equal("Ab+c/d==", VectorClient.DecryptRequest(getToken.Body)["code"]!.GetValue<string>());

        // 3. The signed-in principal.
        var signedIn = Merge(cookies, callback);
        var me = await SendAsync(host, "/me", signedIn);
        var claims = (await me.Content.ReadAsStringAsync(Ct)).Split('\n');
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier=oPen+Id/9=", claims);
        Assert.Contains("iamsmart:user_type=sign", claims);
        Assert.Contains("iamsmart:scope=eidapi_auth", claims);
        Assert.Contains("iamsmart:scope=eidapi_sign", claims);
        Assert.Contains("iamsmart:token_expires_at=2026-03-01T13:00:00.0000000Z", claims);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "203.0.113.7")]
    public async Task The_code_exchange_carries_the_end_user_ip_only_when_asked(bool send, string? expected)
    {
        await using var host = await IAmSmartTestHost.StartAsync(
            configureLogin: o => o.SendEndUserIp = send,
            beforeAuthentication: app => app.Use((context, next) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"); // as a real connection would have
                return next(context);
            }));
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var callback = await SendAsync(host, $"/signin-iamsmart?code=code-1&state={QueryOf(getQr)["state"]}", cookies);

        Assert.Equal("/me", callback.Headers.Location!.OriginalString);
        var getToken = host.IAmSmart.To(IAmSmartFunctions.GetToken.Path).Single();
        Assert.Equal(expected, getToken.Headers.GetValueOrDefault("x-forwarded-for"));
    }

    [Fact]
    public async Task Pc_browser_gets_no_broker_page_and_configured_language_and_scopes_are_sent()
    {
        await using var host = await IAmSmartTestHost.StartAsync(o =>
        {
            o.Language = IAmSmartLanguage.English;
            o.Scopes.Add(IAmSmartScope.Sign);
        });

        var (getQr, _) = await ChallengeAsync(host, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36");

        var query = QueryOf(getQr);
        Assert.Equal("PC_Browser", query["source"]);
        Assert.Equal("false", query["brokerPage"]);
        Assert.Equal("en-US", query["lang"]);
        Assert.Contains("&scope=eidapi_auth%20eidapi_sign&", getQr.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_cancellation_is_a_remote_failure_naming_d40000_and_no_token_is_requested()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var callback = await SendAsync(host, $"/signin-iamsmart?error_code=D40000&state={QueryOf(getQr)["state"]}", cookies);

        Assert.Equal("/login-failed", callback.Headers.Location!.OriginalString);
        var failure = Assert.IsType<IAmSmartUserOutcomeException>(host.LastFailure);
        Assert.Equal(UserOutcome.Cancelled, failure.Outcome);
        Assert.Equal("D40000", failure.Code);
        Assert.Contains("cancelled", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task Cancellation_goes_to_the_access_denied_path_when_one_is_set()
    {
        await using var host = await IAmSmartTestHost.StartAsync(o => o.AccessDeniedPath = "/denied");
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var callback = await SendAsync(host, $"/signin-iamsmart?error_code=D40001&state={QueryOf(getQr)["state"]}", cookies);

        Assert.Equal("/denied", callback.Headers.Location!.AbsolutePath);
        Assert.Null(host.LastFailure);
    }

    // Contract §5.3 (official example error_code=D20001) and addendum §A3.5 ("only the state parameter will be
    // redirected"); addendum §A9: treat both as denial.
    [Theory]
    [InlineData("error_code=D20001&")]
    [InlineData("")]
    public async Task Both_denial_shapes_go_to_the_access_denied_path_without_a_token_request(string denial)
    {
        await using var host = await IAmSmartTestHost.StartAsync(o => o.AccessDeniedPath = "/denied");
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var callback = await SendAsync(host, $"/signin-iamsmart?{denial}state={QueryOf(getQr)["state"]}", cookies);

        Assert.Equal("/denied", callback.Headers.Location!.AbsolutePath);
        Assert.Null(host.LastFailure);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Theory]
    [InlineData("error_code=D20001&", "D20001")]
    [InlineData("", null)]
    public async Task Both_denial_shapes_without_an_access_denied_path_are_a_rejection(string denial, string? code)
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var callback = await SendAsync(host, $"/signin-iamsmart?{denial}state={QueryOf(getQr)["state"]}", cookies);

        Assert.Equal("/login-failed", callback.Headers.Location!.OriginalString);
        var failure = Assert.IsType<IAmSmartUserOutcomeException>(host.LastFailure);
        Assert.Equal(UserOutcome.Rejected, failure.Outcome);
        Assert.Equal(code, failure.Code);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData(true)]
    [InlineData(false)]
    public async Task State_only_redirect_with_a_wrong_or_missing_state_is_a_correlation_failure_not_a_denial(bool wrongState)
    {
        await using var host = await IAmSmartTestHost.StartAsync(o => o.AccessDeniedPath = "/denied");
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var forged = await SendAsync(host, wrongState ? $"/signin-iamsmart?state={IAmSmartState.Generate()}" : "/signin-iamsmart", cookies);

        Assert.Equal("/login-failed", forged.Headers.Location!.OriginalString); // a remote failure, not the access-denied path
        Assert.NotNull(host.LastFailure);
        Assert.IsNotType<IAmSmartUserOutcomeException>(host.LastFailure);

        // The login under way is untouched: its genuine callback still signs in.
        var genuine = await SendAsync(host, $"/signin-iamsmart?code=c1&state={QueryOf(getQr)["state"]}", Merge(cookies, forged));
        Assert.Equal("/me", genuine.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Error_code_that_is_not_a_return_code_is_not_echoed()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        await SendAsync(host, $"/signin-iamsmart?error_code=%3Cscript%3E&state={QueryOf(getQr)["state"]}", cookies);

        Assert.NotNull(host.LastFailure);
        Assert.DoesNotContain("script", host.LastFailure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Callback_with_an_unknown_state_fails_without_calling_get_token_and_leaves_the_real_login_intact()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        var forged = await SendAsync(host, $"/signin-iamsmart?code=c1&state={IAmSmartState.Generate()}", cookies);

        Assert.Contains("does not belong to this state", host.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
        var genuine = await SendAsync(host, $"/signin-iamsmart?code=c1&state={QueryOf(getQr)["state"]}", Merge(cookies, forged));
        Assert.Equal("/me", genuine.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_from_another_browser_without_the_correlation_cookie_fails()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);
        var withoutCorrelation = cookies.Where(c => !c.Key.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal)).ToDictionary();

        await SendAsync(host, $"/signin-iamsmart?code=c1&state={QueryOf(getQr)["state"]}", withoutCorrelation);

        Assert.Contains("Correlation failed", host.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task State_cookie_used_with_another_state_is_refused()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (_, cookies) = await ChallengeAsync(host, IphoneSafari);
        var other = IAmSmartState.Generate();

        await SendAsync(host, $"/signin-iamsmart?code=c1&state={other}", cookies);

        Assert.Contains("does not belong to this state", host.LastFailure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_cookie_is_deleted_on_the_callback_so_a_replay_without_it_fails()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);
        var state = QueryOf(getQr)["state"];

        var first = await SendAsync(host, $"/signin-iamsmart?code=c1&state={state}", cookies);
        var afterFirst = Merge(cookies, first);
        await SendAsync(host, $"/signin-iamsmart?code=c1&state={state}", afterFirst);

        Assert.DoesNotContain(afterFirst, c => c.Key == StateCookie);
        Assert.Contains("state was not found", host.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task Expired_code_at_get_token_is_a_remote_failure_carrying_d40004()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        host.IAmSmart.OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Failure("D40004", "authCode not exist or expired"));
        var (getQr, cookies) = await ChallengeAsync(host, IphoneSafari);

        await SendAsync(host, $"/signin-iamsmart?code=c1&state={QueryOf(getQr)["state"]}", cookies);

        var failure = Assert.IsType<IAmSmartExpiredException>(host.LastFailure);
        Assert.Equal("D40004", failure.Code);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Hundred_logins_in_one_browser_leave_one_state_cookie_and_the_last_login_succeeds()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = string.Empty;
        for (var i = 0; i < 100; i++)
        {
            // The same browser clicks "log in" again and again: every request carries the jar, as a browser's would.
            var login = await SendAsync(host, "/login", jar);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            state = QueryOf(login.Headers.Location!)["state"];
            jar = Merge(jar, login);
        }

        Assert.Equal([".AspNetCore.Correlation.IAmSmart", StateCookie], jar.Keys.Order(StringComparer.Ordinal));
        var cookieHeader = string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
        Assert.True(cookieHeader.Length < 1024, $"The Cookie header is {cookieHeader.Length} bytes after 100 logins.");

        var callback = await SendAsync(host, $"/signin-iamsmart?code=c1&state={state}", jar);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/me", callback.Headers.Location!.OriginalString);
        Assert.Null(host.LastFailure);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_login_replaced_by_a_later_one_in_the_same_browser_fails_without_a_token_request()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (first, cookies) = await ChallengeAsync(host, IphoneSafari);
        var second = await SendAsync(host, "/login", cookies);
        var jar = Merge(cookies, second);

        await SendAsync(host, $"/signin-iamsmart?code=c1&state={QueryOf(first)["state"]}", jar);

        Assert.Contains("does not belong to this state", host.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.IAmSmart.Count(IAmSmartFunctions.GetToken.Path));
    }

    internal static async Task<(Uri GetQr, Dictionary<string, string> Cookies)> ChallengeAsync(IAmSmartTestHost host, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await host.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (response.Headers.Location!, Merge(new Dictionary<string, string>(), response));
    }

    internal static async Task<HttpResponseMessage> SendAsync(IAmSmartTestHost host, string path, IReadOnlyDictionary<string, string> cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        return await host.Client.SendAsync(request, Ct);
    }

    /// <summary>What a browser's cookie jar holds after <paramref name="response"/>: set cookies added, deleted ones removed.</summary>
    internal static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> jar, HttpResponseMessage response)
    {
        var result = new Dictionary<string, string>(jar, StringComparer.Ordinal);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var cookie in SetCookieHeaderValue.ParseList([.. values]))
            {
                if (cookie.Expires is { } expires && expires < DateTimeOffset.UtcNow)
                {
                    result.Remove(cookie.Name.Value!);
                }
                else
                {
                    result[cookie.Name.Value!] = cookie.Value.Value!;
                }
            }
        }

        return result;
    }

    internal static Dictionary<string, string> QueryOf(Uri uri)
        => uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
}
