using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;

namespace IAmSmart.Sdk.Tests.Operations;

public sealed class InMemoryPendingOperationStoreTests : AtomicPendingOperationStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IPendingOperationStore CreateStore() => new InMemoryPendingOperationStore(Time);

    [Fact]
    public async Task Expired_operations_are_purged_by_later_adds_without_being_read()
    {
        var store = new InMemoryPendingOperationStore(Time);
        for (var i = 0; i < 1000; i++)
        {
            await store.TryAddAsync(new PendingOperation { BusinessId = $"old-{i}", State = "s", Kind = "k", CreatedAt = Start, ExpiresAt = Start.AddMinutes(18) }, Ct);
        }

        Time.Advance(TimeSpan.FromMinutes(19));
        for (var i = 0; i < 100; i++)
        {
            await store.TryAddAsync(new PendingOperation { BusinessId = $"new-{i}", State = "s", Kind = "k", CreatedAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow().AddMinutes(18) }, Ct);
        }

        // Each add purges a bounded number (16) of expired entries: 100 adds clear 1,000 of them, and keep their own 100.
        Assert.Equal(100, store.Count);
    }

    [Fact]
    public async Task A_completed_operation_kept_past_its_first_expiry_is_not_purged_early()
    {
        var store = new InMemoryPendingOperationStore(Time);
        await store.TryAddAsync(new PendingOperation { BusinessId = "biz-1", State = "s", Kind = "k", CreatedAt = Start, ExpiresAt = Start.AddMinutes(18) }, Ct);
        await store.TryCompleteAsync("biz-1", new PendingOperationCompletion { CallbackBody = "{}", Fingerprint = "f", CompletedAt = Start.AddMinutes(17), RetainUntil = Start.AddMinutes(22) }, Ct);

        Time.Advance(TimeSpan.FromMinutes(19));
        await store.TryAddAsync(new PendingOperation { BusinessId = "biz-2", State = "s", Kind = "k", CreatedAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow().AddMinutes(18) }, Ct);

        Assert.NotNull(await store.GetAsync("biz-1", Ct));
    }
}

public sealed class DistributedCachePendingOperationStoreTests : PendingOperationStoreTests
{
    private readonly MemoryDistributedCache _cache = new(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override IPendingOperationStore CreateStore() => new DistributedCachePendingOperationStore(_cache, Time);

    [Fact]
    public async Task Operations_are_written_as_json_under_the_prefixed_key()
    {
        var store = CreateStore();
        await store.TryAddAsync(new PendingOperation { BusinessId = "biz-9", State = "s", Kind = "k", CreatedAt = Start, ExpiresAt = Start.AddMinutes(18) }, Ct);

        var json = System.Text.Encoding.UTF8.GetString((await _cache.GetAsync("iamsmart:operation:biz-9", Ct))!);

        Assert.StartsWith("{\"BusinessId\":\"biz-9\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("IsCompleted", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_entry_reads_as_absent()
    {
        await _cache.SetAsync("iamsmart:operation:biz-8", "not json"u8.ToArray(), Ct);

        Assert.Null(await CreateStore().GetAsync("biz-8", Ct));
    }
}
