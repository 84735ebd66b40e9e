using System.Collections.Frozen;
using System.Net;
using IAmSmart.Sdk.Diagnostics;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// Who acts on a return code (addendum §A2). Every code is exactly one of these; the transport's retry decision and
/// <see cref="IAmSmartServiceException.IsTransient"/> are read from it, never from a code written out elsewhere.
/// </summary>
public enum ReturnCodeClass
{
    /// <summary><c>D00000</c>: not an error.</summary>
    Success,

    /// <summary>An outcome of the user's choice or situation: tell the user. Never retried.</summary>
    UserOutcome,

    /// <summary>The e-service sent something wrong, is misconfigured, or called in the wrong state: fix the code or the configuration. Never retried.</summary>
    CallerError,

    /// <summary>
    /// Transient: trying again later may succeed, with the same call or, when <see cref="ReturnCodeInfo.NeedsNewRequest"/>,
    /// with a new request. The SDK repeats a call itself only for retry-safe functions (<see cref="IAmSmartFunction.IsRetrySafe"/>);
    /// an <c>initiateRequest</c> must be started again by the caller with a new <c>businessID</c>, since reusing one gives
    /// <c>D20011</c> [I].
    /// </summary>
    Retryable,
}

/// <summary>What an iAM Smart return code means and what a developer should do about it.</summary>
/// <param name="Code">The code, for example <c>D20006</c>. An opaque string: not every code starts with <c>D</c> (<c>S00001</c>, <c>C00001</c>, <c>M10001</c>).</param>
/// <param name="Meaning">What iAM Smart means by it.</param>
/// <param name="Action">What the e-service should do.</param>
/// <param name="Category">The exception category it maps to.</param>
/// <param name="Class">Who acts on it, and whether it may be retried.</param>
/// <param name="Outcome">The user outcome, for codes of class <see cref="ReturnCodeClass.UserOutcome"/> only.</param>
/// <param name="Inferred">
/// Whether the code or its class is inferred or guessed ([I]/[G] in the contract and its addendum): known only from
/// CorpID's twin list, from a single implementation, or in a form (<c>D</c> for <c>M</c>) no iAM Smart source shows.
/// </param>
/// <param name="NeedsNewRequest">
/// For a retryable code: only a new request (a new <c>businessID</c>) can succeed, so repeating the same call, even a
/// retry-safe look-up such as <c>getResult</c>, would only fetch the same failure. The SDK never repeats these itself.
/// </param>
public sealed record ReturnCodeInfo(
    string Code,
    string Meaning,
    string Action,
    IAmSmartErrorCategory Category,
    ReturnCodeClass Class,
    UserOutcome? Outcome = null,
    bool Inferred = false,
    bool NeedsNewRequest = false)
{
    /// <summary>Whether trying again later may succeed (<see cref="ReturnCodeClass.Retryable"/>).</summary>
    public bool IsRetryable => Class == ReturnCodeClass.Retryable;
}

/// <summary>
/// The one table of iAM Smart return codes (contract §10.1, addendum §A2): meaning, action, class and the exception
/// each maps to. docs/troubleshooting.md is generated from the same facts; keep them together.
/// </summary>
public static class ReturnCodes
{
    /// <summary>The success code.</summary>
    public const string Success = "D00000";

    private const string Retry = "Retry later; if it persists, contact iAM Smart support quoting the txID.";
    private const string Relogin = "Ask the user to log in with iAM Smart again.";
    private const string KeyRenewed = "None: the SDK fetches a new key and resends once; if it persists, " + Retry;
    private const string NewRequest = "Start a new request with a new businessID (the SDK does not repeat an initiateRequest); if it persists, contact iAM Smart support quoting the txID.";

    private static readonly ReturnCodeInfo[] Table =
    [
        new(Success, "Success.", "None.", IAmSmartErrorCategory.Service, ReturnCodeClass.Success),

        // Common codes (contract §10.1).
        Transient("D20000", "Unknown exception at iAM Smart.", Retry),
        Caller("D20001", "A required parameter is missing.", "Send the parameter named in the message."),
        Caller("D20002", "A parameter is empty.", "Send a value for the parameter named in the message."),
        Caller("D20003", "A parameter is invalid.", "Correct the parameter named in the message."),

        // A replayed nonce or a timestamp that went back is not cured by sending again: the clock or the nonce source is wrong.
        Caller("D20004", "Duplicated request: the nonce was used before or the timestamp went back.", "Check the server clock; the SDK sends a fresh nonce and a non-decreasing timestamp per client.", IAmSmartErrorCategory.Service),
        Caller("D20005", "Unsupported signature method.", "Use signatureMethod HmacSHA256."),
        Caller("D20006", "Signature verification failed.", "Check the client ID and client secret from the iAM Smart Self-Service Portal."),
        Caller("D20007", "Unsupported source.", "Send a source value from the contract's list (§5.2)."),
        Caller("D20008", "Invalid e-service URL: the redirect URI is not registered.", "Register the exact redirect URI in the iAM Smart Self-Service Portal (ESP)."),
        Caller("D20009", "The access token does not exist or has expired.", Relogin, IAmSmartErrorCategory.Expired),
        Caller("D20010", "The openID does not exist.", Relogin, IAmSmartErrorCategory.Expired),
        Caller("D20011", "Duplicated businessID.", "Use a new, unique businessID for each request."),
        Caller("D20012", "Insufficient scope or permission.", "Request the scope at login, and have it approved for the e-service by iAM Smart support."),
        Caller("D20015", "Scope mismatch.", "Request only scopes approved for the e-service.", inferred: true),
        Transient("D20022", "Encryption failed at iAM Smart.", Retry, inferred: true),
        Caller("D20026", "Access denied.", "Check that the e-service is enabled for this function.", inferred: true),

        // [I] Caller, not transient: a look-up of an id iAM Smart does not know is not cured by asking again.
        Caller("D20027", "Not found.", "Check that the ID sent (businessID, ticketID, token) belongs to a live request of this e-service; if it does, contact iAM Smart support quoting the txID.", IAmSmartErrorCategory.Service, inferred: true),

        // Content keys (contract §3: "On any encryption error code (D30001–D30004), call getKey again and retry once";
        // S4 does exactly this). The server refused the key before acting on the request, so the transport fetches a new
        // key and resends once, for every function (IsContentKeyError). D30001 stays a caller error: when the one resend
        // is refused too, the KEK really is missing or expired (e.g. a rolled-over encipherment certificate whose old
        // CEK the fresh getKey replaced, or one never uploaded), and that is the e-service's to fix.
        Caller("D30001", "The key-encryption key (KEK) does not exist or has expired.", "Upload a valid encipherment certificate in the iAM Smart Self-Service Portal and configure its private key."),
        Transient("D30002", "The content encryption key does not exist or has expired.", "None: the SDK fetches a new key and resends once.", IAmSmartErrorCategory.Expired),
        Transient("D30003", "Encryption exception.", KeyRenewed),
        Transient("D30004", "Decryption exception.", KeyRenewed),

        // Login, profile, form filling (contract §10.1).
        User("D40000", "The user cancelled authentication.", "Offer to start again.", UserOutcome.Cancelled),
        User("D40001", "The user rejected authentication.", "Offer to start again or another way to proceed.", UserOutcome.Rejected),
        User("D40002", "Authentication failed.", "Offer to start again.", UserOutcome.Failed),
        User("D40003", "Authentication timed out.", "Offer to start again.", UserOutcome.TimedOut),
        Caller("D40004", "The authorisation code does not exist or has expired (single use, about 30 s).", "Exchange the code at once, exactly once; otherwise log the user in again.", IAmSmartErrorCategory.Expired),
        User("D40035", "User ID card error.", "Ask the user to check the identity card registered with iAM Smart.", UserOutcome.Failed, inferred: true),
        User("D50001", "The user rejected the profile request.", "Tell the user the data is needed, or offer another way.", UserOutcome.Rejected),
        User("D50002", "The profile request failed.", "Offer to start again.", UserOutcome.Failed),
        User("D50003", "The profile request timed out.", "Offer to start again.", UserOutcome.TimedOut),
        User("D60000", "The user cancelled form filling.", "Offer to start again.", UserOutcome.Cancelled),
        User("D60001", "The user rejected form filling.", "Tell the user the data is needed, or offer another way.", UserOutcome.Rejected),
        User("D60002", "Form filling failed.", "Offer to start again.", UserOutcome.Failed),
        User("D60003", "Form filling timed out.", "Offer to start again.", UserOutcome.TimedOut),

        // Signing (contract §10.1; classes from addendum §A2.2).
        User("D70000", "The user cancelled signing.", "Offer to start again.", UserOutcome.Cancelled),
        User("D70001", "The user rejected signing.", "Offer to start again or another way to sign.", UserOutcome.Rejected),

        // Addendum §A2.2: a failure to request signing is iAM Smart's, not the user's; it may work with a new businessID.
        Transient("D70002", "Failed to request signing.", NewRequest, newRequest: true),
        User("D70003", "Signing timed out: the user did not act within the signing window.", "Offer to start again with a new request.", UserOutcome.TimedOut),
        User("D70004", "The user may not sign: not an iAM Smart+ user.", "Ask the user to upgrade to iAM Smart+, or offer another way to sign; check userType before signing. Do not retry.", UserOutcome.NotSigningCapable),

        // Addendum §A2.2: the user's HKIC differs from the HKICHash (the wrong person), or the e-service hashed the wrong
        // HKIC (contract §11.4). Either way not retryable; it is reported as the user outcome because the user saw it.
        User("D70005", "Inconsistent HKIC number: the HKICHash does not match the user.", "Check that the HKIC the hash was made from belongs to the person signing. Do not retry.", UserOutcome.IdentityMismatch),
        Transient("D70006", "Failed to process the signing acknowledgement.", "Send the ackResult call again; if it persists, contact iAM Smart support quoting the txID."),

        // Bulk signing (addendum §A2.3): documented for CorpID as M710xx; the D form is [I] for iAM Smart.
        User("D71000", "The user cancelled the bulk signing request.", "Offer to start again.", UserOutcome.Cancelled, inferred: true),
        User("D71001", "The user rejected the bulk signing request.", "Offer to start again or another way to sign.", UserOutcome.Rejected, inferred: true),
        Transient("D71002", "Failed to request bulk signing.", NewRequest, inferred: true, newRequest: true),
        User("D71003", "Bulk signing timed out.", "Offer to start again with a new request.", UserOutcome.TimedOut, inferred: true),
        User("D71004", "The user is not allowed to sign: not an iAM Smart+ user.", "Ask the user to upgrade to iAM Smart+, or offer another way to sign. Do not retry.", UserOutcome.NotSigningCapable, inferred: true),
        User("D71005", "Inconsistent HKIC number: the HKICHash does not match the user.", "Check that the HKIC the hash was made from belongs to the person signing. Do not retry.", UserOutcome.IdentityMismatch, inferred: true),
        Transient("D71006", "Failed to process the bulk signing acknowledgement.", "Send the bdss/ackResult call again; if it persists, contact iAM Smart support quoting the txID.", inferred: true),
        Caller("D71007", "The request to be cancelled is not Pending for Signing.", "Call enquireStatus to learn the request's state; do not retry the cancel.", inferred: true),
        Caller("D71008", "BSQC token not found.", "Use the BSQC token of this bulk request, fetched again with getBSQCToken if it is stale. Do not retry with the same token.", IAmSmartErrorCategory.Expired, inferred: true),

        // [G] which of the two names differs: the addendum (§A2.3) does not say.
        Caller("D71009", "Inconsistent department or service name.", "Send the department and serviceName registered for the e-service (and the same ones as the original request).", inferred: true),

        // Step-up signing (addendum §A2.4): documented for CorpID as M770xx only; the D form, and that they arrive in the
        // signing callback or getResult rather than from the initiate call, are [I].
        Transient("D77000", "Failed to sign.", "Start one new signing request with a new businessID (the SDK does not repeat an initiateRequest); if that fails too, give up and tell the user.", inferred: true, newRequest: true),
        User("D77001", "Failed to sign with face recognition (FR).", "Tell the user the face check failed; offer to try again.", UserOutcome.FaceRecognitionFailed, inferred: true),
        User("D77002", "Failed to sign with NFC: the identity card chip could not be read.", "Tell the user the card could not be read; offer to try again.", UserOutcome.NfcFailed, inferred: true),
        User("D77003", "The device does not support NFC.", "Permanent on this phone: offer FR-only step-up ({\"unary\":[\"FR\"]}) if policy allows, or another way to sign.", UserOutcome.NfcNotSupported, inferred: true),
        User("D77004", "The user is still in the waiting period: the iAM Smart account is younger than the step-up waiting period.", "Tell the user to sign after the waiting period ends; do not retry before then.", UserOutcome.InWaitingPeriod, inferred: true),

        // Re-authentication (contract §6).
        User("D80001", "The user rejected re-authentication.", "Do not proceed with the protected action.", UserOutcome.Rejected),
        User("D80002", "Re-authentication failed.", "Do not proceed with the protected action; offer to try again.", UserOutcome.Failed),
        User("D80003", "Re-authentication timed out.", "Offer to try again.", UserOutcome.TimedOut),

        // Codes that keep their own prefix (addendum §A2.1, CorpID's M table; the iAM Smart form is [G]). Kept verbatim:
        // the code is an opaque string, and guessing a D form (D10001?) could mislabel a code iAM Smart uses otherwise.
        Caller("M10001", "The application is suspended.", "The e-service is suspended at iAM Smart: show a \"service suspended\" page and contact iAM Smart support. Do not retry.", inferred: true),
        Transient("M99990", "Unhandled exception.", "Show an \"unhandled exception\" page; " + Retry, inferred: true),
        Transient("M99991", "Cannot send the email notification.", Retry, inferred: true),
        Caller("M99992", "Authorization failed: the applicant is not permitted to submit the request.", "Check the client ID and that the e-service is permitted to call this function. Do not retry.", inferred: true),
        Transient("S00001", "Database error.", Retry, inferred: true),
        Transient("C00001", "Connection refused by the backend API server (core).", Retry, inferred: true),
    ];

    private static readonly FrozenDictionary<string, ReturnCodeInfo> ByCode = Table.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every known code: the <c>D</c> codes in numeric order, then the codes with other prefixes.</summary>
    public static IReadOnlyList<ReturnCodeInfo> All => Table;

    /// <summary>
    /// Whether <paramref name="code"/> tells the client to fetch a new content key and resend once (contract §3: "On any
    /// encryption error code (D30001–D30004), call getKey again and retry once"). D30001 (no KEK) is included: the one
    /// resend under a fresh key is what the contract asks for; if that is refused too, the code raises its own typed error
    /// (a configuration error for D30001), and nothing is sent a third time.
    /// </summary>
    /// <param name="code">A return code.</param>
    public static bool IsContentKeyError(string? code)
        => code is "D30001" or "D30002" or "D30003" or "D30004";

    /// <summary>
    /// Whether the same request may succeed later: a known code of class <see cref="ReturnCodeClass.Retryable"/>.
    /// Unknown codes, user outcomes and caller errors are not.
    /// </summary>
    /// <param name="code">A return code.</param>
    public static bool IsRetryable(string? code) => TryGet(code, out var info) && info.IsRetryable;

    /// <summary>
    /// Whether the transport may send the very same call again for <paramref name="code"/>: retryable, not one that needs
    /// a new request, and not a content-key code (those need a new key first, which the transport fetches itself).
    /// </summary>
    /// <param name="code">A return code.</param>
    internal static bool IsRepeatable(string? code)
        => TryGet(code, out var info) && info.IsRetryable && !info.NeedsNewRequest && !IsContentKeyError(code);

    /// <summary>Looks up a code.</summary>
    /// <param name="code">A return code.</param>
    /// <param name="info">What it means, when known.</param>
    public static bool TryGet(string? code, out ReturnCodeInfo info)
    {
        if (code is not null && ByCode.TryGetValue(code, out var found))
        {
            info = found;
            return true;
        }

        info = null!;
        return false;
    }

    /// <summary>The exception for a non-success code.</summary>
    /// <param name="code">The return code.</param>
    /// <param name="serverMessage">The message iAM Smart sent; it is redacted before it goes into the exception.</param>
    /// <param name="txId">The transaction id.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="operation">The operation name, for the message.</param>
    public static IAmSmartException ToException(string code, string? serverMessage, string? txId, HttpStatusCode? statusCode, string operation)
    {
        var server = string.IsNullOrWhiteSpace(serverMessage) ? string.Empty : $" iAM Smart said: \"{PersonalDataRedactor.Redact(serverMessage)}\".";
        if (!TryGet(code, out var info))
        {
            return new IAmSmartServiceException(
                $"iAM Smart {operation} failed with unknown code {code}.{server} Contact iAM Smart support quoting txID {txId}.",
                isTransient: false, code, txId, statusCode);
        }

        var message = $"iAM Smart {operation} failed with {code}: {info.Meaning}{server} {info.Action}";
        return info.Category switch
        {
            IAmSmartErrorCategory.Configuration => new IAmSmartConfigurationException(message, code, txId, statusCode),
            IAmSmartErrorCategory.UserOutcome => new IAmSmartUserOutcomeException(message, info.Outcome!.Value, code, txId, statusCode),
            IAmSmartErrorCategory.Expired => new IAmSmartExpiredException(message, code, txId, statusCode),
            _ => new IAmSmartServiceException(message, isTransient: info.IsRetryable, code, txId, statusCode),
        };
    }

    private static ReturnCodeInfo User(string code, string meaning, string action, UserOutcome outcome, bool inferred = false)
        => new(code, meaning, action, IAmSmartErrorCategory.UserOutcome, ReturnCodeClass.UserOutcome, outcome, inferred);

    private static ReturnCodeInfo Caller(
        string code, string meaning, string action, IAmSmartErrorCategory category = IAmSmartErrorCategory.Configuration, bool inferred = false)
        => new(code, meaning, action, category, ReturnCodeClass.CallerError, Inferred: inferred);

    private static ReturnCodeInfo Transient(
        string code, string meaning, string action, IAmSmartErrorCategory category = IAmSmartErrorCategory.Service, bool inferred = false, bool newRequest = false)
        => new(code, meaning, action, category, ReturnCodeClass.Retryable, Inferred: inferred, NeedsNewRequest: newRequest);
}
