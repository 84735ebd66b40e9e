using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Tests.Crypto;

public sealed class BoundedPoolTests
{
    [Fact]
    public void A_returned_item_is_rented_again_rather_than_created()
    {
        var created = 0;
        var pool = new BoundedPool<Item>(() => { created++; return new Item(); }, capacity: 2);

        var first = pool.Rent();
        pool.Return(first);
        var second = pool.Rent();

        Assert.Same(first, second);
        Assert.Equal(1, created);
    }

    [Fact]
    public void Items_beyond_capacity_are_disposed_and_kept_ones_are_not()
    {
        var pool = new BoundedPool<Item>(() => new Item(), capacity: 2);
        var items = new[] { pool.Rent(), pool.Rent(), pool.Rent() };

        foreach (var item in items)
        {
            pool.Return(item);
        }

        Assert.Equal([false, false, true], items.Select(i => i.Disposed));
        var kept = new[] { pool.Rent(), pool.Rent() };
        Assert.Equal(items.Take(2).ToHashSet(), kept.ToHashSet());
    }

    [Fact]
    public void Concurrent_renters_never_share_an_item()
    {
        var pool = new BoundedPool<Item>(() => new Item(), capacity: 4);
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var item = pool.Rent();
            Assert.Equal(1, Interlocked.Increment(ref item.Users)); // a shared item would see two users at once
            Thread.SpinWait(20);
            Interlocked.Decrement(ref item.Users);
            pool.Return(item);
        });
    }

    private sealed class Item : IDisposable
    {
        public int Users;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
