using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class AuthCallbackTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open%2Bid%3D","userType":"default","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("?code=ab+c/d==&state=st-1", "ab+c/d==")]
    [InlineData("code=ab%2Bc%2Fd%3D%3D&state=st-1", "ab+c/d==")]
    [InlineData("https://rp.example/cb?code=ab%2bc%2fd%3d%3d&state=st-1#frag", "ab+c/d==")]
    [InlineData("?state=st-1&code=%2B%2B%2F%3D", "++/=")]
    [InlineData("?code=ab%252B&state=st-1", "ab%2B")]
    public void Code_keeps_plus_slash_and_equals_raw_or_percent_encoded_and_is_decoded_once(string query, string expected)
    {
        var callback = AuthCallback.Parse(query);

        Assert.Equal(expected, callback.Code);
        Assert.Equal("st-1", callback.State);
        Assert.True(callback.IsSuccess);
        Assert.Null(callback.Outcome);
    }

    [Theory]
    [InlineData("D40000", UserOutcome.Cancelled)]
    [InlineData("D40001", UserOutcome.Rejected)]
    [InlineData("D40002", UserOutcome.Failed)]
    [InlineData("D40003", UserOutcome.TimedOut)]
    public void Error_code_maps_to_the_user_outcome_of_the_return_code_table(string code, UserOutcome outcome)
    {
        var callback = AuthCallback.Parse($"?error_code={code}&state=st-1");

        Assert.False(callback.IsSuccess);
        Assert.Equal(code, callback.ErrorCode);
        Assert.Equal(outcome, callback.Outcome);
        Assert.Null(callback.Code);
    }

    [Theory]
    [InlineData("D20003")]
    [InlineData("D20008")]
    [InlineData("D99999")]
    public void Error_code_outside_the_user_outcomes_has_no_outcome(string code)
    {
        var callback = AuthCallback.Parse($"?error_code={code}&state=s");

        Assert.False(callback.IsSuccess);
        Assert.Null(callback.Outcome);
        Assert.False(callback.IsDenied);
    }

    // Contract §5.3: "On denial or error: ?error_code=Dxxxxx&state=… (official example: error_code=D20001)"; addendum §A9:
    // a state-only redirect and error_code=D20001 are both a denial.
    [Theory]
    [InlineData("?error_code=D20001&state=st-1")]
    [InlineData("?state=st-1")]
    public void Both_denial_shapes_are_rejected(string query)
    {
        var callback = AuthCallback.Parse(query);

        Assert.False(callback.IsSuccess);
        Assert.Equal(UserOutcome.Rejected, callback.Outcome);
        Assert.True(callback.IsDenied);
        Assert.True(callback.HasState("st-1"));
    }

    [Fact]
    public void D20001_outside_a_redirect_stays_a_caller_error()
    {
        Assert.True(ReturnCodes.TryGet("D20001", out var info));

        Assert.Equal(ReturnCodeClass.CallerError, info.Class);
        Assert.Null(info.Outcome);
    }

    [Fact]
    public void Anonymous_and_direct_login_ids_are_read()
    {
        var callback = AuthCallback.Parse("?code=c1&state=s&businessID=biz-1&RefID=ref%2B1");

        Assert.Equal("biz-1", callback.BusinessId);
        Assert.Equal("ref+1", callback.RefId);
    }

    [Fact]
    public void Repeated_parameter_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => AuthCallback.Parse("?code=a&state=s1&state=s2"));

        // The parameter is not named: the name is the sender's text (issue 13 item 4).
        Assert.Contains("more than once", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("state", ex.Message, StringComparison.Ordinal);
        Assert.Equal("rawQuery", ex.ParamName);
    }

    [Fact]
    public void Empty_or_missing_query_is_neither_success_nor_error()
    {
        var callback = AuthCallback.Parse(null);

        Assert.False(callback.IsSuccess);
        Assert.Null(callback.ErrorCode);
        Assert.Null(callback.State);
    }

    [Fact]
    public void State_check_compares_exactly()
    {
        var callback = AuthCallback.Parse("?code=c&state=Expected_1");

        Assert.True(callback.HasState("Expected_1"));
        Assert.False(callback.HasState("expected_1"));
        Assert.False(AuthCallback.Parse("?code=c").HasState("Expected_1"));
    }

    [Fact]
    public void To_string_shows_neither_code_nor_state()
    {
        var text = AuthCallback.Parse("?code=secret-code&state=secret-state").ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_with_plus_slash_equals_reaches_get_token_intact()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var client = VectorClient.Create(handler);
        var callback = AuthCallback.Parse("?code=Ab%2Bc/d%3D%3D&state=s");

        await client.Auth.GetTokenAsync(callback.Code!, Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body);
        Assert.Equal("Ab+c/d==", sent["code"]!.GetValue<string>());
        Assert.Null(sent["isDirectLoginV2"]);
    }

    [Theory]
    [InlineData("?state=st-1")] // "If the user denies it, only the state parameter will be redirected" (addendum §A3.5)
    [InlineData("")]
    public void Redirect_with_neither_code_nor_error_code_is_a_denial(string query)
    {
        var callback = AuthCallback.Parse(query);

        Assert.False(callback.IsSuccess);
        Assert.Equal(UserOutcome.Rejected, callback.Outcome);
    }

    [Fact]
    public void Values_an_app_forwards_read_like_a_redirect()
    {
        var callback = AuthCallback.FromValues("ab+c=", "st-1", errorCode: "");

        Assert.True(callback.IsSuccess);
        Assert.Equal("ab+c=", callback.Code);
        Assert.True(callback.HasState("st-1"));
        Assert.Null(callback.ErrorCode);
    }
}
