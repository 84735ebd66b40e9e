using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// A user-consent operation the e-service started (re-authentication, profile, e-ME, signing) and whose result iAM
/// Smart will push by callback. Keyed by its <c>businessID</c>; its <c>state</c> must match too. Immutable: a store
/// replaces it as a whole.
/// </summary>
public sealed class PendingOperation
{
    /// <summary>The <c>businessID</c> sent with the request: unguessable, at most 36 characters.</summary>
    public required string BusinessId { get; init; }

    /// <summary>
    /// The <c>state</c> to send with the request: unguessable, at most 36 characters. Only the operation that
    /// <see cref="PendingOperations.BeginAsync(IAmSmartFunction, CancellationToken)"/> returns holds it; stores keep
    /// <see cref="StateHash"/> instead, so an operation read from a store has an empty state.
    /// </summary>
    [JsonIgnore]
    public string State { get; init; } = string.Empty;

    /// <summary>
    /// A keyed hash (HMAC-SHA256, under a key derived from the client secret) of the <c>state</c>: what stores keep, so that
    /// reading a shared store does not give what a forged success callback needs.
    /// </summary>
    public string? StateHash { get; init; }

    /// <summary>The <see cref="IAmSmartFunction.Kind"/> of the function that started it; for logs and for the code that reads the result.</summary>
    public required string Kind { get; init; }

    /// <summary>When the operation was started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the operation is forgotten: with no callback by then it has timed out; once completed, when its result is no longer kept.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The callback that completed the operation, if one has arrived.</summary>
    public PendingOperationCompletion? Completion { get; init; }

    /// <summary>Whether a callback has completed the operation.</summary>
    [JsonIgnore]
    public bool IsCompleted => Completion is not null;

    /// <summary>
    /// Whether <paramref name="completion"/> may be stored now: when there is no completion yet, or when the one stored did
    /// not prove the state and this one does. The one rule every store applies atomically.
    /// </summary>
    /// <param name="completion">The completion offered.</param>
    public bool AcceptsCompletion(PendingOperationCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return Completion is null || (!Completion.StateVerified && completion.StateVerified);
    }

    /// <summary>Whether the operation has expired at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>A copy completed by <paramref name="completion"/>, kept at least until <see cref="PendingOperationCompletion.RetainUntil"/>.</summary>
    /// <param name="completion">The callback that completes it.</param>
    public PendingOperation CompletedBy(PendingOperationCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return new PendingOperation
        {
            BusinessId = BusinessId,
            State = State,
            StateHash = StateHash,
            Kind = Kind,
            CreatedAt = CreatedAt,
            ExpiresAt = completion.RetainUntil > ExpiresAt ? completion.RetainUntil : ExpiresAt,
            Completion = completion,
        };
    }

    /// <summary>A description without the state.</summary>
    public override string ToString() => $"PendingOperation(kind: {Kind}, completed: {IsCompleted}, expires: {ExpiresAt:O})";
}

/// <summary>
/// The callback that completed an operation, kept encrypted, so a shared store (a distributed cache, Redis) never holds
/// personal data in clear: as <see cref="SealedResult"/>, the callback as read sealed under a key derived from the
/// client secret (opened without a second RSA decryption), or, when written by an earlier version, as received
/// (<see cref="CallbackBody"/>).
/// </summary>
public sealed class PendingOperationCompletion
{
    /// <summary>
    /// The callback as read (status, code, ids, payload, attachments), AES-256-GCM-sealed under a key derived from the
    /// client secret (nonce, ciphertext, tag): every instance of the e-service can open it with one symmetric decryption.
    /// JSON stores write it as Base64.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "A serialized value, as stored: copying it on every read would defeat storing it once.")]
    public byte[]? SealedResult { get; init; }

    /// <summary>
    /// The callback body exactly as received (content encrypted under its wrapped content key), as earlier versions
    /// stored it: the JSON text, or, when <see cref="CallbackContentType"/> is set, the multipart body in Base64. Read
    /// only when <see cref="SealedResult"/> is absent.
    /// </summary>
    public string? CallbackBody { get; init; }

    /// <summary>The <c>multipart/form-data</c> content type (with its boundary) of <see cref="CallbackBody"/>; <see langword="null"/> for JSON.</summary>
    public string? CallbackContentType { get; init; }

    /// <summary>A SHA-256 fingerprint (hex) of the callback's code and decrypted payload: equal for a repeat, different for another callback.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>
    /// A random value (128 bits, hex) that names this completion attempt: a store keeps the first completion it is given,
    /// so the caller whose token comes back stored is the one, and the only one, that completed the operation. Unlike a
    /// timestamp it cannot tie between two instances. New for each completion object unless set.
    /// </summary>
    public string Token { get; init; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Whether the callback carried the operation's <c>state</c>. A failure callback without it is kept, but a store
    /// lets a later callback that carries the state replace it (see <see cref="IPendingOperationStore.TryCompleteAsync"/>).
    /// </summary>
    public bool StateVerified { get; init; }

    /// <summary>When the callback was accepted.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Until when the result is kept for a waiter and for recognising repeats.</summary>
    public DateTimeOffset RetainUntil { get; init; }
}
