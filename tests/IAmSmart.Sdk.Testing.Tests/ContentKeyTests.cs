using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

public sealed class ContentKeyTests
{
    [Fact]
    public async Task Sdk_gets_a_content_key_it_can_unwrap_with_the_test_KEK()
    {
        using var sim = new Sim();
        var client = sim.Simulator.CreateClient();
        var key = await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);
        Assert.Equal(sim.Clock.GetUtcNow() + sim.Simulator.Options.ContentKeyLifetime, key.ExpiresAt);

        using var raw = new RawClient(sim.Simulator);
        Assert.Equal(key, await raw.GetKeyAsync()); // the same key until it expires
    }

    [Fact]
    public async Task GetKey_names_the_KEK_it_used_and_wraps_256_bytes()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var envelope = await raw.PostEnvelopeAsync("security/getKey", string.Empty); // an empty body is accepted too
        var content = envelope["content"]!;
        Assert.Equal(256, Convert.FromBase64String((string)content["secretKey"]!).Length);
        Assert.Equal(sim.Simulator.EnciphermentPublicKey.ToArray(), Convert.FromBase64String((string)content["pubKey"]!));
        Assert.Matches("^<T=[0-9a-f]{32}>$", (string)envelope["txID"]!);
    }

    [Fact]
    public async Task Revoked_key_is_refused_and_the_next_getKey_issues_another()
    {
        using var sim = new Sim();
        var client = sim.Simulator.CreateClient();
        var first = await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);
        await client.ContentKeys.RevokeAsync(TestContext.Current.CancellationToken);
        var second = await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(first, second);

        using var raw = new RawClient(sim.Simulator) { Key = first };
        var reply = await raw.CallAsync("auth/getToken", new JsonObject { ["code"] = "x", ["grantType"] = "authorization_code" });
        Assert.Equal("D30002", reply.Code);
    }

    [Fact]
    public async Task After_rotation_the_old_key_gets_D30002_and_the_Sdk_refreshes_and_succeeds()
    {
        using var sim = new Sim();
        var recorder = new RecordingHandler(sim.Simulator.CreateHandler());
        var client = IAmSmartClient.Create(sim.Simulator.CreateClientOptions(), recorder, timeProvider: sim.Clock);
        var before = await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        sim.Simulator.RotateContentKey(); // mid-flow: the client still believes its key is fresh
        var token = await client.Auth.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan), TestContext.Current.CancellationToken);

        Assert.True(token.CanSign);
        Assert.NotEqual(before, client.ContentKeys.Current);
        var tokenCalls = recorder.Calls.Where(c => c.Path.EndsWith("auth/getToken", StringComparison.Ordinal)).Select(c => c.Code).ToList();
        Assert.Equal(["D30002", "D00000"], tokenCalls);
    }

    [Fact]
    public async Task Scheduled_rotation_retires_a_key_before_its_announced_expiry()
    {
        using var sim = new Sim(o => o.ContentKeyRotationInterval = TimeSpan.FromMinutes(5));
        using var raw = new RawClient(sim.Simulator);
        await raw.GetKeyAsync();
        sim.Clock.Advance(TimeSpan.FromMinutes(6));
        var reply = await raw.CallAsync("auth/getToken", new JsonObject { ["code"] = "x", ["grantType"] = "authorization_code" });
        Assert.Equal("D30002", reply.Code);
    }
}
