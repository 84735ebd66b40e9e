using System.Net;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>Retries (contract §2.2; architecture: only getKey, revokeKey and getResult are retried) seen in WireMock's journal.</summary>
[Collection(WireMockContractServer.Name)]
public sealed class ResilienceContractTests(WireMockServer server)
{
    [Theory]
    [InlineData("getKey-HTTP503-once", 503)]
    [InlineData("getKey-HTTP429-once", 429)]
    public async Task A_transient_getKey_failure_is_retried_with_a_fresh_signature(string contractCase, int failureStatus)
    {
        using var session = await ContractSession.StartAsync(server, contractCase);

        var key = await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ContractData.GetKeyCek, key);
        var journal = await session.JournalAsync();
        Assert.Equal(2, journal.Count);
        Assert.All(journal, r => Assert.True(r.IsFor(IAmSmartFunctions.GetKey.Path)));
        Assert.Equal([failureStatus, 200], journal.Select(r => r.ResponseStatus ?? 0));
        Assert.All(journal, r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek));
        Assert.NotEqual(journal[0].Header("nonce"), journal[1].Header("nonce"));
    }

    [Fact]
    public async Task An_HTTP_500_on_getToken_is_not_retried()
    {
        using var session = await ContractSession.StartAsync(server, "getToken-HTTP500");

        var error = await Assert.ThrowsAsync<IAmSmartServiceException>(
            () => session.Client.Auth.GetTokenAsync("ct-" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.True(error.IsTransient);
        var journal = await session.JournalAsync();
        var getToken = Assert.Single(journal, r => r.IsFor(IAmSmartFunctions.GetToken.Path));
        Assert.Equal(500, getToken.ResponseStatus);
    }
}
