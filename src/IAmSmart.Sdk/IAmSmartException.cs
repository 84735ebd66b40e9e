using System.Net;

namespace IAmSmart.Sdk;

/// <summary>What kind of problem an <see cref="IAmSmartException"/> reports, and so what the caller should do about it.</summary>
public enum IAmSmartErrorCategory
{
    /// <summary>The e-service is set up wrongly (credentials, KEK, redirect URI, scopes, parameters): a developer must fix it.</summary>
    Configuration,

    /// <summary>The user cancelled, rejected, timed out, or may not perform the action: tell the user, do not retry blindly.</summary>
    UserOutcome,

    /// <summary>An authorisation code, access token or content key has expired or was used already: start that step again.</summary>
    Expired,

    /// <summary>iAM Smart or the network failed, or answered with something the SDK cannot read: retry later or contact support with the txID.</summary>
    Service,

    /// <summary>Encrypted content could not be decoded or authenticated.</summary>
    Cryptography,
}

/// <summary>How a user ended a consent operation (login, profile, e-ME, signing, re-authentication).</summary>
public enum UserOutcome
{
    /// <summary>The user cancelled in the iAM Smart app.</summary>
    Cancelled,

    /// <summary>The user rejected the request.</summary>
    Rejected,

    /// <summary>The operation failed in the app (for example, biometric authentication failed).</summary>
    Failed,

    /// <summary>The user did not answer in time.</summary>
    TimedOut,

    /// <summary>The user holds iAM Smart, not iAM Smart+, and so cannot sign.</summary>
    NotSigningCapable,

    /// <summary>The HKIC of the user does not match the HKICHash the e-service sent.</summary>
    IdentityMismatch,

    /// <summary>
    /// Step-up signing: the face-recognition check failed (<c>D77001</c>, addendum §A2.4). The user may try again with a
    /// new request.
    /// </summary>
    FaceRecognitionFailed,

    /// <summary>
    /// Step-up signing: the identity card's chip could not be read by NFC (<c>D77002</c>). The user may try again with a
    /// new request.
    /// </summary>
    NfcFailed,

    /// <summary>
    /// Step-up signing: the user's phone has no NFC (<c>D77003</c>). Permanent on that phone; a policy that also accepts
    /// face recognition alone (<c>{"unary":["FR"]}</c>) lets the user proceed.
    /// </summary>
    NfcNotSupported,

    /// <summary>
    /// Step-up signing: the user's iAM Smart account is younger than the waiting period (<c>D77004</c>, addendum §A0 and
    /// §A1). Retrying helps only after the period has passed.
    /// </summary>
    InWaitingPeriod,
}

/// <summary>
/// The base of every error the SDK raises. It carries the iAM Smart return code, the transaction id to quote to
/// iAM Smart support, and the HTTP status. Messages never contain personal data, tokens or keys.
/// </summary>
public class IAmSmartException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">A message free of personal data.</param>
    /// <param name="category">The kind of problem.</param>
    /// <param name="code">The iAM Smart return code (for example <c>D20006</c>), if any.</param>
    /// <param name="txId">The iAM Smart transaction id, if any.</param>
    /// <param name="statusCode">The HTTP status of the response, if there was one.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public IAmSmartException(
        string message,
        IAmSmartErrorCategory category,
        string? code = null,
        string? txId = null,
        HttpStatusCode? statusCode = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
        Code = code;
        TxId = txId;
        StatusCode = statusCode;
    }

    /// <summary>The kind of problem.</summary>
    public IAmSmartErrorCategory Category { get; }

    /// <summary>The iAM Smart return code, for example <c>D20006</c>; <see langword="null"/> when the failure had no code.</summary>
    public string? Code { get; }

    /// <summary>The iAM Smart transaction id (<c>&lt;T=…&gt;</c>), kept verbatim to quote to iAM Smart support.</summary>
    public string? TxId { get; }

    /// <summary>The HTTP status of the response, when a response was received.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>The e-service is configured wrongly: client credentials, KEK, redirect URI, scopes or request parameters.</summary>
public sealed class IAmSmartConfigurationException : IAmSmartException
{
    /// <inheritdoc cref="IAmSmartException(string, IAmSmartErrorCategory, string?, string?, HttpStatusCode?, Exception?)"/>
    public IAmSmartConfigurationException(string message, string? code = null, string? txId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, IAmSmartErrorCategory.Configuration, code, txId, statusCode, innerException)
    {
    }
}

/// <summary>The user ended the operation (cancelled, rejected, timed out) or may not perform it.</summary>
public sealed class IAmSmartUserOutcomeException : IAmSmartException
{
    /// <summary>Creates an exception for a user outcome.</summary>
    /// <param name="message">A message free of personal data.</param>
    /// <param name="outcome">How the user ended the operation.</param>
    /// <param name="code">The iAM Smart return code.</param>
    /// <param name="txId">The iAM Smart transaction id.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    public IAmSmartUserOutcomeException(string message, UserOutcome outcome, string? code = null, string? txId = null, HttpStatusCode? statusCode = null)
        : base(message, IAmSmartErrorCategory.UserOutcome, code, txId, statusCode)
    {
        Outcome = outcome;
    }

    /// <summary>How the user ended the operation.</summary>
    public UserOutcome Outcome { get; }
}

/// <summary>An authorisation code, access token, openID or content key has expired or was already used.</summary>
public sealed class IAmSmartExpiredException : IAmSmartException
{
    /// <inheritdoc cref="IAmSmartException(string, IAmSmartErrorCategory, string?, string?, HttpStatusCode?, Exception?)"/>
    public IAmSmartExpiredException(string message, string? code = null, string? txId = null, HttpStatusCode? statusCode = null)
        : base(message, IAmSmartErrorCategory.Expired, code, txId, statusCode)
    {
    }
}

/// <summary>iAM Smart or the network failed, or the response could not be read.</summary>
public sealed class IAmSmartServiceException : IAmSmartException
{
    /// <summary>Creates an exception for a service failure.</summary>
    /// <param name="message">A message free of personal data.</param>
    /// <param name="isTransient">Whether the same call may succeed later.</param>
    /// <param name="code">The iAM Smart return code, if any.</param>
    /// <param name="txId">The iAM Smart transaction id, if any.</param>
    /// <param name="statusCode">The HTTP status, if any.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public IAmSmartServiceException(string message, bool isTransient, string? code = null, string? txId = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, IAmSmartErrorCategory.Service, code, txId, statusCode, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether the same call may succeed if tried again later.</summary>
    public bool IsTransient { get; }
}

/// <summary>Why encrypted content could not be decrypted.</summary>
public enum ContentDecryptionFailure
{
    /// <summary>The content is not valid Base64.</summary>
    InvalidBase64,

    /// <summary>The content is shorter than the 4-byte length prefix, the 12-byte IV and the 16-byte tag.</summary>
    Truncated,

    /// <summary>The IV length prefix is not 12.</summary>
    InvalidIvLength,

    /// <summary>The authentication tag does not match: wrong key or tampered content.</summary>
    AuthenticationFailed,

    /// <summary>The content encryption key is not 32 bytes.</summary>
    InvalidKey,

    /// <summary>The content encryption key could not be unwrapped with any configured key-encryption key.</summary>
    KeyUnwrapFailed,
}

/// <summary>Encrypted content or a wrapped key could not be decoded or authenticated. The message never contains key or plaintext.</summary>
public sealed class IAmSmartCryptographyException : IAmSmartException
{
    /// <summary>Creates an exception for a cryptographic failure.</summary>
    /// <param name="message">A message free of key material and plaintext.</param>
    /// <param name="failure">What failed.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public IAmSmartCryptographyException(string message, ContentDecryptionFailure failure, Exception? innerException = null)
        : base(message, IAmSmartErrorCategory.Cryptography, innerException: innerException)
    {
        Failure = failure;
    }

    /// <summary>What failed.</summary>
    public ContentDecryptionFailure Failure { get; }
}
