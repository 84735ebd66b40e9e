using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class DirectLoginTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"oid","userType":"sign","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Get_state_request_is_answered_with_the_redirect_carrying_state_client_id_scope_and_name()
    {
        var (clientId, _) = TestVectors.Credentials();
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var request = DirectLoginStateRequest.Parse(
            $"?redirectURI=https%3A%2F%2Fiamsmart.test%2Fapi%2Fv1%2Fauth%2FdirectLogin%3Fx%3D1&ClientID={clientId}&scope=eidapi_auth%20eidapi_sign&eserviceName=Demo%20Bank");

        var redirect = client.Auth.CreateDirectLoginRedirect(request, "st_1");

        Assert.Equal(
            $"https://iamsmart.test/api/v1/auth/directLogin?x=1&state=st_1&clientID={clientId}&scope=eidapi_auth%20eidapi_sign&eserviceName=Demo%20Bank",
            redirect.Url.AbsoluteUri);
        Assert.Equal("st_1", redirect.State);
    }

    [Fact]
    public void Generated_direct_login_state_is_well_formed()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var redirect = client.Auth.CreateDirectLoginRedirect(DirectLoginStateRequest.Parse("?redirectURI=https%3A%2F%2Fiamsmart.test%2Fdl"));

        Assert.True(IAmSmartState.IsWellFormed(redirect.State));
        Assert.Contains($"state={redirect.State}&clientID=", redirect.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("scope", redirect.Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirect_to_another_host_is_refused_as_an_open_redirect()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var ex = Assert.Throws<ArgumentException>(() => client.Auth.CreateDirectLoginRedirect(DirectLoginStateRequest.Parse("?redirectURI=https%3A%2F%2Fevil.example%2Fdl")));

        Assert.Equal("DirectLoginStateRequest.RedirectUri", ex.ParamName);
        Assert.Contains("open redirect", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_for_another_client_id_is_refused()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var ex = Assert.Throws<ArgumentException>(() => client.Auth.CreateDirectLoginRedirect(DirectLoginStateRequest.Parse("?redirectURI=https%3A%2F%2Fiamsmart.test%2Fdl&clientID=other")));

        Assert.Contains("ClientId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_state_request_without_a_redirect_uri_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => DirectLoginStateRequest.Parse("?clientID=x"));

        Assert.Contains("redirectURI", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_login_v2_code_is_exchanged_with_the_v2_flag()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var client = VectorClient.Create(handler);
        var callback = AuthCallback.Parse("?code=c%2B1&RefID=r1");

        var token = await client.Auth.GetDirectLoginV2TokenAsync(callback.Code!, Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body);
        Assert.Equal("c+1", sent["code"]!.GetValue<string>());
        Assert.Equal("true", sent["isDirectLoginV2"]!.GetValue<string>());
        Assert.True(token.CanSign);
    }

    [Fact]
    public void Direct_login_v2_web_callback_has_no_state_and_keeps_its_RefID()
    {
        var callback = DirectLoginV2Callback.Parse("?code=ab%2Bc%3D&cCode=corp-ignored&RefID=REF-20261203-0001");

        Assert.True(callback.IsSuccess);
        Assert.Equal("ab+c=", callback.Code);
        Assert.Equal("REF-20261203-0001", callback.RefId);
        Assert.Null(callback.CodeVerifier);
        Assert.DoesNotContain("ab+c", callback.ToString(), StringComparison.Ordinal);
        Assert.Contains("REF-20261203-0001", callback.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_login_v2_error_callback_maps_its_outcome_and_cannot_be_exchanged()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var callback = DirectLoginV2Callback.Parse("?error_code=D40000&RefID=r1");

        Assert.False(callback.IsSuccess);
        Assert.Equal(UserOutcome.Cancelled, callback.Outcome);
        await Assert.ThrowsAsync<ArgumentException>(() => client.Auth.GetTokenAsync(callback, Ct));
    }

    // Addendum §A9's denial shapes (state-only, error_code=D20001&state) answer a login the e-service started; Direct
    // Login v2 has no state and sends error_code only on an exception (§A5.4), so neither is read as a denial here.
    [Theory]
    [InlineData("?RefID=r1")]
    [InlineData("")]
    [InlineData("?error_code=D20001&RefID=r1")]
    public void Direct_login_v2_reads_no_denial_from_an_empty_query_or_D20001(string query)
    {
        var callback = DirectLoginV2Callback.Parse(query);

        Assert.False(callback.IsSuccess);
        Assert.Null(callback.Outcome);
        Assert.True(AuthCallback.Parse(query.Replace("RefID", "state", StringComparison.Ordinal)).Outcome == UserOutcome.Rejected, "the login-redirect rule it differs from");
    }

    [Fact]
    public async Task Direct_login_v2_app_code_is_exchanged_with_the_flag_and_its_code_verifier()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var client = VectorClient.Create(handler);
        var callback = DirectLoginV2Callback.Parse("?code=0ad186353c424c64897fcc00445c9ba1&code_verifier=DxjdFp0vKYCY4F0DE6M3eEadLxcJBTb6k4LZ9J5z");

        await client.Auth.GetTokenAsync(callback, Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body);
        Assert.Equal("0ad186353c424c64897fcc00445c9ba1", sent["code"]!.GetValue<string>());
        Assert.Equal("authorization_code", sent["grantType"]!.GetValue<string>());
        Assert.Equal("true", sent["isDirectLoginV2"]!.GetValue<string>());
        Assert.Equal("DxjdFp0vKYCY4F0DE6M3eEadLxcJBTb6k4LZ9J5z", sent["code_verifier"]!.GetValue<string>());
        Assert.DoesNotContain("DxjdFp0v", callback.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_login_getToken_sends_neither_the_flag_nor_a_verifier()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var client = VectorClient.Create(handler);

        await client.Auth.GetTokenAsync("c1", Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body);
        Assert.Equal(["code", "grantType"], sent.AsObject().Select(p => p.Key));
    }
}
