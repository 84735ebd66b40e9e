using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// One document of a bulk signing (addendum §A4.2): a hash (<see cref="BulkHashDocument"/>) or a prepared PDF's digest
/// (<see cref="BulkPdfDocument"/>); one request may mix both.
/// </summary>
public abstract class BulkSigningDocument
{
    private protected BulkSigningDocument()
    {
    }

    /// <summary>The document's <c>id</c>: 1–36 printable ASCII characters, unique within the request; the results name it.</summary>
    public required string Id { get; init; }

    /// <summary>The <c>documentName</c> the iAM Smart app lists; at most 255 characters.</summary>
    public required string DocumentName { get; init; }
}

/// <summary>A hash to sign in a bulk signing: <c>{id, documentName, hashCode, sigAlgo}</c> (addendum §A4.2).</summary>
public sealed class BulkHashDocument : BulkSigningDocument
{
    /// <summary>The <c>hashCode</c>: Base64 of the document hash, as in hash signing (<see cref="HashSigningRequest.HashCode"/>).</summary>
    public required string HashCode { get; init; }

    /// <summary>The <c>sigAlgo</c>; when <see langword="null"/>, not sent and iAM Smart uses <see cref="SignatureAlgorithm.Sha256WithRsa"/>.</summary>
    public SignatureAlgorithm? SignatureAlgorithm { get; init; }
}

/// <summary>A prepared PDF to sign in a bulk signing: <c>{id, documentName, docDigest}</c> (addendum §A4.2).</summary>
public sealed class BulkPdfDocument : BulkSigningDocument
{
    /// <summary>The <c>docDigest</c>: Base64 of the SHA-256 digest of the prepared PDF's ByteRange (<c>PreparedPdf.DocDigest</c>).</summary>
    public required string DocDigest { get; init; }
}

/// <summary>
/// What both kinds of bulk-signing request carry (addendum §A4.2, §A4.7): the ids, the names the app shows, the
/// documents, where the results go, and the signing step-up (addendum §A1).
/// </summary>
public abstract class BulkSigningRequestBase
{
    private protected BulkSigningRequestBase()
    {
    }

    /// <summary>
    /// The <c>businessID</c> (1–36 printable ASCII characters, no space, unguessable, new for each request); the SDK makes
    /// one when unset.
    /// </summary>
    public string? BusinessId { get; init; }

    /// <summary>The <c>state</c> (1–36 characters of <c>[A-Za-z0-9_-]</c>, unguessable); the SDK makes one when unset.</summary>
    public string? State { get; init; }

    /// <summary>The <c>department</c> asking for the signatures, shown in the app; at most 100 characters; not sent when <see langword="null"/>.</summary>
    public string? Department { get; init; }

    /// <summary>The <c>serviceName</c>, shown in the app; at most 255 characters.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The <c>requestName</c>, the title of the consent page; at most 255 characters.</summary>
    public required string RequestName { get; init; }

    /// <summary>
    /// The <c>HKICHash</c> of the person who must sign (<see cref="Signing.HkicHash.Compute"/>); iAM Smart refuses anyone
    /// else (D71005). Optional.
    /// </summary>
    public string? HkicHash { get; init; }

    /// <summary>
    /// The <c>maxCallbackSigs</c>: the most signatures one result callback carries (1–1000); iAM Smart pages the results
    /// (addendum §A4.4). Not sent when <see langword="null"/>: iAM Smart's default is 1000.
    /// </summary>
    public int? MaxSignaturesPerCallback { get; init; }

    /// <summary>The documents: 1–1000, hashes and PDFs mixed, each <see cref="BulkSigningDocument.Id"/> unique.</summary>
    public required IReadOnlyList<BulkSigningDocument> Documents { get; init; }

    /// <summary>
    /// The <c>callbackResultURI</c>: where iAM Smart POSTs the results as <c>multipart/form-data</c> (the endpoint mapped
    /// with <c>MapIAmSmartBulkSigningCallbacks</c>); registered in the ESP, HTTPS.
    /// </summary>
    public required Uri ResultCallbackUri { get; init; }

    /// <summary>The signing step-up method, as <see cref="SigningRequest.StepUpMethod"/> (addendum §A1.3: bulk signing takes it too).</summary>
    public SigningStepUpMethod? StepUpMethod { get; init; }

    /// <summary>The step-up waiting period in hours (0–720), as <see cref="SigningRequest.StepUpWaitingPeriodHours"/>; only with <see cref="StepUpMethod"/>.</summary>
    public int? StepUpWaitingPeriodHours { get; init; }
}

/// <summary>Bulk signing with login (<c>bdss/initiateRequest</c>, addendum §A4.2).</summary>
public sealed class BulkSigningRequest : BulkSigningRequestBase
{
    /// <summary>
    /// The user's access token: it must carry the <c>eidapi_bulksign</c> scope and belong to an iAM Smart+ user,
    /// otherwise the SDK refuses the request before any call.
    /// </summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>
    /// The <c>redirectURI</c>: where iAM Smart POSTs the BSQC token (JSON, addendum §A3.4); registered in the ESP, HTTPS.
    /// May be the same endpoint as <see cref="BulkSigningRequestBase.ResultCallbackUri"/>. Sent as <c>serverRedirectURI</c>
    /// when <see cref="AppTarget"/> is set.
    /// </summary>
    public required Uri TokenCallbackUri { get; init; }

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>. Leave it unset with <see cref="AppTarget"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// Set when the request is started from the e-service's own native app on the same phone: it then goes to
    /// <c>/api/appv1/bdss/initiateRequest</c> (addendum §A4.3) with the source the target implies, and iAM Smart hands the
    /// user back to the app. The BSQC token and the results still come to the two callback URIs, and the operation is
    /// waited for, resumed and read as the web one.
    /// </summary>
    public AppReturnTarget? AppTarget { get; init; }
}

/// <summary>
/// Bulk signing without login (<c>bdss/anonymous/initiateRequest</c>, addendum §A4.7): iAM Smart answers with a ticket,
/// the user logs in with it (<see cref="AnonymousBulkSigningInitiation.ToLoginRequest"/>), and the results come by callback.
/// </summary>
public sealed class AnonymousBulkSigningRequest : BulkSigningRequestBase
{
    /// <summary>
    /// Where iAM Smart sends the browser back after the ticket login (with <c>code</c>, <c>state</c>, <c>businessID</c>);
    /// used for the login URL only: the anonymous request itself carries no <c>redirectURI</c> (addendum §A4.7).
    /// </summary>
    public required Uri LoginRedirectUri { get; init; }

    /// <summary>The source of the ticket login; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }
}
