using System.Collections.Frozen;
using System.Net;
using IAmSmart.Sdk.Diagnostics;

namespace IAmSmart.Sdk.Transport;

/// <summary>What an iAM Smart return code means and what a developer should do about it.</summary>
/// <param name="Code">The code, for example <c>D20006</c>.</param>
/// <param name="Meaning">What iAM Smart means by it.</param>
/// <param name="Action">What the e-service should do.</param>
/// <param name="Category">The exception category it maps to.</param>
/// <param name="Outcome">The user outcome, for codes that report one.</param>
/// <param name="Inferred">Whether the code is known only from CorpID's twin list or a single implementation (contract §10).</param>
public sealed record ReturnCodeInfo(
    string Code,
    string Meaning,
    string Action,
    IAmSmartErrorCategory Category,
    UserOutcome? Outcome = null,
    bool Inferred = false);

/// <summary>
/// The one table of iAM Smart return codes (contract §10.1): meaning, action, and the exception each maps to.
/// docs/troubleshooting.md is generated from the same facts; keep them together.
/// </summary>
public static class ReturnCodes
{
    /// <summary>The success code.</summary>
    public const string Success = "D00000";

    private const string Retry = "Retry later; if it persists, contact iAM Smart support quoting the txID.";
    private const string Relogin = "Ask the user to log in with iAM Smart again.";

    private static readonly ReturnCodeInfo[] Table =
    [
        new(Success, "Success.", "None.", IAmSmartErrorCategory.Service),
        new("D20000", "Unknown exception at iAM Smart.", Retry, IAmSmartErrorCategory.Service),
        new("D20001", "A required parameter is missing.", "Send the parameter named in the message.", IAmSmartErrorCategory.Configuration),
        new("D20002", "A parameter is empty.", "Send a value for the parameter named in the message.", IAmSmartErrorCategory.Configuration),
        new("D20003", "A parameter is invalid.", "Correct the parameter named in the message.", IAmSmartErrorCategory.Configuration),
        new("D20004", "Duplicated request: the nonce was used before or the timestamp went back.", "Check the server clock; the SDK sends a fresh nonce and a non-decreasing timestamp per client.", IAmSmartErrorCategory.Service),
        new("D20005", "Unsupported signature method.", "Use signatureMethod HmacSHA256.", IAmSmartErrorCategory.Configuration),
        new("D20006", "Signature verification failed.", "Check the client ID and client secret from the iAM Smart Self-Service Portal.", IAmSmartErrorCategory.Configuration),
        new("D20007", "Unsupported source.", "Send a source value from the contract's list (§5.2).", IAmSmartErrorCategory.Configuration),
        new("D20008", "Invalid e-service URL: the redirect URI is not registered.", "Register the exact redirect URI in the iAM Smart Self-Service Portal (ESP).", IAmSmartErrorCategory.Configuration),
        new("D20009", "The access token does not exist or has expired.", Relogin, IAmSmartErrorCategory.Expired),
        new("D20010", "The openID does not exist.", Relogin, IAmSmartErrorCategory.Expired),
        new("D20011", "Duplicated businessID.", "Use a new, unique businessID for each request.", IAmSmartErrorCategory.Configuration),
        new("D20012", "Insufficient scope or permission.", "Request the scope at login, and have it approved for the e-service by iAM Smart support.", IAmSmartErrorCategory.Configuration),
        new("D20015", "Scope mismatch.", "Request only scopes approved for the e-service.", IAmSmartErrorCategory.Configuration, Inferred: true),
        new("D20022", "Encryption failed at iAM Smart.", Retry, IAmSmartErrorCategory.Service, Inferred: true),
        new("D20026", "Access denied.", "Check that the e-service is enabled for this function.", IAmSmartErrorCategory.Configuration, Inferred: true),
        new("D20027", "Not found.", Retry, IAmSmartErrorCategory.Service, Inferred: true),
        new("D30001", "The key-encryption key (KEK) does not exist or has expired.", "Upload a valid encipherment certificate in the iAM Smart Self-Service Portal and configure its private key.", IAmSmartErrorCategory.Configuration),
        new("D30002", "The content encryption key does not exist or has expired.", "None: the SDK fetches a new key and retries once.", IAmSmartErrorCategory.Expired),
        new("D30003", "Encryption exception.", "None: the SDK fetches a new key and retries once; if it persists, " + Retry, IAmSmartErrorCategory.Service),
        new("D30004", "Decryption exception.", "None: the SDK fetches a new key and retries once; if it persists, " + Retry, IAmSmartErrorCategory.Service),
        new("D40000", "The user cancelled authentication.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Cancelled),
        new("D40001", "The user rejected authentication.", "Offer to start again or another way to proceed.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Rejected),
        new("D40002", "Authentication failed.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed),
        new("D40003", "Authentication timed out.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.TimedOut),
        new("D40004", "The authorisation code does not exist or has expired (single use, about 30 s).", "Exchange the code at once, exactly once; otherwise log the user in again.", IAmSmartErrorCategory.Expired),
        new("D40035", "User ID card error.", "Ask the user to check the identity card registered with iAM Smart.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed, Inferred: true),
        new("D50001", "The user rejected the profile request.", "Tell the user the data is needed, or offer another way.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Rejected),
        new("D50002", "The profile request failed.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed),
        new("D50003", "The profile request timed out.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.TimedOut),
        new("D60000", "The user cancelled form filling.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Cancelled),
        new("D60001", "The user rejected form filling.", "Tell the user the data is needed, or offer another way.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Rejected),
        new("D60002", "Form filling failed.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed),
        new("D60003", "Form filling timed out.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.TimedOut),
        new("D70000", "The user cancelled signing.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Cancelled),
        new("D70001", "The user rejected signing.", "Offer to start again or another way to sign.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Rejected),
        new("D70002", "Signing failed.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed),
        new("D70003", "Signing timed out.", "Offer to start again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.TimedOut),
        new("D70004", "The user may not sign: not an iAM Smart+ user.", "Ask the user to upgrade to iAM Smart+, or offer another way to sign.", IAmSmartErrorCategory.UserOutcome, UserOutcome.NotSigningCapable),
        new("D70005", "Inconsistent HKIC number: the HKICHash does not match the user.", "Check that the HKIC the hash was made from belongs to the person signing.", IAmSmartErrorCategory.UserOutcome, UserOutcome.IdentityMismatch),
        new("D70006", "Failed to process the signing acknowledgement.", Retry, IAmSmartErrorCategory.Service),
        .. Enumerable.Range(0, 10).Select(i => new ReturnCodeInfo(
            $"D7100{i}", "Bulk signing error (numbered after CorpID's M7100x list).", Retry, IAmSmartErrorCategory.Service, Inferred: true)),
        new("D80001", "The user rejected re-authentication.", "Do not proceed with the protected action.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Rejected),
        new("D80002", "Re-authentication failed.", "Do not proceed with the protected action; offer to try again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.Failed),
        new("D80003", "Re-authentication timed out.", "Offer to try again.", IAmSmartErrorCategory.UserOutcome, UserOutcome.TimedOut),
    ];

    private static readonly FrozenDictionary<string, ReturnCodeInfo> ByCode = Table.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every known code, in numeric order.</summary>
    public static IReadOnlyList<ReturnCodeInfo> All => Table;

    /// <summary>Whether <paramref name="code"/> tells the client to fetch a new content key and retry (D30001–D30004, contract §3).</summary>
    /// <param name="code">A return code.</param>
    public static bool IsContentKeyError(string? code) => code is "D30001" or "D30002" or "D30003" or "D30004";

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
            _ => new IAmSmartServiceException(message, isTransient: code is "D20000", code, txId, statusCode),
        };
    }
}
