using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Operations;

namespace IAmSmart.Sdk.Redis.Tests;

/// <summary>The whole store contract, atomicity included, against a real Redis; each test under a key prefix of its own.</summary>
[Collection(RedisServerGroup.Name)]
[Trait("Category", "WebFarm")]
public sealed class RedisPendingOperationStoreTests(RedisServer redis) : AtomicPendingOperationStoreTests
{
    private readonly string _prefix = $"test:{Guid.NewGuid():N}:";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IPendingOperationStore CreateStore()
    {
        redis.RequireRunning();
        return new RedisPendingOperationStore(redis.Connection!, new RedisOperationStoreOptions { Configuration = redis.Configuration, KeyPrefix = _prefix }, Time);
    }

    [Fact]
    public async Task Operation_is_one_hash_under_the_prefix_with_a_ttl_past_its_expiry()
    {
        var store = CreateStore();
        await store.TryAddAsync(new PendingOperation { BusinessId = "biz-7", State = "s", Kind = "k", CreatedAt = Start, ExpiresAt = Start.AddMinutes(18) }, Ct);

        var database = redis.Connection!.GetDatabase();
        var fields = (await database.HashGetAllAsync(_prefix + "biz-7")).Select(e => (string)e.Name!).Order(StringComparer.Ordinal);
        var ttl = await database.KeyTimeToLiveAsync(_prefix + "biz-7");

        Assert.Equal(["expiresAt", "operation"], fields);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(18.9), TimeSpan.FromMinutes(19)); // lifetime + the 1-minute slack
    }

    [Fact]
    public async Task Completion_extends_the_ttl_to_the_retention()
    {
        var store = CreateStore();
        await store.TryAddAsync(new PendingOperation { BusinessId = "biz-8", State = "s", Kind = "k", CreatedAt = Start, ExpiresAt = Start.AddMinutes(18) }, Ct);
        Time.Advance(TimeSpan.FromMinutes(17));

        await store.TryCompleteAsync("biz-8", new PendingOperationCompletion { CallbackBody = "{}", Fingerprint = "f", CompletedAt = Time.GetUtcNow(), RetainUntil = Time.GetUtcNow().AddMinutes(5) }, Ct);

        var ttl = await redis.Connection!.GetDatabase().KeyTimeToLiveAsync(_prefix + "biz-8");
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(5.9), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public async Task Damaged_entry_reads_as_absent()
    {
        var store = CreateStore();
        await redis.Connection!.GetDatabase().HashSetAsync(_prefix + "biz-9", [new("operation", "not json"), new("expiresAt", Start.AddMinutes(18).ToUnixTimeMilliseconds())]);

        Assert.Null(await store.GetAsync("biz-9", Ct));
    }

    [Fact]
    public void Options_without_a_configuration_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RedisPendingOperationStore(new RedisOperationStoreOptions()));

        Assert.Contains("Configuration", ex.Message, StringComparison.Ordinal);
    }
}
