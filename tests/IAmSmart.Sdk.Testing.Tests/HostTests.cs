using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Hosting;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>The same simulator behind Kestrel on 127.0.0.1 and a free port, called over real HTTP.</summary>
public sealed class HostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loopback_server_answers_the_Sdk_over_real_HTTP_and_posts_callbacks_to_the_e_service()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var simulator = new IAmSmartSimulator(new SimulatorOptions { DeliverCallbacksAutomatically = false });
        await using var server = await SimulatorServer.StartAsync(simulator, cancellationToken: Ct);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);

        var client = server.CreateClient();
        var callback = new Uri(receiver.BaseAddress, "iamsmart/callback");
        var login = simulator.Authorize(simulator.CreateGetQrUrl(callback, ["eidapi_auth", "eidapi_formFilling"], "st1", baseUrl: server.BaseAddress), "chan-tai-man", UserAction.Approve);
        var token = await client.Auth.GetTokenAsync(login.Code!, Ct);
        Assert.True(token.CanSign);

        using var raw = new RawClient(simulator, new SocketsHttpHandler(), server.BaseAddress);
        var rawToken = await raw.GetTokenAsync(simulator.Authorize(simulator.CreateGetQrUrl(callback, ["eidapi_formFilling"], "st2", baseUrl: server.BaseAddress), "wong-ka-yan").Code!);
        var request = RuleTests.EMeRequest(rawToken, "host-1");
        request["redirectURI"] = callback.AbsoluteUri;
        Assert.Equal("D00000", (await raw.CallAsync("account/eme/initiateRequest", request)).Code);

        var delivered = Assert.Single(await simulator.DeliverDueCallbacksAsync(Ct));
        Assert.True(delivered.Delivered, delivered.Failure);
        var posted = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/iamsmart/callback"), (posted.Method, posted.PathAndQuery));
        Assert.Equal("host-1", (string?)(await CallbackReader.ReadAsync(simulator, delivered.Callback with { Body = posted.Body })).Plaintext["content"]!["businessID"]);
    }

    [Fact]
    public async Task Loopback_server_serves_the_login_page_and_enforces_the_size_limit()
    {
        using var simulator = new IAmSmartSimulator(new SimulatorOptions { MaxRequestBodyBytes = 4096 });
        await using var server = await SimulatorServer.StartAsync(simulator, cancellationToken: Ct);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        var page = await http.GetStringAsync(simulator.CreateGetQrUrl(new Uri("http://127.0.0.1:1/cb"), ["eidapi_auth"], "s", baseUrl: server.BaseAddress), Ct);
        Assert.Contains("id=\"persona\"", page, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", page, StringComparison.Ordinal);

        using var big = await http.PostAsync("api/v1/auth/getToken", new ByteArrayContent(RandomNumberGenerator.GetBytes(8192)), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
    }

    [Fact]
    public async Task Server_refuses_a_non_loopback_address_unless_allowed()
    {
        using var simulator = new IAmSmartSimulator();
        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(simulator, new Uri("http://0.0.0.0:0"), cancellationToken: Ct));
    }

    [Fact]
    public async Task Stopped_server_no_longer_answers()
    {
        using var simulator = new IAmSmartSimulator();
        var server = await SimulatorServer.StartAsync(simulator, cancellationToken: Ct);
        var address = server.BaseAddress;
        using var http = new HttpClient();
        Assert.Contains("iAM Smart simulator", await http.GetStringAsync(address, Ct), StringComparison.Ordinal);
        await server.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(address, Ct));
    }
}
