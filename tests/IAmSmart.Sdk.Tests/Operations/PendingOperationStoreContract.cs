using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Tests.Operations;

/// <summary>
/// The contract every <see cref="IPendingOperationStore"/> keeps, run against each implementation. Self-contained (SDK
/// types and <c>FakeTimeProvider</c> only), so that a store package's test project links it.
/// </summary>
public abstract class PendingOperationStoreTests
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private protected FakeTimeProvider Time { get; } = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IPendingOperationStore CreateStore();

    private static PendingOperation Operation(string businessId = "biz-1") => new()
    {
        BusinessId = businessId,
        StateHash = "hmac-sha256:state-1",
        Kind = "stepup",
        CreatedAt = Start,
        ExpiresAt = Start.AddMinutes(18),
    };

    private static PendingOperationCompletion Completion(string fingerprint, int minutes = 1) => new()
    {
        CallbackBody = """{"code":"D00000"}""",
        Fingerprint = fingerprint,
        CompletedAt = Start.AddMinutes(minutes),
        RetainUntil = Start.AddMinutes(minutes + 5),
    };

    [Fact]
    public async Task Added_operation_is_read_back_with_every_field()
    {
        var store = CreateStore();

        Assert.True(await store.TryAddAsync(Operation(), Ct));
        var read = await store.GetAsync("biz-1", Ct);

        Assert.NotNull(read);
        Assert.Equal(("biz-1", "hmac-sha256:state-1", "stepup", Start, Start.AddMinutes(18)), (read.BusinessId, read.StateHash, read.Kind, read.CreatedAt, read.ExpiresAt));
        Assert.False(read.IsCompleted);
    }

    [Fact]
    public async Task Second_add_with_the_same_business_id_is_refused()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);

        Assert.False(await store.TryAddAsync(Operation(), Ct));
    }

    [Fact]
    public async Task Unknown_operation_reads_as_null_and_cannot_be_completed()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("nobody", Ct));
        Assert.Null(await store.TryCompleteAsync("nobody", Completion("f1"), Ct));
    }

    [Fact]
    public async Task First_completion_wins_and_a_second_leaves_it_unchanged()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);

        var first = await store.TryCompleteAsync("biz-1", Completion("f1"), Ct);
        var second = await store.TryCompleteAsync("biz-1", Completion("f2", minutes: 2), Ct);

        Assert.Equal("f1", first!.Completion!.Fingerprint);
        Assert.Equal("f1", second!.Completion!.Fingerprint);
        Assert.Equal("f1", (await store.GetAsync("biz-1", Ct))!.Completion!.Fingerprint);
        Assert.Equal("""{"code":"D00000"}""", second.Completion.CallbackBody);
    }

    [Fact]
    public async Task Expired_operation_is_not_returned_and_cannot_be_completed()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);

        Time.Advance(TimeSpan.FromMinutes(18));

        Assert.Null(await store.GetAsync("biz-1", Ct));
        Assert.Null(await store.TryCompleteAsync("biz-1", Completion("f1"), Ct));
        Assert.True(await store.TryAddAsync(Operation(), Ct));
    }

    [Fact]
    public async Task Completion_late_in_the_lifetime_keeps_the_result_until_its_retention_ends()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);
        await store.TryCompleteAsync("biz-1", Completion("f1", minutes: 17), Ct);

        Time.Advance(TimeSpan.FromMinutes(21));
        var kept = await store.GetAsync("biz-1", Ct);
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddMinutes(22), kept!.ExpiresAt);
        Assert.Null(await store.GetAsync("biz-1", Ct));
    }

    [Fact]
    public async Task A_completion_that_proves_the_state_supersedes_one_that_does_not_and_never_the_reverse()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);
        var unproven = Completion("stateless-failure");
        var proven = new PendingOperationCompletion { CallbackBody = "{}", Fingerprint = "success", StateVerified = true, CompletedAt = Start.AddMinutes(2), RetainUntil = Start.AddMinutes(7) };
        var laterUnproven = Completion("another-stateless-failure");
        var laterProven = new PendingOperationCompletion { CallbackBody = "{}", Fingerprint = "other-success", StateVerified = true, CompletedAt = Start.AddMinutes(3), RetainUntil = Start.AddMinutes(8) };

        var first = await store.TryCompleteAsync("biz-1", unproven, Ct);
        var superseded = await store.TryCompleteAsync("biz-1", proven, Ct);
        var afterUnproven = await store.TryCompleteAsync("biz-1", laterUnproven, Ct);
        var afterProven = await store.TryCompleteAsync("biz-1", laterProven, Ct);

        Assert.Equal(unproven.Token, first!.Completion!.Token);
        Assert.Equal(proven.Token, superseded!.Completion!.Token);
        Assert.True(superseded.Completion.StateVerified);
        Assert.Equal(proven.Token, afterUnproven!.Completion!.Token);
        Assert.Equal(proven.Token, afterProven!.Completion!.Token);
    }

    [Fact]
    public async Task Completion_tokens_differ_and_survive_the_store()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);
        var completion = Completion("f1");

        var stored = await store.TryCompleteAsync("biz-1", completion, Ct);

        Assert.NotEqual(completion.Token, Completion("f1").Token);
        Assert.Matches("^[0-9a-f]{32}$", completion.Token);
        Assert.Equal(completion.Token, stored!.Completion!.Token);
        Assert.Equal(completion.Token, (await store.GetAsync("biz-1", Ct))!.Completion!.Token);
    }

    [Fact]
    public async Task Removed_operation_is_gone()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);

        await store.RemoveAsync("biz-1", Ct);

        Assert.Null(await store.GetAsync("biz-1", Ct));
    }
}


/// <summary>
/// What an atomic store adds to the contract (create-if-absent, compare-and-set completion), which exactly-once callbacks
/// on a web farm rest on. <see cref="DistributedCachePendingOperationStore"/> cannot keep it: <c>IDistributedCache</c> has
/// no atomic operation.
/// </summary>
public abstract class AtomicPendingOperationStoreTests : PendingOperationStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PendingOperation Operation() => new()
    {
        BusinessId = "biz-1",
        StateHash = "hmac-sha256:state-1",
        Kind = "stepup",
        CreatedAt = Start,
        ExpiresAt = Start.AddMinutes(18),
    };

    private static PendingOperationCompletion Completion(string fingerprint) => new()
    {
        CallbackBody = """{"code":"D00000"}""",
        Fingerprint = fingerprint,
        CompletedAt = Start.AddMinutes(1),
        RetainUntil = Start.AddMinutes(6),
    };

    [Fact]
    public async Task Of_concurrent_adds_of_one_businessID_exactly_one_succeeds()
    {
        var store = CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.TryAddAsync(Operation(), Ct), Ct)));

        Assert.Equal(1, results.Count(added => added));
    }

    [Fact]
    public async Task Of_concurrent_completions_exactly_one_is_stored_and_every_caller_sees_it()
    {
        var store = CreateStore();
        await store.TryAddAsync(Operation(), Ct);
        var attempts = Enumerable.Range(0, 32).Select(i => Completion($"f{i}")).ToList();

        var results = await Task.WhenAll(attempts.Select(c => Task.Run(() => store.TryCompleteAsync("biz-1", c, Ct), Ct)));

        var stored = (await store.GetAsync("biz-1", Ct))!.Completion!;
        Assert.Single(attempts, c => c.Token == stored.Token);
        Assert.All(results, r => Assert.Equal(stored.Token, r!.Completion!.Token));
        Assert.Equal(stored.Fingerprint, attempts.Single(c => c.Token == stored.Token).Fingerprint);
    }

}
