using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class ScopeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_scope_text_gives_no_scopes(string? text)
    {
        Assert.Empty(IAmSmartScope.ParseList(text));
    }

    [Fact]
    public void Known_and_unknown_scopes_are_parsed_from_space_delimited_text()
    {
        var scopes = IAmSmartScope.ParseList("  eidapi_auth   eidapi_formFilling eidapi_future_thing ");

        Assert.Equal(
            new HashSet<IAmSmartScope> { IAmSmartScope.Auth, IAmSmartScope.FormFilling, new("eidapi_future_thing") },
            scopes);
    }

    [Fact]
    public void Known_scopes_reuse_the_static_values_and_duplicates_collapse()
    {
        var scope = Assert.Single(IAmSmartScope.ParseList("eidapi_sign eidapi_sign"));

        Assert.Same(IAmSmartScope.Sign.Value, scope.Value);
    }

    [Fact]
    public void Scopes_are_case_sensitive()
    {
        var scope = Assert.Single(IAmSmartScope.ParseList("EIDAPI_AUTH"));

        Assert.NotEqual(IAmSmartScope.Auth, scope);
        Assert.Equal("EIDAPI_AUTH", scope.Value);
    }
}
