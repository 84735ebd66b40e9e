using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Tests.Operations;

public sealed class OperationsRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Configure(IAmSmartOptions o)
    {
        var vector = VectorClient.Options();
        o.Environment = vector.Environment;
        o.BaseUrl = vector.BaseUrl;
        o.ClientId = vector.ClientId;
        o.ClientSecret = vector.ClientSecret;
        o.KeyEncryptionKeys.Add(VectorClient.Kek());
    }

    [Fact]
    public async Task Without_a_store_registration_operations_live_in_memory()
    {
        var services = new ServiceCollection();
        services.AddIAmSmart(b => b.Configure(Configure));
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryPendingOperationStore>(provider.GetRequiredService<IAmSmartClient>().Operations.Store);
    }

    [Fact]
    public async Task Distributed_cache_store_is_used_when_asked_for_and_shared_by_every_client_over_the_same_cache()
    {
        var services = new ServiceCollection();
        services.AddDistributedMemoryCache();
        services.AddIAmSmart(b => b.Configure(Configure).UseDistributedCacheOperationStore());
        await using var provider = services.BuildServiceProvider();
        var operations = provider.GetRequiredService<IAmSmartClient>().Operations;

        var op = await operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        Assert.IsType<DistributedCachePendingOperationStore>(operations.Store);
        var direct = new DistributedCachePendingOperationStore(provider.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>());
        var stored = (await direct.GetAsync(op.BusinessId, Ct))!;
        Assert.Equal(op.StateHash, stored.StateHash);
        Assert.Empty(stored.State); // the store never sees the state in clear
    }

    [Fact]
    public async Task Operation_lifetime_is_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IAmSmart:PendingOperations:Lifetime"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddIAmSmart(configuration.GetSection("IAmSmart")).Configure(Configure);
        await using var provider = services.BuildServiceProvider();

        var op = await provider.GetRequiredService<IAmSmartClient>().Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        Assert.Equal(TimeSpan.FromMinutes(5), op.ExpiresAt - op.CreatedAt);
    }
}
