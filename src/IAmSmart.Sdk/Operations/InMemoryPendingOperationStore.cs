using System.Collections.Concurrent;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Keeps pending operations in this process: right for a single instance and for tests, wrong for a web farm (a
/// callback that lands on another instance finds nothing). Completion is atomic.
/// </summary>
public sealed class InMemoryPendingOperationStore : IPendingOperationStore
{
    private readonly ConcurrentDictionary<string, PendingOperation> _operations = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock that decides expiry; default the system clock.</param>
    public InMemoryPendingOperationStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc/>
    public Task<bool> TryAddAsync(PendingOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        cancellationToken.ThrowIfCancellationRequested();
        PurgeExpired();
        return Task.FromResult(_operations.TryAdd(operation.BusinessId, operation));
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
            if (current.IsCompleted || _operations.TryUpdate(businessId, current.CompletedBy(completion), current))
            {
                return Task.FromResult(GetUnexpired(businessId));
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
        foreach (var (key, operation) in _operations)
        {
            if (operation.IsExpiredAt(now))
            {
                _operations.TryRemove(KeyValuePair.Create(key, operation));
            }
        }
    }
}
