using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class AppLinkTests
{
    [Theory]
    [InlineData(IAmSmartEnvironment.Production, "hk.gov.iamsmart")]
    [InlineData(IAmSmartEnvironment.Sandbox, "hk.gov.iamsmart.testapp")]
    [InlineData(IAmSmartEnvironment.Simulator, "hk.gov.iamsmart.testapp")]
    [InlineData(IAmSmartEnvironment.Custom, "hk.gov.iamsmart.testapp")]
    public void Scheme_is_the_production_app_only_in_production(IAmSmartEnvironment environment, string scheme)
    {
        Assert.Equal(scheme, IAmSmartAppLinks.SchemeFor(environment));
    }

    [Theory]
    [InlineData("auth", "hk.gov.iamsmart.testapp://auth?ticketID=t%2B1%2F2%3D")]
    [InlineData("profile", "hk.gov.iamsmart.testapp://profile?ticketID=t%2B1%2F2%3D")]
    [InlineData("hash-sign", "hk.gov.iamsmart.testapp://hash-sign?ticketID=t%2B1%2F2%3D")]
    [InlineData("re-auth", "hk.gov.iamsmart.testapp://re-auth?ticketID=t%2B1%2F2%3D")]
    public void Deep_link_is_scheme_function_and_encoded_ticket(string function, string expected)
    {
        var link = IAmSmartAppLinks.Create(IAmSmartAppLinks.TestingAppScheme, function, "t+1/2=");

        Assert.Equal(expected, link.OriginalString);
    }

    [Fact]
    public void Known_functions_use_the_names_seen_in_public_code()
    {
        Assert.Equal("auth", IAmSmartFunctions.GetQr.AppLinkName);
        Assert.Equal("profile", IAmSmartFunctions.Profile.AppLinkName);
        Assert.Equal("hash-sign", IAmSmartFunctions.HashSigning.AppLinkName);
        Assert.Equal("re-auth", IAmSmartFunctions.StepUp.AppLinkName);
        Assert.Equal("hk.gov.iamsmart://profile?ticketID=x", IAmSmartAppLinks.Create(IAmSmartEnvironment.Production, IAmSmartFunctions.Profile, "x").OriginalString);
    }

    [Fact]
    public void A_function_without_an_app_link_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => IAmSmartAppLinks.Create(IAmSmartEnvironment.Sandbox, IAmSmartFunctions.GetToken, "t"));

        Assert.Equal("function", error.ParamName);
    }

    [Fact]
    public void Empty_ticket_is_refused()
    {
        Assert.Throws<ArgumentException>(() => IAmSmartAppLinks.Create(IAmSmartEnvironment.Sandbox, IAmSmartFunctions.GetQr, " "));
    }
}
