namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Keeps a few reusable instances of an object that is costly to create and not thread-safe (an <c>AesGcm</c> with its
/// key schedule, an HMAC context). Rent takes one or makes one; Return keeps it unless every slot is taken.
/// </summary>
/// <remarks>
/// A fixed row of slots, each read before it is swapped with <see cref="Interlocked"/>: an uncontended rent and return
/// cost one atomic operation each, and an empty or full row costs plain reads only. (A <c>ConcurrentBag</c> was slower
/// here: its <c>Count</c> takes every lock.)
/// </remarks>
internal sealed class BoundedPool<T>(Func<T> create, int capacity)
    where T : class, IDisposable
{
    private readonly T?[] _slots = new T?[capacity];
    private volatile bool _closed;

    public T Rent()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Volatile.Read(ref _slots[i]) is { } item && Interlocked.CompareExchange(ref _slots[i], null, item) == item)
            {
                return item;
            }
        }

        return create();
    }

    public void Return(T item)
    {
        for (var i = 0; !_closed && i < _slots.Length; i++)
        {
            if (Volatile.Read(ref _slots[i]) is null && Interlocked.CompareExchange(ref _slots[i], item, null) is null)
            {
                // Closed meanwhile: Close may have swept this slot before the item landed in it, so take it back.
                if (_closed && Interlocked.CompareExchange(ref _slots[i], null, item) == item)
                {
                    item.Dispose();
                }

                return;
            }
        }

        item.Dispose();
    }

    /// <summary>Disposes every pooled instance; later returns are disposed instead of kept.</summary>
    public void Close()
    {
        _closed = true;
        for (var i = 0; i < _slots.Length; i++)
        {
            Interlocked.Exchange(ref _slots[i], null)?.Dispose();
        }
    }

    public static int DefaultCapacity => Environment.ProcessorCount * 2;
}
