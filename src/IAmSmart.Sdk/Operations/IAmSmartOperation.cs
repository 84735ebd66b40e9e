using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// A user-consent request that iAM Smart answers later, by callback: step-up, profile, e-ME, hash and PDF signing. The
/// SDK started and stored it; wait for its result here, on any instance that shares the operation store. Resume one
/// started elsewhere by its <see cref="BusinessId"/> (for example <c>client.Signing.ResumeHashSigningAsync(id)</c>).
/// Modelled on Azure SDK's <c>Operation&lt;T&gt;</c>.
/// </summary>
/// <typeparam name="T">The result: a value for every outcome (approved, rejected, cancelled, timed out), never an exception.</typeparam>
public class IAmSmartOperation<T>
{
    private readonly PendingOperations? _operations;
    private readonly Func<IAmSmartCallback, CancellationToken, Task<T>>? _read;
    private Outcome? _outcome;

    internal IAmSmartOperation(IAmSmartFunction apiFunction, string businessId, PendingOperations operations, Func<IAmSmartCallback, CancellationToken, Task<T>> read)
        : this(apiFunction, businessId)
    {
        _operations = operations;
        _read = read;
    }

    // An operation settled when it started (iAM Smart refused at once): nothing is stored, nothing to wait for.
    internal IAmSmartOperation(IAmSmartFunction apiFunction, string businessId, T value)
        : this(apiFunction, businessId)
    {
        _outcome = new Outcome(value);
    }

    /// <summary>For mocking frameworks and test doubles: override the virtual members.</summary>
    /// <param name="apiFunction">The function the operation is for.</param>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    protected IAmSmartOperation(IAmSmartFunction apiFunction, string businessId)
    {
        ArgumentNullException.ThrowIfNull(apiFunction);
        ArgumentNullException.ThrowIfNull(businessId);
        Function = apiFunction;
        BusinessId = businessId;
    }

    /// <summary>The iAM Smart function that started it.</summary>
    public IAmSmartFunction Function { get; }

    /// <summary>The operation's <c>businessID</c>: keep it to resume the operation on another instance.</summary>
    public string BusinessId { get; }

    /// <summary>Whether the result is known (<see cref="Value"/> may be read).</summary>
    public virtual bool HasCompleted => _outcome is not null;

    /// <summary>The result, once <see cref="HasCompleted"/>.</summary>
    /// <exception cref="InvalidOperationException">The operation has not completed: call <see cref="WaitForCompletionAsync"/> or <see cref="UpdateStatusAsync"/>.</exception>
    public virtual T Value => _outcome is { } outcome
        ? outcome.Value
        : throw new InvalidOperationException("The operation has not completed yet: call WaitForCompletionAsync, or UpdateStatusAsync until HasCompleted.");

    /// <summary>
    /// Looks once, without waiting, whether the callback has arrived (on any instance sharing the store) or the operation
    /// has expired; either completes it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="HasCompleted"/>.</returns>
    public virtual async Task<bool> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is null && await Operations.PeekAsync(Function, BusinessId, cancellationToken).ConfigureAwait(false) is { } callback)
        {
            await CompleteAsync(callback, cancellationToken).ConfigureAwait(false);
        }

        return HasCompleted;
    }

    /// <summary>
    /// Waits for the callback, whichever instance receives it, and returns the result. When the operation expires with
    /// no callback, the result says the user did not answer in time.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the operation stays pending and can be waited for again.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<T> WaitForCompletionAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is null)
        {
            var callback = await Operations.WaitOrTimedOutAsync(Function, BusinessId, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(callback, cancellationToken).ConfigureAwait(false);
        }

        return Value;
    }

    /// <summary>The function and whether it completed; never the ids.</summary>
    public override string ToString() => $"IAmSmartOperation({Function.Kind}, completed: {HasCompleted})";

    private PendingOperations Operations => _operations ?? throw new InvalidOperationException("This operation was settled when it started; there is nothing to wait for.");

    // Two concurrent waits may both read the callback; the first result kept is the one every caller sees.
    private async Task CompleteAsync(IAmSmartCallback callback, CancellationToken cancellationToken)
    {
        var value = await _read!(callback, cancellationToken).ConfigureAwait(false);
        Interlocked.CompareExchange(ref _outcome, new Outcome(value), null);
    }

    private sealed record Outcome(T Value);
}
