using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>How a user-consent operation ended, as its callback (or the lack of one) tells.</summary>
public enum CallbackStatus
{
    /// <summary>iAM Smart reported success (<c>D00000</c>); <see cref="IAmSmartCallback.Payload"/> holds the result.</summary>
    Succeeded,

    /// <summary>The user cancelled, rejected, failed or timed out in the app; see <see cref="IAmSmartCallback.Outcome"/>.</summary>
    UserOutcome,

    /// <summary>iAM Smart reported another failure; see <see cref="IAmSmartCallback.Code"/>.</summary>
    Failed,

    /// <summary>
    /// No callback arrived within the operation's lifetime (18 minutes by default, contract §2.3):
    /// <see cref="IAmSmartCallback.Outcome"/> is <see cref="UserOutcome.TimedOut"/> and there is no code.
    /// </summary>
    NotReceived,
}

/// <summary>
/// A decrypted iAM Smart callback (contract §2.3): its return code mapped to a status and user outcome, the ids that
/// correlate it, and the business object as raw JSON for the feature that asked for it (profile, e-ME, signing, step-up).
/// User outcomes are values here, not exceptions. <see cref="ToString"/> shows no personal data.
/// </summary>
public sealed class IAmSmartCallback
{
    /// <summary>Creates a callback; also for tests of code that uses the SDK.</summary>
    /// <param name="status">How the operation ended.</param>
    /// <param name="code">The iAM Smart return code, if a callback arrived.</param>
    /// <param name="txId">The iAM Smart transaction id, if any.</param>
    /// <param name="businessId">The <c>businessID</c> of the operation, if known.</param>
    /// <param name="state">The <c>state</c> of the operation, if known.</param>
    /// <param name="payload">The decrypted business object, if any.</param>
    /// <param name="outcome">The user outcome, for <see cref="CallbackStatus.UserOutcome"/> and <see cref="CallbackStatus.NotReceived"/>.</param>
    /// <param name="attachments">The parts of a multipart callback other than its envelope; none for a JSON callback.</param>
    /// <param name="isStateVerified">Whether the callback carried the <c>state</c> of the operation it completed.</param>
    public IAmSmartCallback(
        CallbackStatus status,
        string? code,
        string? txId,
        string? businessId,
        string? state,
        JsonElement? payload,
        UserOutcome? outcome = null,
        IReadOnlyList<CallbackAttachment>? attachments = null,
        bool isStateVerified = false)
    {
        Attachments = attachments ?? [];
        IsStateVerified = isStateVerified;
        Status = status;
        Code = code;
        TxId = txId;
        BusinessId = businessId;
        State = state;
        Payload = payload?.Clone();
        Outcome = outcome;
    }

    /// <summary>How the operation ended.</summary>
    public CallbackStatus Status { get; }

    /// <summary>Whether iAM Smart reported success.</summary>
    public bool IsSuccess => Status == CallbackStatus.Succeeded;

    /// <summary>The iAM Smart return code (<c>D00000</c>, <c>D80001</c>, …); <see langword="null"/> when no callback arrived.</summary>
    public string? Code { get; }

    /// <summary>The iAM Smart transaction id, to quote to iAM Smart support.</summary>
    public string? TxId { get; }

    /// <summary>The operation's <c>businessID</c>.</summary>
    public string? BusinessId { get; }

    /// <summary>The operation's <c>state</c>.</summary>
    public string? State { get; }

    /// <summary>How the user ended the operation, when <see cref="Status"/> is <see cref="CallbackStatus.UserOutcome"/> or <see cref="CallbackStatus.NotReceived"/>.</summary>
    public UserOutcome? Outcome { get; }

    /// <summary>
    /// The decrypted business object (for example <c>{businessID, state, isPassed}</c>), unwrapped from
    /// <c>{"content":{…}}</c> when iAM Smart wrapped it. It may hold personal data: never log it.
    /// </summary>
    public JsonElement? Payload { get; }

    /// <summary>
    /// Whether the callback proved it answers the operation by carrying the operation's <c>state</c>, checked by
    /// <see cref="Operations.PendingOperations"/> (a value read alone, with <see cref="IAmSmartCallbackProcessor"/>, is
    /// never verified). A failure may come with its <c>businessID</c> only (contract §2.2); such an unverified outcome
    /// is reported, but a later callback that carries the state supersedes it, because anyone can encrypt a callback to
    /// the public KEK.
    /// </summary>
    public bool IsStateVerified { get; }

    /// <summary>
    /// The parts of a <c>multipart/form-data</c> callback other than its envelope (for example a bulk-signing
    /// <c>sigFile</c>), as received; empty for a JSON callback. They may hold personal data: never log them.
    /// </summary>
    public IReadOnlyList<CallbackAttachment> Attachments { get; }

    /// <summary>Deserializes <see cref="Payload"/> with a source-generated type.</summary>
    /// <typeparam name="T">The business object type.</typeparam>
    /// <param name="type">Its JSON type information.</param>
    /// <exception cref="InvalidOperationException">There is no payload.</exception>
    /// <exception cref="IAmSmartServiceException">The payload is not the expected JSON; the message quotes no value.</exception>
    public T DeserializePayload<T>(JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Payload is not { } payload)
        {
            throw new InvalidOperationException($"The callback (status {Status}, code {Code ?? "none"}) carries no payload.");
        }

        try
        {
            return payload.Deserialize(type)
                ?? throw new IAmSmartServiceException("The callback payload is empty.", isTransient: false, Code, TxId);
        }
        catch (JsonException ex)
        {
            throw new IAmSmartServiceException(
                $"The callback payload is not the expected JSON (at {ex.Path}).", isTransient: false, Code, TxId);
        }
    }

    /// <summary>A copy marked as verified or not (see <see cref="IsStateVerified"/>).</summary>
    internal IAmSmartCallback WithStateVerified(bool verified)
        => verified == IsStateVerified ? this : new(Status, Code, TxId, BusinessId, State, Payload, Outcome, Attachments, verified);

    /// <summary>
    /// A copy without <see cref="Attachments"/>: for a callback read without copies of its parts (their bytes are pooled
    /// buffers, cleared and reused once the request ends) that must outlive the request.
    /// </summary>
    internal IAmSmartCallback WithoutAttachments()
        => Attachments.Count == 0 ? this : new(Status, Code, TxId, BusinessId, State, Payload, Outcome, attachments: null, IsStateVerified);

    /// <summary>A description without the payload or the state.</summary>
    public override string ToString() => $"IAmSmartCallback(status: {Status}, code: {Diagnostics.LogValue.Capped(Code)}, outcome: {Outcome?.ToString() ?? "none"}, txID: {Diagnostics.LogValue.TxId(TxId)})";
}
