using IAmSmart.Sdk.Consent;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// Every log line the SDK writes. Arguments are operation names, codes, txIDs, fingerprints and durations; anything
/// that came from a person or a server message goes through <see cref="PersonalDataRedactor"/> first. A txID may come
/// from an attacker (a forged callback), so each one goes through <see cref="LogValue.TxId"/>: logged only when it has
/// the txID shape.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "iAM Smart {Operation} answered {Code} (txID {TxId}) in {ElapsedMs} ms")]
    private static partial void CallCompletedCore(ILogger logger, string operation, string code, string txId, double elapsedMs);

    public static void CallCompleted(ILogger logger, string operation, string code, string? txId, double elapsedMs)
        => CallCompletedCore(logger, operation, LogValue.Capped(code, 16), LogValue.TxId(txId), elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "iAM Smart {Operation} failed with {Code} (txID {TxId}): {Message}")]
    private static partial void CallFailedCore(ILogger logger, string operation, string code, string txId, string message);

    // The server message is redacted, then capped: a hostile or broken server must not write pages into one line.
    public static void CallFailed(ILogger logger, string operation, string? code, string? txId, string? serverMessage)
        => CallFailedCore(logger, operation, LogValue.Capped(code, 16), LogValue.TxId(txId), LogValue.Capped(PersonalDataRedactor.Redact(serverMessage), 200));

    [LoggerMessage(3, LogLevel.Information, "iAM Smart refused content key for {Operation} with {Code}; refreshing the key and retrying once")]
    public static partial void ContentKeyRejected(ILogger logger, string operation, string code);

    [LoggerMessage(4, LogLevel.Information, "Fetched iAM Smart content key {Fingerprint}, expiring {ExpiresAt}")]
    public static partial void ContentKeyFetched(ILogger logger, string fingerprint, DateTimeOffset? expiresAt);

    [LoggerMessage(5, LogLevel.Information, "Adopted iAM Smart content key {Fingerprint} from a callback")]
    public static partial void ContentKeyAdopted(ILogger logger, string fingerprint);

    [LoggerMessage(6, LogLevel.Information, "Revoked the iAM Smart content key")]
    public static partial void ContentKeyRevoked(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning, "Retrying iAM Smart {Operation} (attempt {Attempt}) after {Outcome}, in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string outcome, double delayMs);

    [LoggerMessage(20, LogLevel.Information, "Accepted iAM Smart callback {Code} for a {Kind} operation (txID {TxId})")]
    private static partial void CallbackAcceptedCore(ILogger logger, string kind, string code, string txId);

    public static void CallbackAccepted(ILogger logger, string kind, string? code, string? txId)
        => CallbackAcceptedCore(logger, kind, LogValue.Capped(code, 16), LogValue.TxId(txId));

    [LoggerMessage(21, LogLevel.Debug, "Acknowledged a repeat of the iAM Smart callback for a {Kind} operation (txID {TxId}); nothing changed")]
    private static partial void CallbackDuplicateCore(ILogger logger, string kind, string txId);

    public static void CallbackDuplicate(ILogger logger, string kind, string? txId) => CallbackDuplicateCore(logger, kind, LogValue.TxId(txId));

    [LoggerMessage(22, LogLevel.Warning, "Security: rejected an iAM Smart callback ({Rejection}, txID {TxId}); nothing changed")]
    private static partial void CallbackRejectedCore(ILogger logger, string rejection, string txId);

    // Called through RejectionLogThrottle, which bounds how many of these lines a flood of forged callbacks can write.
    public static void CallbackRejected(ILogger logger, string rejection, string? txId) => CallbackRejectedCore(logger, rejection, LogValue.TxId(txId));

    [LoggerMessage(23, LogLevel.Error, "Security: a second, different callback arrived for a completed {Kind} operation (txID {TxId}); rejected, the first result stands")]
    private static partial void CallbackConflictCore(ILogger logger, string kind, string txId);

    public static void CallbackConflict(ILogger logger, string kind, string? txId) => CallbackConflictCore(logger, kind, LogValue.TxId(txId));

    [LoggerMessage(25, LogLevel.Warning, "Security: {Suppressed} more iAM Smart callback rejection(s) ({Rejection}) were not logged in the last {IntervalSeconds} s; the metric counts them all")]
    public static partial void CallbackRejectionsSuppressed(ILogger logger, string rejection, long suppressed, double intervalSeconds);

    [LoggerMessage(24, LogLevel.Information, "No iAM Smart callback arrived for a {Kind} operation before it expired")]
    public static partial void OperationTimedOut(ILogger logger, string kind);

    [LoggerMessage(26, LogLevel.Warning, "Could not remove an operation whose request iAM Smart did not start; it expires on its own")]
    public static partial void OperationNotRemoved(ILogger logger, Exception exception);

    [LoggerMessage(30, LogLevel.Information, "Consent receipt: {ConsentOperation} {Outcome} (code {Code}, businessID {BusinessId}, txID {TxId}); requested [{FieldsRequested}], released [{FieldsReleased}], discarded [{FieldsDiscarded}]; form {FormReference}; requested at {RequestedAt}, answered at {AnsweredAt}")]
    private static partial void ConsentReceiptCore(
        ILogger logger, string consentOperation, ConsentOutcome outcome, string? code, string businessId, string? txId, string fieldsRequested,
        string fieldsReleased, string fieldsDiscarded, string formReference, DateTimeOffset requestedAt, DateTimeOffset answeredAt);

    // Field names are validated names or names the SDK knows; the form reference is e-service text, redacted all the same.
    public static void ConsentReceipt(ILogger logger, ConsentReceipt receipt)
        => ConsentReceiptCore(
            logger, receipt.Function.Kind ?? receipt.Function.Name, receipt.Outcome, receipt.Code, receipt.BusinessId, LogValue.TxId(receipt.TxId), string.Join(' ', receipt.FieldsRequested),
            string.Join(' ', receipt.FieldsReleased), string.Join(' ', receipt.FieldsDiscarded), PersonalDataRedactor.Redact(receipt.Purpose?.Reference),
            receipt.RequestedAt, receipt.AnsweredAt);

    [LoggerMessage(31, LogLevel.Warning, "iAM Smart released {Count} field(s) a {ConsentOperation} request did not ask for (businessID {BusinessId}); their values were dropped")]
    public static partial void UnrequestedFieldsDiscarded(ILogger logger, string consentOperation, string businessId, int count);

    [LoggerMessage(32, LogLevel.Warning, "iAM Smart reported success for a {ConsentOperation} request but its data could not be read (businessID {BusinessId}, txID {TxId}); recorded as failed")]
    private static partial void UnreadableReleasedDataCore(ILogger logger, string consentOperation, string businessId, string txId);

    public static void UnreadableReleasedData(ILogger logger, string consentOperation, string businessId, string? txId)
        => UnreadableReleasedDataCore(logger, consentOperation, businessId, LogValue.TxId(txId));
}
