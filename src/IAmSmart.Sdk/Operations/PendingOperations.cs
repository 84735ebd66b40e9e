using System.Collections.Concurrent;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Starts, completes and waits for user-consent operations whose results iAM Smart pushes by callback. A callback is
/// accepted only when it names the <c>businessID</c> and <c>state</c> of an operation started here that has not
/// expired; a repeat is acknowledged and changes nothing; a different second callback is rejected and logged as a
/// security event. Waiting works across a web farm when the store is shared.
/// </summary>
public class PendingOperations
{
    private readonly IAmSmartCallbackProcessor _processor;
    private readonly ContentKeyManager _keys;
    private readonly PendingOperationOptions _options;
    private readonly StateHasher _stateHasher;
    private readonly ResultSeal _seal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RejectionLogThrottle _rejectionLog;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IAmSmartCallback>> _signals = new(StringComparer.Ordinal);

    // The content check of each kind, by operation kind: the reader its waiter runs on a success callback. Filled once
    // where the clients are wired (IAmSmartClient), so that operations need not know the Signing or Auth types.
    private readonly ConcurrentDictionary<string, Action<IAmSmartCallback>> _contentChecks = new(StringComparer.Ordinal);

    internal PendingOperations(
        IAmSmartCallbackProcessor processor,
        ContentKeyManager keys,
        IPendingOperationStore store,
        PendingOperationOptions options,
        StateHasher stateHasher,
        ResultSeal seal,
        TimeProvider time,
        ILogger? logger)
    {
        options.Validate();
        _stateHasher = stateHasher;
        _seal = seal;
        _processor = processor;
        _keys = keys;
        Store = store;
        _options = options;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _rejectionLog = new RejectionLogThrottle(time);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected PendingOperations()
    {
        _processor = null!;
        _keys = null!;
        Store = null!;
        _options = null!;
        _stateHasher = null!;
        _seal = null!;
        _time = null!;
        _logger = NullLogger.Instance;
        _rejectionLog = new RejectionLogThrottle(TimeProvider.System);
    }

    /// <summary>The store the operations live in.</summary>
    public virtual IPendingOperationStore Store { get; }


    /// <summary>Starts an operation with a new unguessable <c>businessID</c> and <c>state</c>; send both with the request.</summary>
    /// <param name="apiFunction">The function the operation is for: one answered by callback (<see cref="IAmSmartFunction.IsAnsweredByCallback"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The function is not answered by callback.</exception>
    public virtual Task<PendingOperation> BeginAsync(IAmSmartFunction apiFunction, CancellationToken cancellationToken = default)
        => BeginAsync(apiFunction, IAmSmartState.Generate(), IAmSmartState.Generate(), cancellationToken);

    /// <summary>Starts an operation with a given <c>businessID</c> and <c>state</c>. Call it before sending the request: the callback can be quick.</summary>
    /// <param name="apiFunction">The function the operation is for: one answered by callback (<see cref="IAmSmartFunction.IsAnsweredByCallback"/>).</param>
    /// <param name="businessId">The <c>businessID</c>: unguessable, 1–36 printable ASCII characters (<see cref="IAmSmartState.IsWellFormedBusinessId"/>).</param>
    /// <param name="state">The <c>state</c>: unguessable, 1–36 characters of <c>[A-Za-z0-9_-]</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">
    /// A value is malformed, the function is not answered by callback, or an operation with this <c>businessID</c> exists already.
    /// </exception>
    public virtual async Task<PendingOperation> BeginAsync(IAmSmartFunction apiFunction, string businessId, string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiFunction);
        if (!apiFunction.IsAnsweredByCallback || apiFunction.Kind is not { } kind)
        {
            throw new ArgumentException($"{apiFunction.Name} is not answered by callback: it leaves no operation to wait for.", nameof(apiFunction));
        }

        IAmSmartState.ThrowIfMalformedBusinessId(businessId, nameof(businessId));
        IAmSmartState.ThrowIfMalformed(state, nameof(state));
        var now = _time.GetUtcNow();
        var stored = new PendingOperation
        {
            BusinessId = businessId,
            StateHash = _stateHasher.Hash(state),
            Kind = kind,
            CreatedAt = now,
            ExpiresAt = now + _options.LifetimeOf(apiFunction),
        };

        if (!await Store.TryAddAsync(stored, cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException("An operation with this businessID is pending already; use a new businessID for each request (iAM Smart answers D20011 otherwise).", nameof(businessId));
        }

        // The caller needs the state to send it; the store never sees it.
        return new PendingOperation
        {
            BusinessId = stored.BusinessId,
            State = state,
            StateHash = stored.StateHash,
            Kind = stored.Kind,
            CreatedAt = stored.CreatedAt,
            ExpiresAt = stored.ExpiresAt,
        };
    }

    /// <summary>
    /// Accepts a callback body: reads and decrypts it, ties it to its operation, completes the operation, and makes the
    /// content key it carried current. Rejections change nothing. Never throws for a bad callback: the receipt says why.
    /// </summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<CallbackReceipt> AcceptCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => AcceptCallbackAsync(body, contentType: null, cancellationToken);

    /// <summary>
    /// Accepts a callback body of either shape (JSON or <c>multipart/form-data</c>, addendum §A3), as
    /// <see cref="AcceptCallbackAsync(ReadOnlyMemory{byte}, CancellationToken)"/> does for JSON.
    /// </summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="contentType">The request's <c>Content-Type</c> header (with its boundary); <see langword="null"/> for JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<CallbackReceipt> AcceptCallbackAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        CallbackParts parts;
        try
        {
            parts = await CallbackContent.ReadAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Reject(ex.Rejection, ex.TxId);
        }

        using (parts)
        {
            return await AcceptAsync(parts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Accepts a callback read from <paramref name="body"/>, as <see cref="AcceptCallbackAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/>
    /// does, without holding the body whole: a JSON body is read into one pooled buffer, a <c>multipart/form-data</c>
    /// body part by part, each part into a pooled buffer of its own. A body larger than <paramref name="maxBodySize"/>
    /// is refused (<see cref="CallbackRejection.TooLarge"/>) once that many bytes have been read, without reading on;
    /// a malformed one (<see cref="CallbackRejection.Malformed"/>) at the first defect.
    /// </summary>
    /// <param name="body">The request body, read from its current position; not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c> header (with its boundary); <see langword="null"/> for JSON.</param>
    /// <param name="maxBodySize">The largest body accepted, in bytes.</param>
    /// <param name="cancellationToken">Cancels the call; pass the request's abort token, or one with a deadline, so that a stalled sender does not hold the read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodySize"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled; nothing was stored.</exception>
    public virtual async Task<CallbackReceipt> AcceptCallbackAsync(Stream body, string? contentType, long maxBodySize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (maxBodySize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBodySize), maxBodySize, "The largest body accepted must be positive.");
        }

        CallbackParts parts;
        try
        {
            parts = await CallbackContent.ReadAsync(body, contentType, maxBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Reject(ex.Rejection, ex.TxId);
        }

        using (parts)
        {
            return await AcceptAsync(parts, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CallbackReceipt> AcceptAsync(CallbackParts parts, CancellationToken cancellationToken)
    {
        DecryptedCallback read;
        try
        {
            // Copies of the attachments: the callback is sealed, but also handed to a waiter, past the parts' buffers.
            read = await _processor.ReadCoreAsync(parts, copyAttachments: true, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Reject(ex.Rejection, ex.TxId);
        }

        var callback = read.Callback;
        if (!IAmSmartState.IsWellFormedBusinessId(callback.BusinessId))
        {
            return Reject(CallbackRejection.Uncorrelated, callback.TxId);
        }

        var operation = await Store.GetAsync(callback.BusinessId!, cancellationToken).ConfigureAwait(false);
        var proof = operation is null ? StateProof.Wrong : ProveState(operation, callback);
        if (operation is null || proof == StateProof.Wrong || IsBulkSigning(operation))
        {
            // Unknown, expired and wrong-state callbacks get the same answer: a forger learns nothing from it. A bulk
            // signing answers in pages, which only Signing.AcceptBulkSigningCallbackAsync (MapIAmSmartBulkSigningCallbacks)
            // puts together: one page here must not complete the operation as if it were the whole result.
            return Reject(CallbackRejection.UnknownOperation, callback.TxId);
        }

        if (!HasReadableContent(operation, callback))
        {
            // Completing with content its waiter cannot read would seal a failure for good and make the genuine
            // callback a conflict: refused like any other malformed callback, nothing stored.
            return Reject(CallbackRejection.Malformed, callback.TxId);
        }

        return await CompleteAsync(operation, callback, read.Fingerprint, verified: proof == StateProof.Matched, read.Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the check a success callback of <paramref name="apiFunction"/>'s operations must pass before it completes one:
    /// the reader its waiter runs, which throws <see cref="IAmSmartServiceException"/> for content of the wrong shape.
    /// </summary>
    internal void SetContentCheck(IAmSmartFunction apiFunction, Action<IAmSmartCallback> check)
        => _contentChecks[apiFunction.Kind ?? throw new ArgumentException($"{apiFunction.Name} is not answered by callback.", nameof(apiFunction))] = check;

    // A failure callback carries only its ids: there is nothing to read, so nothing to check.
    private bool HasReadableContent(PendingOperation operation, IAmSmartCallback callback)
    {
        if (!callback.IsSuccess || !_contentChecks.TryGetValue(operation.Kind, out var check))
        {
            return true;
        }

        try
        {
            check(callback);
            return true;
        }
        catch (IAmSmartServiceException)
        {
            return false;
        }
    }

    /// <summary>
    /// Completes an operation with a callback whose correlation the caller has checked, exactly once across the instances
    /// sharing the store: a repeat of the stored callback is a duplicate, a different one a conflict. The winner is sealed
    /// into the store, wakes a waiter on this instance, and (a success that proved its state) makes its content key current.
    /// </summary>
    internal async Task<CallbackReceipt> CompleteAsync(
        PendingOperation operation, IAmSmartCallback callback, string fingerprint, bool verified, ContentKey? key, CancellationToken cancellationToken)
    {
        if (operation.Completion is { } existing && string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            Log.CallbackDuplicate(_logger, operation.Kind, callback.TxId);
            return new CallbackReceipt(CallbackDisposition.Duplicate, Kind: operation.Kind, TxId: callback.TxId);
        }

        var now = _time.GetUtcNow();
        var accepted = callback.WithStateVerified(verified);
        var completion = new PendingOperationCompletion
        {
            // Sealed as read: whoever reads it back (a waiter here or on another instance) needs no second RSA decryption.
            SealedResult = _seal.Seal(accepted),
            Fingerprint = fingerprint,
            StateVerified = verified,
            CompletedAt = now,
            RetainUntil = now + _options.CompletedRetention,
        };
        var stored = operation.AcceptsCompletion(completion)
            ? await Store.TryCompleteAsync(operation.BusinessId, completion, cancellationToken).ConfigureAwait(false)
            : operation;
        if (stored?.Completion is not { } winner)
        {
            return Reject(CallbackRejection.UnknownOperation, callback.TxId);
        }

        if (string.Equals(winner.Token, completion.Token, StringComparison.Ordinal))
        {
            // Only a success that proved its state, tied to an operation started here, may make its content key
            // current: a failure, or a callback without the state, may be anyone's (the KEK is public).
            if (verified && callback.IsSuccess && key is not null)
            {
                _keys.Adopt(key);
            }

            Log.CallbackAccepted(_logger, operation.Kind, callback.Code, callback.TxId);
            Signal(operation.BusinessId, accepted);
            return new CallbackReceipt(CallbackDisposition.Accepted, Kind: operation.Kind, TxId: callback.TxId);
        }

        if (string.Equals(winner.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            Log.CallbackDuplicate(_logger, operation.Kind, callback.TxId);
            return new CallbackReceipt(CallbackDisposition.Duplicate, Kind: operation.Kind, TxId: callback.TxId);
        }

        Log.CallbackConflict(_logger, operation.Kind, callback.TxId);
        return new CallbackReceipt(CallbackDisposition.Rejected, CallbackRejection.Conflict, operation.Kind, callback.TxId);
    }

    /// <summary>
    /// Stores, once across instances, a verified callback that belongs beside an operation without completing it (a bulk
    /// signing's BSQC token or one page of its results), under <paramref name="key"/>, which no <c>businessID</c> can take.
    /// It is kept until the operation expires plus the completed retention, so that it outlives the operation's own
    /// completion. A repeat of what is stored is a duplicate, anything else a conflict.
    /// </summary>
    internal async Task<CallbackReceipt> AddCompanionAsync(
        PendingOperation operation, string key, string kind, IAmSmartCallback callback, string fingerprint, CancellationToken cancellationToken)
    {
        var retainUntil = operation.ExpiresAt + _options.CompletedRetention;
        var record = new PendingOperation
        {
            BusinessId = key,
            Kind = kind,
            CreatedAt = operation.CreatedAt,
            ExpiresAt = retainUntil,
            Completion = new PendingOperationCompletion
            {
                SealedResult = _seal.Seal(callback),
                Fingerprint = fingerprint,
                StateVerified = true,
                CompletedAt = _time.GetUtcNow(),
                RetainUntil = retainUntil,
            },
        };
        if (await Store.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return new CallbackReceipt(CallbackDisposition.Accepted, Kind: operation.Kind);
        }

        var existing = await Store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (existing?.Completion is { } stored && string.Equals(stored.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            Log.CallbackDuplicate(_logger, operation.Kind, callback.TxId);
            return new CallbackReceipt(CallbackDisposition.Duplicate, Kind: operation.Kind);
        }

        Log.CallbackConflict(_logger, operation.Kind, callback.TxId);
        return new CallbackReceipt(CallbackDisposition.Rejected, CallbackRejection.Conflict, operation.Kind);
    }

    /// <summary>The result of an operation if its callback has arrived (on any instance sharing the store), else <see langword="null"/>.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<IAmSmartCallback?> GetResultAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        return operation?.Completion is { } completion ? await ReadStoredAsync(completion, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Waits for an operation's callback, whichever instance of a web farm receives it (the store is polled every
    /// <see cref="PendingOperationOptions.PollInterval"/>; a callback accepted by this instance wakes the waiter at once).
    /// A callback that arrived before this call is returned at once. When the operation expires with no callback, the
    /// result has status <see cref="CallbackStatus.NotReceived"/> and outcome <see cref="UserOutcome.TimedOut"/>.
    /// </summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Stops waiting (the operation stays pending).</param>
    /// <exception cref="ArgumentException">No operation with this <c>businessID</c> is pending: never started, or already expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual async Task<IAmSmartCallback> WaitForCompletionAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("No operation with this businessID is pending: it was never started with BeginAsync, or it expired.", nameof(businessId));
        return await WaitAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="WaitForCompletionAsync"/>, for an operation known to have been started: gone means expired.</summary>
    internal async Task<IAmSmartCallback> WaitOrTimedOutAsync(IAmSmartFunction apiFunction, string businessId, CancellationToken cancellationToken)
    {
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        return operation is null ? NotReceived(businessId, apiFunction.Kind!) : await WaitAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result of an operation known to have been started, if known now: its callback, or "not received" once expired or gone.</summary>
    internal async Task<IAmSmartCallback?> PeekAsync(IAmSmartFunction apiFunction, string businessId, CancellationToken cancellationToken)
    {
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        return operation is null ? NotReceived(businessId, apiFunction.Kind!)
            : operation.Completion is { } completion ? await ReadStoredAsync(completion, cancellationToken).ConfigureAwait(false)
            : operation.IsExpiredAt(_time.GetUtcNow()) ? NotReceived(operation)
            : null;
    }

    /// <summary>Checks that an operation of <paramref name="apiFunction"/> with this <c>businessID</c> is in the store, to resume it.</summary>
    /// <exception cref="ArgumentException">None is: never started, already expired, or started for another function.</exception>
    internal async Task RequireAsync(IAmSmartFunction apiFunction, string businessId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        if (operation is null || !string.Equals(operation.Kind, apiFunction.Kind, StringComparison.Ordinal))
        {
            throw new ArgumentException($"No {apiFunction.Kind} operation with this businessID is pending: it was never started, it expired, or it is of another kind.", nameof(businessId));
        }
    }

    /// <summary>
    /// Begins an operation (with the given ids, or new ones), sends its request with <paramref name="send"/>, and forgets
    /// the operation again if the request fails: the one way every function answered by callback starts.
    /// </summary>
    internal async Task<(string BusinessId, TStarted Started)> StartAsync<TStarted>(
        IAmSmartFunction apiFunction,
        string? businessId,
        string? state,
        Func<string, string, CancellationToken, Task<TStarted>> send,
        CancellationToken cancellationToken)
    {
        var operation = await BeginAsync(apiFunction, businessId ?? IAmSmartState.Generate(), state ?? IAmSmartState.Generate(), cancellationToken).ConfigureAwait(false);
        try
        {
            return (operation.BusinessId, await send(operation.BusinessId, operation.State, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await AbandonAsync(operation.BusinessId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Forgets an operation whose request iAM Smart never started (the call failed or was refused): no callback will come.</summary>
    internal async Task AbandonAsync(string businessId)
    {
        try
        {
            // Not the caller's token: the call that failed may have been cancelled, and the entry must still go.
            await Store.RemoveAsync(businessId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store is unreachable: the entry expires on its own. The original failure is what the caller needs.
            Log.OperationNotRemoved(_logger, ex);
        }
    }

    private async Task<IAmSmartCallback> WaitAsync(PendingOperation operation, CancellationToken cancellationToken)
    {
        var businessId = operation.BusinessId;
        var signal = _signals.GetOrAdd(businessId, _ => new TaskCompletionSource<IAmSmartCallback>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            while (true)
            {
                if (operation.Completion is { } completion)
                {
                    return await ReadStoredAsync(completion, cancellationToken).ConfigureAwait(false);
                }

                var now = _time.GetUtcNow();
                if (operation.IsExpiredAt(now))
                {
                    return NotReceived(operation);
                }

                var remaining = operation.ExpiresAt - now;
                using (var pollCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(remaining < _options.PollInterval ? remaining : _options.PollInterval, _time, pollCancel.Token);
                    await Task.WhenAny(signal.Task, delay).ConfigureAwait(false);
                    await pollCancel.CancelAsync().ConfigureAwait(false); // woken early: stop the poll timer now, not at its end
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (signal.Task.IsCompletedSuccessfully)
                {
                    return await signal.Task.ConfigureAwait(false); // accepted here: already read, nothing to decrypt
                }

                var latest = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
                if (latest is null)
                {
                    return NotReceived(operation);
                }

                operation = latest;
            }
        }
        finally
        {
            _signals.TryRemove(KeyValuePair.Create(businessId, signal));
        }
    }

    private async Task<IAmSmartCallback> ReadStoredAsync(PendingOperationCompletion completion, CancellationToken cancellationToken)
    {
        if (completion.SealedResult is { } sealedResult)
        {
            try
            {
                return _seal.Open(sealedResult);
            }
            catch (IAmSmartCryptographyException ex)
            {
                throw new IAmSmartConfigurationException(
                    "A stored callback result cannot be opened: every instance sharing the operation store must use the same IAmSmart:ClientSecret.",
                    innerException: ex);
            }
        }

        if (completion.CallbackBody is null)
        {
            throw new IAmSmartServiceException("A stored callback completion holds no result.", isTransient: false);
        }

        var callback = completion.CallbackContentType is { } contentType
            ? await _processor.ReadAsync(Convert.FromBase64String(completion.CallbackBody), contentType, cancellationToken).ConfigureAwait(false)
            : await _processor.ReadAsync(Encoding.UTF8.GetBytes(completion.CallbackBody), cancellationToken).ConfigureAwait(false);
        return callback.WithStateVerified(completion.StateVerified);
    }

    private IAmSmartCallback NotReceived(PendingOperation operation) => NotReceived(operation.BusinessId, operation.Kind);

    private IAmSmartCallback NotReceived(string businessId, string kind)
    {
        Log.OperationTimedOut(_logger, kind);
        return new IAmSmartCallback(CallbackStatus.NotReceived, code: null, txId: null, businessId, state: null, payload: null, UserOutcome.TimedOut);
    }

    // A failure callback may carry only its businessID (contract §2.2); a success must carry the state issued.
    private StateProof ProveState(PendingOperation operation, IAmSmartCallback callback)
        => callback.State is null ? (callback.IsSuccess ? StateProof.Wrong : StateProof.Absent)
            : _stateHasher.Matches(operation.StateHash, callback.State) ? StateProof.Matched
            : StateProof.Wrong;

    private static bool IsBulkSigning(PendingOperation operation)
        => operation.Kind == IAmSmartFunctions.BulkSigning.Kind || operation.Kind == IAmSmartFunctions.AnonymousBulkSigning.Kind;

    private enum StateProof
    {
        Wrong,
        Absent,
        Matched,
    }

    // Hands the callback, as read, to a waiter on this instance: it is not read back from the store at all.
    private void Signal(string businessId, IAmSmartCallback callback)
    {
        if (_signals.TryGetValue(businessId, out var signal))
        {
            signal.TrySetResult(callback);
        }
    }

    private CallbackReceipt Reject(CallbackRejection rejection, string? txId)
    {
        _rejectionLog.Rejected(_logger, rejection.ToString(), txId);
        return new CallbackReceipt(CallbackDisposition.Rejected, rejection, TxId: txId);
    }
}
