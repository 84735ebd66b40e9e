namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Where pending operations live between the request that starts them and the callback that completes them. In a web
/// farm the callback may land on another instance than the one waiting, so production farms need a shared store
/// (<see cref="DistributedCachePendingOperationStore"/>); one instance can use <see cref="InMemoryPendingOperationStore"/>.
/// A store never returns an operation past its <see cref="PendingOperation.ExpiresAt"/>.
/// </summary>
/// <remarks>
/// Exactly-once acceptance of callbacks rests on two guarantees that must hold across every instance sharing the store,
/// not only within one process: <see cref="TryAddAsync"/> is an atomic create-if-absent, and
/// <see cref="TryCompleteAsync"/> an atomic compare-and-set that keeps the first completion. A check-then-set over a
/// cache without atomic operations does not give them.
/// </remarks>
public interface IPendingOperationStore
{
    /// <summary>Adds an operation if no unexpired one has its <c>businessID</c>, atomically: of concurrent adds of one id, exactly one succeeds.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when an unexpired operation with the same <c>businessID</c> exists already.</returns>
    Task<bool> TryAddAsync(PendingOperation operation, CancellationToken cancellationToken = default);

    /// <summary>Gets an unexpired operation.</summary>
    /// <param name="businessId">Its <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation, or <see langword="null"/> when unknown or expired.</returns>
    Task<PendingOperation?> GetAsync(string businessId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes an operation atomically (compare-and-set) when <see cref="PendingOperation.AcceptsCompletion"/> allows
    /// it: when it is not completed yet, or when its completion did not prove the state and this one does. Of concurrent
    /// completions exactly one is stored; otherwise the stored one is left as it is. The caller won when the returned
    /// operation's <see cref="PendingOperationCompletion.Token"/> is its own.
    /// </summary>
    /// <param name="businessId">Its <c>businessID</c>.</param>
    /// <param name="completion">The callback that completes it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The operation as stored after the call (compare its completion with yours), or <see langword="null"/> when unknown or expired.</returns>
    Task<PendingOperation?> TryCompleteAsync(string businessId, PendingOperationCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>Forgets an operation.</summary>
    /// <param name="businessId">Its <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RemoveAsync(string businessId, CancellationToken cancellationToken = default);
}
