using System.Diagnostics.CodeAnalysis;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// A map that holds at most a fixed number of entries and, when full, forgets the <em>oldest</em> one. A
/// <see cref="Dictionary{TKey, TValue}"/> cannot tell which that is: after a removal it reuses the freed slot, so its
/// "first" key may be the newest (which once made every new auth code vanish after about 10,000 logins). All operations
/// are O(1). Not thread-safe: the engine calls it under its lock.
/// </summary>
internal sealed class OldestFirstMap<TValue>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TValue>>> _nodes = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, TValue>> _order = new();

    public int Count => _nodes.Count;

    /// <summary>Sets a value; a new key goes to the back (newest), an existing one keeps its place.</summary>
    public TValue this[string key]
    {
        set
        {
            if (_nodes.TryGetValue(key, out var node))
            {
                node.Value = new(key, value);
                return;
            }

            _ = TryAdd(key, value);
        }
    }

    /// <summary>Adds a new key (forgetting the oldest entry when full); false when the key is present already.</summary>
    public bool TryAdd(string key, TValue value)
    {
        if (_nodes.ContainsKey(key))
        {
            return false;
        }

        _nodes[key] = _order.AddLast(new KeyValuePair<string, TValue>(key, value));
        if (_nodes.Count > capacity)
        {
            var oldest = _order.First!;
            _order.RemoveFirst();
            _nodes.Remove(oldest.Value.Key);
        }

        return true;
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            value = node.Value.Value;
            return true;
        }

        value = default;
        return false;
    }

    public bool Remove(string key) => Remove(key, out _);

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_nodes.Remove(key, out var node))
        {
            _order.Remove(node);
            value = node.Value.Value;
            return true;
        }

        value = default;
        return false;
    }
}
