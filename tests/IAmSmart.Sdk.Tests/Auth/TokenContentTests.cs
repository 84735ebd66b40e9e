using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class TokenContentTests
{
    private const string Full = """{"accessToken":"tok-5ddc9ccf","tokenType":"Bearer","issueAt":1557053922938,"expiresIn":14400000,"openID":"caO58FEF%3D","lastModifiedDate":1560849218006,"userType":"sign","scope":"eidapi_auth eidapi_sign"}""";

    [Fact]
    public void Every_member_is_read()
    {
        var content = Read(Full);

        Assert.Equal("tok-5ddc9ccf", content.AccessToken);
        Assert.Equal("Bearer", content.TokenType);
        Assert.Equal(1557053922938, content.IssueAt);
        Assert.Equal(14400000, content.ExpiresIn);
        Assert.Equal("caO58FEF%3D", content.OpenId);
        Assert.Equal(1560849218006, content.LastModifiedDate);
        Assert.Equal("sign", content.UserType);
        Assert.Equal("eidapi_auth eidapi_sign", content.Scope);
    }

    [Fact]
    public void Numbers_may_come_as_strings()
    {
        var content = Read("""{"issueAt":"1557053922938","expiresIn":"-1","lastModifiedDate":"1560849218006"}""");

        Assert.Equal(1557053922938, content.IssueAt);
        Assert.Equal(-1, content.ExpiresIn);
        Assert.Equal(1560849218006, content.LastModifiedDate);
    }

    [Fact]
    public void Unknown_members_of_any_shape_are_skipped_in_any_order()
    {
        var content = Read("""{"extra":{"accessToken":"inner","list":[1,{"openID":"x"}]},"openID":"open-1","more":[{"a":null}],"accessToken":"tok-1","flag":true}""");

        Assert.Equal("tok-1", content.AccessToken);
        Assert.Equal("open-1", content.OpenId);
    }

    [Fact]
    public void Null_and_missing_optional_members_stay_null()
    {
        var content = Read("""{"accessToken":null,"lastModifiedDate":null}""");

        Assert.Null(content.AccessToken);
        Assert.Null(content.LastModifiedDate);
        Assert.Null(content.Scope);
        Assert.Equal(0, content.IssueAt);
    }

    [Fact]
    public void Escaped_strings_are_unescaped_and_a_later_duplicate_wins()
    {
        var content = Read("""{"openID":"first","openID":"ab\u002Bcd\/\u7533"}""");

        Assert.Equal("ab+cd/申", content.OpenId);
    }

    [Fact]
    public void Member_names_are_case_sensitive()
    {
        var content = Read("""{"AccessToken":"tok-1","openid":"open-1"}""");

        Assert.Null(content.AccessToken);
        Assert.Null(content.OpenId);
    }

    [Theory]
    [InlineData("""{"accessToken":42}""")]
    [InlineData("""{"scope":["eidapi_auth"]}""")]
    [InlineData("""{"issueAt":"soon"}""")]
    [InlineData("""{"issueAt":" 1"}""")]
    [InlineData("""{"issueAt":null}""")]
    [InlineData("""{"expiresIn":1.5}""")]
    [InlineData("""{"expiresIn":true}""")]
    [InlineData("""["accessToken"]""")]
    [InlineData("""{"accessToken":"tok-1" """)]
    public void Wrong_shapes_are_json_errors(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Fact]
    public void Conversion_gives_the_access_token_with_its_times_type_and_scopes()
    {
        var token = Read(Full).ToAccessToken(txId: "<T=1>");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1557053922938), token.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1557053922938 + 14400000), token.ExpiresAt);
        Assert.Equal(IAmSmartUserType.SigningCapable, token.UserType);
        Assert.Equal(new HashSet<IAmSmartScope> { IAmSmartScope.Auth, IAmSmartScope.Sign }, token.Scopes);
    }

    private static TokenContent Read(string json)
        => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), AuthJsonContext.Default.TokenContent)!;
}
