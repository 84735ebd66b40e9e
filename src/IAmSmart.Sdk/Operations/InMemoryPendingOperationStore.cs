using System.Collections.Concurrent;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Keeps pending operations in this process: right for a single instance and for tests, wrong for a web farm (a
/// callback that lands on another instance finds nothing). Adding and completing are atomic; expired operations are
/// purged in O(1) amortized time per add.
/// </summary>
public sealed class InMemoryPendingOperationStore : IPendingOperationStore
{
    // Most entries purged per add: purging stays O(1) per call even after a long idle spell; the rest go on later calls.
    private const int PurgeBudget = 16;

    private readonly ConcurrentDictionary<string, PendingOperation> _operations = new(StringComparer.Ordinal);

    // Expiry order, oldest first: every add and completion appends its expiry, and each entry leaves the queue once. With
    // one lifetime per store the queue is ordered; where it is not, an entry waits for the one ahead of it, which costs
    // memory for a while, never correctness (reads check expiry themselves).
    private readonly ConcurrentQueue<(DateTimeOffset ExpiresAt, string BusinessId)> _expiries = new();
    private readonly TimeProvider _time;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock that decides expiry; default the system clock.</param>
    public InMemoryPendingOperationStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>How many operations are held, expired ones not yet purged included (for tests and diagnostics).</summary>
    public int Count => _operations.Count;

    /// <inheritdoc/>
    public Task<bool> TryAddAsync(PendingOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        cancellationToken.ThrowIfCancellationRequested();
        PurgeExpired();
        _ = GetUnexpired(operation.BusinessId); // an expired holder of the id must not block a new operation
        if (!_operations.TryAdd(operation.BusinessId, operation))
        {
            return Task.FromResult(false);
        }

        _expiries.Enqueue((operation.ExpiresAt, operation.BusinessId));
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<PendingOperation?> GetAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetUnexpired(businessId));
    }

    /// <inheritdoc/>
    public Task<PendingOperation?> TryCompleteAsync(string businessId, PendingOperationCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        ArgumentNullException.ThrowIfNull(completion);
        cancellationToken.ThrowIfCancellationRequested();
        while (GetUnexpired(businessId) is { } current)
        {
            if (!current.AcceptsCompletion(completion))
            {
                return Task.FromResult<PendingOperation?>(current);
            }

            var completed = current.CompletedBy(completion);
            if (_operations.TryUpdate(businessId, completed, current))
            {
                if (completed.ExpiresAt != current.ExpiresAt)
                {
                    _expiries.Enqueue((completed.ExpiresAt, businessId));
                }

                return Task.FromResult<PendingOperation?>(completed);
            }
        }

        return Task.FromResult<PendingOperation?>(null);
    }

    /// <inheritdoc/>
    public Task RemoveAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        cancellationToken.ThrowIfCancellationRequested();
        _operations.TryRemove(businessId, out _);
        return Task.CompletedTask;
    }

    private PendingOperation? GetUnexpired(string businessId)
    {
        if (!_operations.TryGetValue(businessId, out var operation))
        {
            return null;
        }

        if (operation.IsExpiredAt(_time.GetUtcNow()))
        {
            _operations.TryRemove(KeyValuePair.Create(businessId, operation));
            return null;
        }

        return operation;
    }

    private void PurgeExpired()
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < PurgeBudget && _expiries.TryPeek(out var head) && head.ExpiresAt <= now; i++)
        {
            if (!_expiries.TryDequeue(out var entry))
            {
                return;
            }

            if (entry.ExpiresAt > now)
            {
                // Another thread took the peeked entry first; this one is not due: keep it for later.
                _expiries.Enqueue(entry);
                return;
            }

            // The entry may be stale (the operation was completed and expires later, or was replaced): remove only what is expired now.
            if (_operations.TryGetValue(entry.BusinessId, out var operation) && operation.IsExpiredAt(now))
            {
                _operations.TryRemove(KeyValuePair.Create(entry.BusinessId, operation));
            }
        }
    }
}
