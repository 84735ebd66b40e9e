using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>A simulator that serves many users keeps working: it forgets its oldest state, never its newest.</summary>
public sealed class LongRunTests
{
    [Fact]
    public async Task Codes_issued_after_20000_logins_can_still_be_exchanged()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        string? code = null;
        for (var i = 0; i < 20_000; i++)
        {
            code = sim.LoginCode(SimulatorPersonas.ChanTaiMan);
            if (i is 10_500 or 15_000)
            {
                Assert.False(string.IsNullOrEmpty((string?)(await raw.GetTokenAsync(code))["accessToken"]), $"login {i}");
            }
        }

        var token = await raw.GetTokenAsync(code!);

        Assert.False(string.IsNullOrEmpty((string?)token["accessToken"]));
    }
}
