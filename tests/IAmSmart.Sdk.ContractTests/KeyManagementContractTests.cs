using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>security/getKey and security/revokeKey (contract §3, §4) against the WireMock fixtures.</summary>
[Collection(WireMockContractServer.Name)]
public sealed class KeyManagementContractTests(WireMockServer server)
{
    [Fact]
    public async Task GetKey_unwraps_the_vector_cek_from_the_fixture()
    {
        using var session = await ContractSession.StartAsync(server);

        var key = await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ContractData.GetKeyCek, key);
        Assert.Equal(key, session.Client.ContentKeys.Current);
    }

    [Fact]
    public async Task GetKey_is_sent_once_signed_over_its_exact_body()
    {
        using var session = await ContractSession.StartAsync(server);

        await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);
        await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        var journal = await session.JournalAsync();
        var getKey = Assert.Single(journal);
        Assert.True(getKey.IsFor(IAmSmartFunctions.GetKey.Path));
        RequestJournal.AssertHonoursContract(getKey, ContractData.GetKeyCek);
        Assert.Equal(200, getKey.ResponseStatus);
    }

    [Fact]
    public async Task RevokeKey_is_sent_signed_and_the_next_call_fetches_a_new_key()
    {
        using var session = await ContractSession.StartAsync(server);
        await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        await session.Client.ContentKeys.RevokeAsync(TestContext.Current.CancellationToken);

        Assert.Null(session.Client.ContentKeys.Current);
        await session.Client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.RevokeKey.Path, IAmSmartFunctions.GetKey.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        foreach (var request in journal)
        {
            RequestJournal.AssertHonoursContract(request, ContractData.GetKeyCek);
            Assert.Equal(200, request.ResponseStatus);
        }
    }
}
