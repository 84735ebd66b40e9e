using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Keeps pending operations in an <see cref="IDistributedCache"/> (Redis, SQL Server, …) shared by every instance of a
/// web farm, as source-generated JSON. Completed operations hold the callback still encrypted, so the cache never
/// holds personal data in clear.
/// </summary>
/// <remarks>
/// <b>Not atomic.</b> <see cref="IDistributedCache"/> has no create-if-absent and no compare-and-set, so this store
/// cannot keep <see cref="IPendingOperationStore"/>'s guarantees across instances: two adds of one <c>businessID</c>, or
/// two <em>different</em> callbacks for one operation landing on two instances at once, can both succeed (measured
/// with 0.2–2 ms cache latency: a few per thousand operations). For a web farm use <c>IAmSmart.Sdk.Redis</c>
/// (<c>UseRedisOperations</c>), whose Lua scripts make both steps atomic; this store suits a cache that only one
/// instance writes.
/// </remarks>
public sealed class DistributedCachePendingOperationStore : IPendingOperationStore
{
    /// <summary>The prefix of every cache key this store writes.</summary>
    public const string KeyPrefix = "iamsmart:operation:";

    private readonly IDistributedCache _cache;
    private readonly TimeProvider _time;

    /// <summary>Creates a store.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="timeProvider">The clock that decides expiry; default the system clock.</param>
    public DistributedCachePendingOperationStore(IDistributedCache cache, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(PendingOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (await GetAsync(operation.BusinessId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public async Task<PendingOperation?> GetAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        var bytes = await _cache.GetAsync(KeyPrefix + businessId, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        PendingOperation? operation;
        try
        {
            operation = JsonSerializer.Deserialize(bytes, OperationsJsonContext.Default.PendingOperation);
        }
        catch (JsonException)
        {
            // Written by another version or damaged: treat as absent rather than fail every callback for it.
            return null;
        }

        // The cache expires entries on its own clock; this check applies the SDK's clock as well.
        return operation is null || operation.IsExpiredAt(_time.GetUtcNow()) ? null : operation;
    }

    /// <inheritdoc/>
    public async Task<PendingOperation?> TryCompleteAsync(string businessId, PendingOperationCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var current = await GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        if (current is null || !current.AcceptsCompletion(completion))
        {
            return current;
        }

        await WriteAsync(current.CompletedBy(completion), cancellationToken).ConfigureAwait(false);
        return await GetAsync(businessId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task RemoveAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        return _cache.RemoveAsync(KeyPrefix + businessId, cancellationToken);
    }

    private Task WriteAsync(PendingOperation operation, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(operation, OperationsJsonContext.Default.PendingOperation);
        var lifetime = operation.ExpiresAt - _time.GetUtcNow();
        var options = new DistributedCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1),
        };
        return _cache.SetAsync(KeyPrefix + operation.BusinessId, bytes, options, cancellationToken);
    }
}
