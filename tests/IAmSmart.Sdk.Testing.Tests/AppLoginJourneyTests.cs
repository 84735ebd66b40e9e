using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>Logins that do not start in a browser (addendum §A5): the native-app link and Direct Login v2, end to end.</summary>
public sealed class AppLoginJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Uri UniversalLink = new("https://e-service.example/app/iamsmart-landing");

    private static (Sim Sim, IAmSmartClient Client) Start(Action<SimulatorOptions>? configure = null)
    {
        var sim = new Sim(configure);
        return (sim, IAmSmartClient.Create(sim.Simulator.CreateClientOptions(), sim.Simulator.CreateHandler(), timeProvider: sim.Clock));
    }

    [Fact]
    public async Task Ios_app_login_link_returns_a_code_and_state_that_the_back_end_exchanges()
    {
        var (sim, client) = Start();
        using (sim)
        using (client)
        {
            var link = client.Auth.CreateAppLoginLink(new AppLoginRequest { IosUniversalLink = UniversalLink, Scopes = [IAmSmartScope.Auth, IAmSmartScope.Sign] });

            var result = sim.Simulator.OpenAppLoginLink(link.Url, SimulatorPersonas.ChanTaiMan.Id, UserAction.Approve);
            var forwarded = AuthCallback.FromValues(result.Code, result.State);
            var token = await client.Auth.GetTokenAsync(forwarded.Code!, Ct);

            Assert.Equal(UniversalLink, result.Target!.UniversalLink);
            Assert.True(forwarded.HasState(link.State));
            Assert.Contains(IAmSmartScope.Sign, token.Scopes);
        }
    }

    [Fact]
    public async Task Android_app_login_reaches_a_registered_activity()
    {
        var (sim, client) = Start(o => o.RegisteredAndroidApps.Add("hk.example.bank/hk.example.bank.LoginResultActivity"));
        using (sim)
        using (client)
        {
            var link = client.Auth.CreateAppLoginLink(new AppLoginRequest { AndroidPackageName = "hk.example.bank", AndroidActivityClass = "hk.example.bank.LoginResultActivity" });

            var result = sim.Simulator.OpenAppLoginLink(link.Url, SimulatorPersonas.ChanTaiMan.Id, UserAction.Approve);
            var token = await client.Auth.GetTokenAsync(result.Code!, Ct);

            Assert.Equal("hk.example.bank.LoginResultActivity", result.Target!.ActivityClass);
            Assert.Equal(link.State, result.State);
            Assert.False(string.IsNullOrEmpty(token.OpenId));
        }
    }

    [Fact]
    public void Android_app_that_is_not_registered_gets_no_code()
    {
        var (sim, client) = Start();
        using (sim)
        using (client)
        {
            var link = client.Auth.CreateAppLoginLink(new AppLoginRequest { AndroidPackageName = "hk.example.other", AndroidActivityClass = "Result" });

            var result = sim.Simulator.OpenAppLoginLink(link.Url, SimulatorPersonas.ChanTaiMan.Id, UserAction.Approve);

            Assert.False(result.IsApproved);
            Assert.Equal("D20008", result.ErrorCode);
        }
    }

    [Fact]
    public void User_who_cancels_in_the_app_sends_the_app_an_error_code_with_the_state()
    {
        var (sim, client) = Start();
        using (sim)
        using (client)
        {
            var link = client.Auth.CreateAppLoginLink(new AppLoginRequest { IosUniversalLink = UniversalLink });

            var result = sim.Simulator.OpenAppLoginLink(link.Url, SimulatorPersonas.ChanTaiMan.Id, UserAction.Cancel);
            var forwarded = AuthCallback.FromValues(result.Code, result.State, result.ErrorCode);

            Assert.Equal(UserOutcome.Cancelled, forwarded.Outcome);
            Assert.True(forwarded.HasState(link.State));
        }
    }

    [Theory]
    [InlineData("App_Link")]
    [InlineData("App_Package")]
    [InlineData("App_Scheme")]
    public void Browser_getQR_with_an_app_source_is_refused_with_D20007(string source)
    {
        using var sim = new Sim();

        var redirect = sim.Simulator.Authorize(sim.Simulator.CreateGetQrUrl(Sim.Callback, ["eidapi_auth"], "st-1", source: source), SimulatorPersonas.ChanTaiMan.Id, UserAction.Approve);

        Assert.Equal("D20007", redirect.ErrorCode);
        Assert.Null(redirect.Code);
    }

    [Fact]
    public async Task Direct_login_v2_to_a_web_endpoint_is_exchanged_without_a_state()
    {
        var (sim, client) = Start();
        using (sim)
        using (client)
        {
            var start = sim.Simulator.StartDirectLoginV2(SimulatorPersonas.ChanTaiMan.Id);
            var callback = DirectLoginV2Callback.Parse(start.Query);

            var token = await client.Auth.GetTokenAsync(callback, Ct);

            Assert.Equal(start.RefId, callback.RefId);
            Assert.Null(callback.CodeVerifier);
            Assert.False(string.IsNullOrEmpty(token.Token));
        }
    }

    [Fact]
    public async Task Direct_login_v2_to_an_app_needs_the_code_verifier_the_app_received()
    {
        var (sim, client) = Start();
        using (sim)
        using (client)
        {
            var stolen = sim.Simulator.StartDirectLoginV2(SimulatorPersonas.ChanTaiMan.Id, toApp: true);
            var genuine = sim.Simulator.StartDirectLoginV2(SimulatorPersonas.ChanTaiMan.Id, toApp: true);

            var refused = await Assert.ThrowsAnyAsync<IAmSmartException>(
                () => client.Auth.GetTokenAsync(DirectLoginV2Callback.FromValues(stolen.Code, codeVerifier: "not-the-verifier"), Ct));
            var token = await client.Auth.GetTokenAsync(DirectLoginV2Callback.Parse(genuine.Query), Ct);

            Assert.Equal("D20003", refused.Code);
            Assert.NotNull(genuine.CodeVerifier);
            Assert.False(string.IsNullOrEmpty(token.Token));
        }
    }

    [Fact]
    public void Direct_login_v2_declined_in_the_app_carries_an_error_code_and_no_code()
    {
        using var sim = new Sim();

        var start = sim.Simulator.StartDirectLoginV2(SimulatorPersonas.ChanTaiMan.Id, action: UserAction.Reject);
        var callback = DirectLoginV2Callback.Parse(start.Query);

        Assert.False(callback.IsSuccess);
        Assert.Equal(UserOutcome.Rejected, callback.Outcome);
    }
}
