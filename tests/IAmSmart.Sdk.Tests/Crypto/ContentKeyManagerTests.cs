using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Crypto;

public sealed class ContentKeyManagerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_is_cached_until_its_expiry_less_the_margin_then_fetched_again()
    {
        var time = new FakeTimeProvider(Start);
        var source = new CountingSource(time, TimeSpan.FromHours(24));
        var manager = new ContentKeyManager(source, time, TimeSpan.FromMinutes(1));

        var first = await manager.GetAsync(Ct);
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        var stillFirst = await manager.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await manager.GetAsync(Ct);

        Assert.Same(first, stillFirst);
        Assert.NotSame(first, second);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task Margin_is_capped_at_a_tenth_of_a_short_lifetime()
    {
        var time = new FakeTimeProvider(Start);
        var source = new CountingSource(time, TimeSpan.FromSeconds(10));
        var manager = new ContentKeyManager(source, time, TimeSpan.FromMinutes(1));

        await manager.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(8.9));
        await manager.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(0.2));
        await manager.GetAsync(Ct);

        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task Refreshing_a_key_another_caller_already_replaced_does_not_fetch_again()
    {
        var time = new FakeTimeProvider(Start);
        var source = new CountingSource(time, TimeSpan.FromHours(1));
        var manager = new ContentKeyManager(source, time);
        var rejected = await manager.GetAsync(Ct);

        var first = await manager.RefreshAsync(rejected, Ct);
        var second = await manager.RefreshAsync(rejected, Ct);

        Assert.Same(first, second);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached()
    {
        var time = new FakeTimeProvider(Start);
        var source = new CountingSource(time, TimeSpan.FromHours(1)) { FailNext = true };
        var manager = new ContentKeyManager(source, time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.GetAsync(Ct).AsTask());
        var key = await manager.GetAsync(Ct);

        Assert.NotNull(key);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task A_waiting_caller_can_cancel_without_cancelling_the_shared_fetch()
    {
        var time = new FakeTimeProvider(Start);
        var gate = new TaskCompletionSource();
        var source = new CountingSource(time, TimeSpan.FromHours(1)) { Gate = gate.Task };
        var manager = new ContentKeyManager(source, time);
        using var cts = new CancellationTokenSource();

        var cancelled = manager.GetAsync(cts.Token).AsTask();
        var patient = manager.GetAsync(Ct).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.SetResult();

        Assert.NotNull(await patient);
        Assert.Equal(1, source.Fetches);
    }

    private sealed class CountingSource(TimeProvider time, TimeSpan lifetime) : IContentKeySource
    {
        private int _fetches;

        public int Fetches => _fetches;

        public bool FailNext { get; set; }

        public Task Gate { get; init; } = Task.CompletedTask;

        public async Task<ContentKey> FetchAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _fetches);
            await Gate;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("getKey failed");
            }

            var bytes = new byte[32];
            bytes[0] = (byte)n;
            return new ContentKey(bytes, time.GetUtcNow() + lifetime);
        }

        public Task RevokeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
