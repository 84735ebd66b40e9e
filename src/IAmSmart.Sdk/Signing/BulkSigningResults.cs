using System.Diagnostics.CodeAnalysis;
using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

/// <summary>The <c>status</c> of a bulk signing, from <c>bdss/enquireStatus</c> (addendum §A2.5) [I: CorpID's values].</summary>
public enum BulkSigningStatus
{
    /// <summary>A value the SDK does not know; see <see cref="BulkSigningStatusResult.Value"/>.</summary>
    Unknown,

    /// <summary><c>SS001</c> Pending for Signing: the user has not signed yet; the request may still be cancelled.</summary>
    PendingForSigning,

    /// <summary><c>SS002</c> Signing in Progress.</summary>
    SigningInProgress,

    /// <summary><c>SS003</c> Signing Completed: the results are sent, or being sent, by callback.</summary>
    SigningCompleted,

    /// <summary><c>SS004</c> Signing Cancelled.</summary>
    SigningCancelled,

    /// <summary><c>SS005</c> Signing Failed.</summary>
    SigningFailed,

    /// <summary><c>SS006</c> No Record Found.</summary>
    NoRecordFound,
}

/// <summary>The answer of <c>bdss/enquireStatus</c>: the status, and the value as received.</summary>
/// <param name="Status">The status; <see cref="BulkSigningStatus.Unknown"/> for a value the SDK does not know.</param>
/// <param name="Value">The <c>status</c> as received, for example <c>SS001</c>.</param>
public sealed record BulkSigningStatusResult(BulkSigningStatus Status, string Value)
{
    /// <summary>The status only.</summary>
    public override string ToString() => $"BulkSigningStatusResult({Status})";

    /// <summary>The status for a wire value (<c>SS001</c>–<c>SS006</c>, addendum §A2.5).</summary>
    /// <param name="value">The value as received.</param>
    public static BulkSigningStatus Parse(string? value) => value switch
    {
        "SS001" => BulkSigningStatus.PendingForSigning,
        "SS002" => BulkSigningStatus.SigningInProgress,
        "SS003" => BulkSigningStatus.SigningCompleted,
        "SS004" => BulkSigningStatus.SigningCancelled,
        "SS005" => BulkSigningStatus.SigningFailed,
        "SS006" => BulkSigningStatus.NoRecordFound,
        _ => BulkSigningStatus.Unknown,
    };
}

/// <summary>
/// What identifies a bulk signing to <c>bdss/enquireStatus</c> and <c>bdss/cancelRequest</c> (addendum §A4.6): the BSQC
/// token, the <c>businessID</c> and the user's <c>openID</c>. <see cref="ToString"/> shows none of them.
/// </summary>
/// <param name="BsqcToken">The BSQC token (at most 32 characters), from the token callback or <c>bdss/getBSQCToken</c>.</param>
/// <param name="BusinessId">The request's <c>businessID</c>.</param>
/// <param name="OpenId">The user's <c>openID</c> (at most 64 characters).</param>
public sealed record BulkSigningReference(string BsqcToken, string BusinessId, string OpenId)
{
    /// <summary>A description without the token or the ids.</summary>
    public override string ToString() => "BulkSigningReference(…)";
}

/// <summary>
/// iAM Smart's answer to a bulk signing with login (addendum §A4.2): started, with the ticket to open the app, or
/// refused at once because of who the user is.
/// </summary>
/// <param name="BusinessId">The operation's <c>businessID</c>.</param>
/// <param name="AuthByQr">Whether the user must scan a QR code on another device; otherwise open the app on this device with <paramref name="TicketId"/>.</param>
/// <param name="TicketId">The ticket (valid 18 minutes) that opens the app, when iAM Smart sent one.</param>
/// <param name="Refusal">Why iAM Smart refused to start (D71004, D71005), when it did: no callback follows.</param>
/// <param name="Code">The return code of a refusal.</param>
/// <param name="TxId">The transaction id of a refusal.</param>
public sealed record BulkSigningInitiation(
    string BusinessId, bool AuthByQr, string? TicketId, SigningStatus? Refusal = null, string? Code = null, string? TxId = null)
{
    /// <summary>Whether iAM Smart started the request: the token and result callbacks will follow.</summary>
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsStarted => Refusal is null;

    /// <summary>A description without the ticket.</summary>
    public override string ToString() => IsStarted
        ? $"BulkSigningInitiation(started, authByQR: {AuthByQr})"
        : $"BulkSigningInitiation(refused: {Refusal}, code: {Code ?? "none"}, txID: {TxId})";
}

/// <summary>
/// The answer to a bulk signing without login (addendum §A4.7): the ticket to log the user in with. Keep it until the
/// browser comes back: it holds the <c>state</c> to check.
/// </summary>
/// <param name="BusinessId">The request's <c>businessID</c>.</param>
/// <param name="State">The request's <c>state</c>; also the state of the login URL.</param>
/// <param name="TicketId">The ticket that ties the login to this request.</param>
/// <param name="AuthByQr">Whether iAM Smart will show a QR code.</param>
/// <param name="RedirectUri">Where the browser comes back after the login.</param>
/// <param name="Source">The source of the login.</param>
public sealed record AnonymousBulkSigningInitiation(string BusinessId, string State, string TicketId, bool AuthByQr, Uri RedirectUri, IAmSmartSource Source)
{
    /// <summary>The scope of the ticket login: <c>eidapi_bulksign</c> (addendum §A4.9) [I].</summary>
    public static IReadOnlyCollection<IAmSmartScope> LoginScopes { get; } = [IAmSmartScope.BulkSign];

    /// <summary>The login that lets the user sign; pass it to <see cref="IAmSmartAuthClient.CreateLoginUrl"/>.</summary>
    /// <param name="language">The language of iAM Smart's pages; when <see langword="null"/>, not sent.</param>
    public LoginRequest ToLoginRequest(IAmSmartLanguage? language = null) => new()
    {
        RedirectUri = RedirectUri,
        Scopes = LoginScopes,
        Source = Source,
        State = State,
        TicketId = TicketId,
        Language = language,
    };

    /// <summary>A description without the ticket or the state.</summary>
    public override string ToString() => $"AnonymousBulkSigningInitiation(source: {Source}, authByQR: {AuthByQr})";
}

/// <summary>
/// How one document of a bulk signing ended: signed, with its <see cref="HashResult"/> or <see cref="PdfResult"/>, or
/// not. <see cref="ToString"/> shows no signature.
/// </summary>
public sealed class BulkDocumentOutcome
{
    /// <summary>Creates an outcome; also for tests of code that uses the SDK.</summary>
    /// <param name="id">The document's <c>id</c>.</param>
    /// <param name="hashResult">The hash signature, for a signed hash.</param>
    /// <param name="pdfResult">The PDF signature, for a signed PDF.</param>
    /// <exception cref="ArgumentException">Both results are set, or the id is empty.</exception>
    public BulkDocumentOutcome(string id, HashSigningResult? hashResult = null, PdfSigningResult? pdfResult = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (hashResult is not null && pdfResult is not null)
        {
            throw new ArgumentException("A document is a hash or a PDF, not both.", nameof(pdfResult));
        }

        Id = id;
        HashResult = hashResult;
        PdfResult = pdfResult;
    }

    /// <summary>The document's <c>id</c>, as sent.</summary>
    public string Id { get; }

    /// <summary>Whether iAM Smart returned a signature for the document.</summary>
    public bool IsSigned => HashResult is not null || PdfResult is not null;

    /// <summary>The hash signature (with the request's signer certificate), for a signed hash document.</summary>
    public HashSigningResult? HashResult { get; }

    /// <summary>The PDF signature, for a signed PDF document.</summary>
    public PdfSigningResult? PdfResult { get; }

    /// <summary>A description with whether it was signed; not the id, which the e-service chose and may make telling.</summary>
    public override string ToString() => $"BulkDocumentOutcome(signed: {IsSigned})";
}

/// <summary>
/// How a bulk signing ended: a <see cref="SigningStatus"/> for the request and an outcome per document. A value, never
/// an exception. <see cref="SigningStatus.Signed"/> when at least one document was signed; the documents say which.
/// </summary>
public sealed class BulkSigningOutcome
{
    /// <summary>Creates an outcome; also for tests of code that uses the SDK.</summary>
    /// <param name="status">How the request ended.</param>
    /// <param name="documents">The outcome of each document, in the order received; none when <see langword="null"/>.</param>
    /// <param name="code">The iAM Smart return code, if a callback arrived.</param>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="txId">The transaction id of the last callback.</param>
    /// <param name="failedCount">The <c>failSignNum</c> iAM Smart reported.</param>
    public BulkSigningOutcome(SigningStatus status, IEnumerable<BulkDocumentOutcome>? documents, string? code = null, string? businessId = null, string? txId = null, int failedCount = 0)
    {
        Status = status;
        Documents = documents is null ? [] : [.. documents];
        Code = code;
        BusinessId = businessId;
        TxId = txId;
        FailedCount = failedCount;
    }

    /// <summary>How the request ended.</summary>
    public SigningStatus Status { get; }

    /// <summary>Whether at least one document was signed.</summary>
    public bool IsSigned => Status == SigningStatus.Signed;

    /// <summary>The outcome of each document the results named.</summary>
    public IReadOnlyList<BulkDocumentOutcome> Documents { get; }

    /// <summary>The iAM Smart return code; <see langword="null"/> when no callback arrived.</summary>
    public string? Code { get; }

    /// <summary>The request's <c>businessID</c>, when known.</summary>
    public string? BusinessId { get; }

    /// <summary>The iAM Smart transaction id, to quote to iAM Smart support.</summary>
    public string? TxId { get; }

    /// <summary>The number of documents iAM Smart reported as failed (<c>failSignNum</c>).</summary>
    public int FailedCount { get; }

    /// <summary>The outcome of the document with <paramref name="id"/>, if the results named it.</summary>
    /// <param name="id">The document's <c>id</c>.</param>
    public BulkDocumentOutcome? Find(string id) => Documents.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));

    /// <summary>A description with the status and counts only.</summary>
    public override string ToString()
        => $"BulkSigningOutcome(status: {Status}, signed: {Documents.Count(d => d.IsSigned)}/{Documents.Count}, code: {Code ?? "none"}, txID: {TxId})";
}

/// <summary>One document's acknowledgement in a per-document <c>bdss/ackResult</c> (addendum §A4.5).</summary>
/// <param name="Id">The document's <c>id</c>.</param>
/// <param name="Acknowledgement">What to report: <see cref="SigningAcknowledgement.Accepted"/> once its signature verifies.</param>
public sealed record BulkDocumentAcknowledgement(string Id, SigningAcknowledgement Acknowledgement)
{
    /// <summary>The acknowledgement only, not the id.</summary>
    public override string ToString() => $"BulkDocumentAcknowledgement({Acknowledgement})";
}
