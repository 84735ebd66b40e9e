using System.Net;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.Testing.Tests;

public sealed class FaultAndWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Injected_server_errors_are_503_and_the_Sdk_reports_them_as_transient()
    {
        using var sim = new Sim(o => o.Faults.ServerErrorRate = 1);
        var recorder = new RecordingHandler(sim.Simulator.CreateHandler());
        // getKey is retry-safe: the SDK retries, every attempt gets 503, and the error says it is transient.
        var options = sim.Simulator.CreateClientOptions();
        var error = await Assert.ThrowsAsync<IAmSmartServiceException>(async () =>
        {
            var c = IAmSmartClient.Create(Configure(options), recorder, timeProvider: sim.Clock);
            await c.ContentKeys.GetAsync(Ct);
        });
        Assert.True(error.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(2, recorder.Calls.Count); // first attempt and one retry
        Assert.All(recorder.Calls, c => Assert.Equal(503, c.Status));
    }

    [Fact]
    public async Task Fault_sequence_is_the_same_for_the_same_seed()
    {
        async Task<string> RunAsync(int seed)
        {
            using var sim = new Sim(o =>
            {
                o.Faults.Seed = seed;
                o.Faults.ServerErrorRate = 0.5;
            });
            using var raw = new RawClient(sim.Simulator);
            var statuses = new List<int>();
            for (var i = 0; i < 16; i++)
            {
                using var response = await raw.PostAsync("security/getKey", "{}");
                statuses.Add((int)response.StatusCode);
            }

            return string.Join(',', statuses);
        }

        var first = await RunAsync(7);
        Assert.Equal(first, await RunAsync(7));
        Assert.Contains("503", first, StringComparison.Ordinal);
        Assert.Contains("200", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_timeout_hangs_until_the_client_gives_up()
    {
        using var sim = new Sim(o => o.Faults.TimeoutRate = 1);
        using var raw = new RawClient(sim.Simulator);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = raw.Http.PostAsync("security/getKey", new StringContent("{}"), cts.Token);
        Assert.False(call.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task UseSimulator_wires_a_DI_client_in_one_call()
    {
        using var sim = new Sim();
        var services = new ServiceCollection();
        services.AddIAmSmart(b => b.UseSimulator(sim.Simulator));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IAmSmartOptions>>().Value;
        Assert.Equal(IAmSmartEnvironment.Simulator, options.Environment);
        Assert.Equal(sim.Simulator.BaseUrl, options.BaseUrl);
        var client = provider.GetRequiredService<IAmSmartClient>();
        var key = await client.ContentKeys.GetAsync(Ct);
        var token = await client.Auth.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan), Ct);
        Assert.Equal(SimulatorPersonas.ChanTaiMan.OpenIdFor(sim.Simulator.ClientId), token.OpenId);
        Assert.Equal(key, client.ContentKeys.Current);
    }

    [Fact]
    public async Task CreateClient_wires_a_client_without_DI()
    {
        using var sim = new Sim();
        var client = sim.Simulator.CreateClient();
        var token = await client.Auth.GetTokenAsync(sim.LoginCode(SimulatorPersonas.NotSigningCapable), Ct);
        Assert.False(token.CanSign);
        Assert.Equal(sim.Clock.GetUtcNow().AddHours(4), token.ExpiresAt);
        Assert.Contains("%", token.OpenId, StringComparison.Ordinal); // URL-encoded Base64 like the real openID
    }

    private static IAmSmartOptions Configure(IAmSmartOptions options)
    {
        options.MaxRetries = 1;
        options.RetryBaseDelay = TimeSpan.Zero;
        return options;
    }
}
