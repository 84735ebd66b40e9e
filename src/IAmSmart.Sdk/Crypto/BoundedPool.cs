using System.Collections.Concurrent;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Keeps a few reusable instances of an object that is costly to create and not thread-safe (an <c>AesGcm</c> with its
/// key schedule, an HMAC context). Rent takes one or makes one; Return keeps it unless the pool is full.
/// </summary>
internal sealed class BoundedPool<T>(Func<T> create, int capacity)
    where T : class, IDisposable
{
    private readonly ConcurrentBag<T> _items = [];

    public T Rent() => _items.TryTake(out var item) ? item : create();

    public void Return(T item)
    {
        if (_items.Count < capacity)
        {
            _items.Add(item);
        }
        else
        {
            item.Dispose();
        }
    }

    public static int DefaultCapacity => Environment.ProcessorCount * 2;
}
