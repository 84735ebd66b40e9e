using System.Diagnostics.CodeAnalysis;
using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Signing;

/// <summary>How a signing request ended. Only <see cref="Signed"/> carries a signature.</summary>
public enum SigningStatus
{
    /// <summary>The user signed; the result holds the signature.</summary>
#pragma warning disable CA1720 // "Signed" is the outcome's plain name here, not the C type keyword.
    Signed,
#pragma warning restore CA1720

    /// <summary>The user cancelled (D70000; D40000 at the login of an anonymous signing).</summary>
    Cancelled,

    /// <summary>The user rejected the request (D70001; D40001 at the login of an anonymous signing).</summary>
    Rejected,

    /// <summary>Signing failed in the app (D70002), or iAM Smart reported a failure the SDK does not know as a user outcome.</summary>
    Failed,

    /// <summary>The user did not answer in time (D70003, D40003), or no callback arrived before the operation expired.</summary>
    TimedOut,

    /// <summary>The user holds iAM Smart, not iAM Smart+, and cannot sign (D70004).</summary>
    NotSigningCapable,

    /// <summary>The user is not the person whose HKICHash the e-service sent (D70005).</summary>
    IdentityMismatch,

    /// <summary>The step-up face check failed (D77001; addendum §A2.4).</summary>
    FaceRecognitionFailed,

    /// <summary>The step-up NFC read of the identity card failed (D77002).</summary>
    NfcFailed,

    /// <summary>The user's phone cannot read the card by NFC (D77003): permanent on that phone; offer FR-only step-up if policy allows.</summary>
    NfcNotSupported,

    /// <summary>The user's account is younger than the step-up waiting period (D77004): ask again once it has passed.</summary>
    InWaitingPeriod,
}

/// <summary>
/// How a signing request ended: <see cref="SigningStatus.Signed"/> with its <see cref="Result"/>, or the user outcome
/// that stopped it. A value to switch on, not an exception. <see cref="ToString"/> shows no signature or certificate.
/// </summary>
/// <typeparam name="TResult"><see cref="HashSigningResult"/> or <see cref="PdfSigningResult"/>.</typeparam>
public sealed class SigningOutcome<TResult>
    where TResult : class
{
    internal SigningOutcome(SigningStatus status, TResult? result, string? code, string? txId, string? businessId)
    {
        if ((status == SigningStatus.Signed) != (result is not null))
        {
            throw new ArgumentException("A signed outcome needs a result, and only a signed outcome has one.", nameof(result));
        }

        Status = status;
        Result = result;
        Code = code;
        TxId = txId;
        BusinessId = businessId;
    }

    /// <summary>How the request ended.</summary>
    public SigningStatus Status { get; }

    /// <summary>Whether the user signed; then <see cref="Result"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    public bool IsSigned => Status == SigningStatus.Signed;

    /// <summary>The signature, when <see cref="IsSigned"/>.</summary>
    public TResult? Result { get; }

    /// <summary>The iAM Smart return code (<c>D00000</c>, <c>D70000</c>, …); <see langword="null"/> when no callback arrived.</summary>
    public string? Code { get; }

    /// <summary>The iAM Smart transaction id, to quote to iAM Smart support.</summary>
    public string? TxId { get; }

    /// <summary>The request's <c>businessID</c>, when known.</summary>
    public string? BusinessId { get; }

    /// <summary>A description with the status and code only.</summary>
    public override string ToString() => $"SigningOutcome(status: {Status}, code: {Code ?? "none"}, txID: {TxId})";
}

/// <summary>Makes <see cref="SigningOutcome{TResult}"/> values: from callbacks, and for tests of code that uses the SDK.</summary>
public static class SigningOutcome
{
    /// <summary>A signed outcome.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="result">The signature.</param>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="code">The return code; default <c>D00000</c>.</param>
    /// <param name="txId">The transaction id.</param>
#pragma warning disable CA1720 // "Signed" is the outcome's plain name here, not the C type keyword.
    public static SigningOutcome<TResult> Signed<TResult>(TResult result, string? businessId = null, string? code = Transport.ReturnCodes.Success, string? txId = null)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(SigningStatus.Signed, result, code, txId, businessId);
    }
#pragma warning restore CA1720

    /// <summary>An outcome without a signature.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="status">Why there is none; not <see cref="SigningStatus.Signed"/>.</param>
    /// <param name="code">The return code, if any.</param>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="txId">The transaction id.</param>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="SigningStatus.Signed"/>.</exception>
    public static SigningOutcome<TResult> NotSigned<TResult>(SigningStatus status, string? code = null, string? businessId = null, string? txId = null)
        where TResult : class
        => status == SigningStatus.Signed
            ? throw new ArgumentException("Use Signed for a signed outcome.", nameof(status))
            : new(status, null, code, txId, businessId);

    /// <summary>Reads the outcome of a hash signing with login from its callback (or the lack of one).</summary>
    /// <param name="callback">The callback of a hash-signing operation, from <see cref="Operations.PendingOperations.WaitForCompletionAsync"/>.</param>
    /// <exception cref="IAmSmartServiceException">A success callback whose payload is not a hash-signing result.</exception>
    public static SigningOutcome<HashSigningResult> FromHashCallback(IAmSmartCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback.IsSuccess
            ? Signed(callback.DeserializePayload(SigningJsonContext.Default.HashSigningContent).ToResult(callback.TxId), callback.BusinessId, callback.Code, callback.TxId)
            : NotSigned<HashSigningResult>(ToStatus(callback.Outcome), callback.Code, callback.BusinessId, callback.TxId);
    }

    /// <summary>Reads the outcome of a PDF signing with login from its callback (or the lack of one).</summary>
    /// <param name="callback">The callback of a PDF-signing operation, from <see cref="Operations.PendingOperations.WaitForCompletionAsync"/>.</param>
    /// <exception cref="IAmSmartServiceException">A success callback whose payload is not a PDF-signing result.</exception>
    public static SigningOutcome<PdfSigningResult> FromPdfCallback(IAmSmartCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback.IsSuccess
            ? Signed(callback.DeserializePayload(SigningJsonContext.Default.PdfSigningContent).ToResult(callback.TxId), callback.BusinessId, callback.Code, callback.TxId)
            : NotSigned<PdfSigningResult>(ToStatus(callback.Outcome), callback.Code, callback.BusinessId, callback.TxId);
    }

    /// <summary>The signing status for a user outcome; a failure that names none counts as <see cref="SigningStatus.Failed"/>.</summary>
    /// <param name="outcome">The user outcome, if any.</param>
    public static SigningStatus ToStatus(UserOutcome? outcome) => outcome switch
    {
        UserOutcome.Cancelled => SigningStatus.Cancelled,
        UserOutcome.Rejected => SigningStatus.Rejected,
        UserOutcome.TimedOut => SigningStatus.TimedOut,
        UserOutcome.NotSigningCapable => SigningStatus.NotSigningCapable,
        UserOutcome.IdentityMismatch => SigningStatus.IdentityMismatch,
        UserOutcome.FaceRecognitionFailed => SigningStatus.FaceRecognitionFailed,
        UserOutcome.NfcFailed => SigningStatus.NfcFailed,
        UserOutcome.NfcNotSupported => SigningStatus.NfcNotSupported,
        UserOutcome.InWaitingPeriod => SigningStatus.InWaitingPeriod,
        _ => SigningStatus.Failed,
    };
}
