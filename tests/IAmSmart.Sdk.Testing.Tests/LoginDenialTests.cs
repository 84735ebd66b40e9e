using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// The two shapes a login denial may come back in (addendum §A3.5, §A9: only the state, or error_code=D20001), sent by
/// the simulator and read by the SDK as a rejection.
/// </summary>
public sealed class LoginDenialTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("denies-state-only", "?state=st-1", null)]
    [InlineData("denies-d20001", "?error_code=D20001&state=st-1", "D20001")]
    [InlineData("always-rejects", "?error_code=D40001&state=st-1", "D40001")]
    public void Persona_denial_comes_back_in_its_shape_and_reads_as_a_rejection(string personaId, string query, string? errorCode)
    {
        using var sim = new Sim();

        var redirect = sim.Simulator.SignIn(personaId, Sim.Callback, ["eidapi_auth"], "st-1");

        Assert.False(redirect.IsApproved);
        Assert.Equal(errorCode, redirect.ErrorCode);
        Assert.Equal(query, redirect.Location!.Query);
        var callback = AuthCallback.Parse(redirect.Location.Query);
        Assert.True(callback.HasState("st-1"));
        Assert.Equal(UserOutcome.Rejected, callback.Outcome);
    }

    [Fact]
    public void Denial_persona_still_logs_in_when_told_to_approve()
    {
        using var sim = new Sim();

        Assert.True(sim.Simulator.SignIn(SimulatorPersonas.DeniesStateOnly.Id, Sim.Callback, ["eidapi_auth"], "s", UserAction.Approve).IsApproved);
    }

    [Theory]
    [InlineData("deny-state-only", "?state=st-1")]
    [InlineData("deny-d20001", "?error_code=D20001&state=st-1")]
    [InlineData("reject", "?error_code=D40001&state=st-1")]
    public async Task Login_page_offers_both_denial_shapes(string action, string query)
    {
        using var sim = new Sim();
        using var http = new HttpClient(sim.Simulator.CreateHandler(), disposeHandler: true) { BaseAddress = sim.Simulator.BaseUrl };
        var page = await http.GetStringAsync(sim.Simulator.CreateGetQrUrl(Sim.Callback, ["eidapi_auth"], "st-1"), Ct);
        var session = System.Text.RegularExpressions.Regex.Match(page, "name=\"session\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.Contains($"value=\"{action}\"", page, StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["session"] = session, ["persona"] = SimulatorPersonas.ChanTaiMan.Id, ["action"] = action });
        using var response = await http.PostAsync(new Uri("api/v1/auth/simulator/decide", UriKind.Relative), form, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(query, response.Headers.Location!.Query);
        Assert.Equal(UserOutcome.Rejected, AuthCallback.Parse(response.Headers.Location.Query).Outcome);
    }
}
