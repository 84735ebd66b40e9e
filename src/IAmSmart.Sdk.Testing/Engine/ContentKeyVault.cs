using System.Security.Cryptography;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// The simulator's content encryption key (CEK): issued by getKey, kept until it expires, is revoked or rotated, and
/// replaced then (contract §3–4). One key at a time: content under any other key is refused with D30002.
/// </summary>
internal sealed class ContentKeyVault(SimulatorOptions options)
{
    private readonly Lock _gate = new();
    private IssuedKey? _current;

    /// <summary>The current key, issuing one if there is none usable (getKey, and callbacks sent after expiry).</summary>
    public IssuedKey GetOrIssue()
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_current is null || !_current.IsUsableAt(now))
            {
                _current = IssuedKey.Create(now, options.ContentKeyLifetime, options.ContentKeyRotationInterval);
            }

            return _current;
        }
    }

    /// <summary>The key requests must be encrypted under, or <see langword="null"/> when there is none usable.</summary>
    public IssuedKey? Current()
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            return _current is not null && _current.IsUsableAt(now) ? _current : null;
        }
    }

    /// <summary>Forgets the key (revokeKey, or a forced rotation): content under it is refused from now on.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    internal sealed class IssuedKey
    {
        private readonly byte[] _bytes;

        private IssuedKey(byte[] bytes, DateTimeOffset issuedAt, TimeSpan lifetime, DateTimeOffset retiresAt)
        {
            _bytes = bytes;
            IssuedAt = issuedAt;
            Lifetime = lifetime;
            RetiresAt = retiresAt;
            Key = new ContentKey(bytes, issuedAt + lifetime);
        }

        public ContentKey Key { get; }

        public DateTimeOffset IssuedAt { get; }

        public TimeSpan Lifetime { get; }

        public DateTimeOffset RetiresAt { get; }

        public ReadOnlySpan<byte> Bytes => _bytes;

        public static IssuedKey Create(DateTimeOffset now, TimeSpan lifetime, TimeSpan? rotation)
        {
            var retiresAt = now + (rotation is { } r && r < lifetime ? r : lifetime);
            return new IssuedKey(RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes), now, lifetime, retiresAt);
        }

        public bool IsUsableAt(DateTimeOffset now) => now < RetiresAt;
    }
}
