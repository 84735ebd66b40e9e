using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Holds the current content encryption key (CEK): fetches it once, keeps it until shortly before
/// <c>issueAt + expiresIn</c>, refreshes it single-flight (many concurrent callers share one <c>getKey</c>), adopts
/// the key a callback brings, and revokes it on request (contract §3, §4, §2.3).
/// </summary>
public sealed class ContentKeyManager
{
    private readonly IContentKeySource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshMargin;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CachedKey? _current;
    private Task<ContentKey>? _fetch;

    // Keys replaced or revoked, waiting out RetirementGrace before they are wiped: a call that read the key just before
    // it was replaced may still encrypt or decrypt with it, and the hot path takes no lock or reference count.
    private readonly Queue<(ContentKey Key, DateTimeOffset ReplacedAt)> _replaced = new();

    /// <summary>
    /// How long a replaced key is kept before its bytes are zeroed: longer than any call may run (the default total
    /// timeout is 90 seconds).
    /// </summary>
    internal static readonly TimeSpan RetirementGrace = TimeSpan.FromMinutes(5);

    // Bounds the queue if keys change faster than the grace period (a simulator rotating every few seconds).
    private const int MaxReplacedKeys = 32;

    /// <summary>Creates a manager.</summary>
    /// <param name="source">Fetches and revokes keys.</param>
    /// <param name="time">The clock.</param>
    /// <param name="refreshMargin">How long before expiry to stop using a key; capped at a tenth of the key's lifetime.</param>
    /// <param name="logger">The logger.</param>
    public ContentKeyManager(IContentKeySource source, TimeProvider? time = null, TimeSpan? refreshMargin = null, ILogger<ContentKeyManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _time = time ?? TimeProvider.System;
        _refreshMargin = refreshMargin ?? TimeSpan.FromMinutes(1);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The key in use, if one has been fetched or adopted; it may have expired.</summary>
    public ContentKey? Current => Volatile.Read(ref _current)?.Key;

    /// <summary>Returns a fresh key, fetching one if there is none or the current one is about to expire.</summary>
    /// <param name="cancellationToken">Stops this caller waiting; a fetch shared with other callers goes on.</param>
    public ValueTask<ContentKey> GetAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _current);
        return cached is not null && cached.IsFreshAt(_time.GetUtcNow())
            ? ValueTask.FromResult(cached.Key)
            : new ValueTask<ContentKey>(RefreshAsync(cached?.Key, cancellationToken));
    }

    /// <summary>
    /// Replaces a key iAM Smart refused (D30002–D30004, the content-key errors). If
    /// another caller already replaced <paramref name="rejected"/>, returns that replacement without another fetch.
    /// </summary>
    /// <param name="rejected">The key that was refused, or <see langword="null"/> to force a fetch.</param>
    /// <param name="cancellationToken">Stops this caller waiting; a shared fetch goes on.</param>
    public Task<ContentKey> RefreshAsync(ContentKey? rejected, CancellationToken cancellationToken = default)
    {
        Task<ContentKey> fetch;
        lock (_gate)
        {
            var cached = _current;
            if (cached is not null && !ReferenceEquals(cached.Key, rejected) && cached.IsFreshAt(_time.GetUtcNow()))
            {
                return Task.FromResult(cached.Key);
            }

            if (_fetch is null || _fetch.IsCompleted)
            {
                _fetch = FetchAndStoreAsync();
            }

            fetch = _fetch;
        }

        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>Makes a key that arrived with a callback the current key, if it differs from the one in use.</summary>
    /// <param name="key">The key unwrapped from the callback's <c>secretKey</c>.</param>
    /// <returns><see langword="true"/> when the key was new and is now current.</returns>
    public bool Adopt(ContentKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_current is not null && _current.Key.Equals(key))
            {
                return false;
            }

            // A callback says nothing of the key's lifetime: use it until iAM Smart refuses it (D30002).
            Replace(CachedKey.Create(key, _time.GetUtcNow(), _refreshMargin));
        }

        IAmSmartTelemetry.ContentKeyChanges.Add(1, new KeyValuePair<string, object?>("reason", "callback"));
        Log.ContentKeyAdopted(_logger, key.Fingerprint);
        return true;
    }

    /// <summary>Revokes the current key at iAM Smart and forgets it; the next call fetches a new one.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task RevokeAsync(CancellationToken cancellationToken = default)
    {
        await _source.RevokeAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            Replace(null);
        }

        Log.ContentKeyRevoked(_logger);
    }

    private async Task<ContentKey> FetchAndStoreAsync()
    {
        // Return to the caller at once: the fetch must not run inside the lock that started it.
        await Task.Yield();
        // Shared by every waiting caller, so no single caller's token may cancel it; the transport's timeouts bound it.
        var key = await _source.FetchAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            Replace(CachedKey.Create(key, _time.GetUtcNow(), _refreshMargin));
        }

        IAmSmartTelemetry.ContentKeyChanges.Add(1, new KeyValuePair<string, object?>("reason", "fetch"));
        Log.ContentKeyFetched(_logger, key.Fingerprint, key.ExpiresAt);
        return key;
    }

    // Under _gate. Sets the current key, queues the one it replaces, and wipes the queued keys whose grace has passed.
    private void Replace(CachedKey? next)
    {
        var now = _time.GetUtcNow();
        if (_current is { } previous && !ReferenceEquals(previous.Key, next?.Key))
        {
            _replaced.Enqueue((previous.Key, now));
        }

        _current = next;
        while (_replaced.TryPeek(out var oldest) && (now - oldest.ReplacedAt >= RetirementGrace || _replaced.Count > MaxReplacedKeys))
        {
            _replaced.Dequeue().Key.Retire();
        }
    }

    private sealed record CachedKey(ContentKey Key, DateTimeOffset? RefreshAt)
    {
        public static CachedKey Create(ContentKey key, DateTimeOffset now, TimeSpan margin)
        {
            if (key.ExpiresAt is not { } expiresAt)
            {
                return new CachedKey(key, null);
            }

            // A short-lived key (a simulator rotating every few seconds) must not be refreshed on every call.
            var lifetime = expiresAt - now;
            var effectiveMargin = lifetime > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(margin.Ticks, lifetime.Ticks / 10)) : TimeSpan.Zero;
            return new CachedKey(key, expiresAt - effectiveMargin);
        }

        public bool IsFreshAt(DateTimeOffset now) => RefreshAt is not { } refreshAt || now < refreshAt;
    }
}
