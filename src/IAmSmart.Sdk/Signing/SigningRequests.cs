using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// What every signing request carries (contract §12): the operation's ids, the device the user is on, and the
/// description of the document that the iAM Smart app shows the user before they sign.
/// </summary>
public abstract class SigningRequest
{
    /// <summary>
    /// The <c>businessID</c> (1–36 printable ASCII characters, no space, unguessable, new for each request). With login and
    /// <c>Start…Async</c>, optional: the SDK makes one when unset. With login and <c>Initiate…Async</c>, required, from
    /// <see cref="Operations.PendingOperations.BeginAsync(IAmSmartFunction, CancellationToken)"/>. Without login, required,
    /// from <see cref="IAmSmartState.Generate"/>.
    /// </summary>
    public string? BusinessId { get; init; }

    /// <summary>The <c>state</c> (1–36 characters of <c>[A-Za-z0-9_-]</c>, unguessable): optional or required exactly as <see cref="BusinessId"/> is.</summary>
    public string? State { get; init; }

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The <c>department</c> (or institution) asking for the signature, shown in the app; at most 100 characters.</summary>
    public required string Department { get; init; }

    /// <summary>The <c>serviceName</c> the signature is for, shown in the app; at most 255 characters.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The <c>documentName</c> of the document being signed, shown in the app; at most 255 characters.</summary>
    public required string DocumentName { get; init; }

    /// <summary>
    /// The <c>HKICHash</c> of the person who must sign, from <see cref="Signing.HkicHash.Compute"/>: Base64 of a SHA-256
    /// digest, never the HKID number itself. iAM Smart refuses anyone else (D70005). Optional with login, required
    /// without.
    /// </summary>
    public string? HkicHash { get; init; }

    /// <summary>
    /// The <c>suaMethod</c> (or <c>stepupAuthMethod</c>, <see cref="IAmSmartOptions.StepUpFieldNames"/>): an extra check the iAM Smart app makes after its FIDO check and before the user
    /// signs: face recognition, an NFC read of the HKIC chip, or both (addendum §A1). Not sent when
    /// <see langword="null"/>. The e-service must be granted the method in the e-service management portal first [I].
    /// A failed check ends the signing with D77001 (face recognition), D77002 (NFC read) or D77003 (the phone has no
    /// NFC), reported in the callback or by <c>getResult</c> like any other outcome.
    /// </summary>
    public SigningStepUpMethod? StepUpMethod { get; init; }

    /// <summary>
    /// The <c>suaWaitPeriod</c> (or <c>stepupAuthPeriod</c>, <see cref="IAmSmartOptions.StepUpFieldNames"/>): a <em>waiting period</em>, the minimum age in hours (0–720) of the user's iAM Smart
    /// account; a younger account ends the signing with D77004 (addendum §A0, §A1.1). iAM Smart applies the larger of
    /// this and its own system period, whose default is 0. Sent only with <see cref="StepUpMethod"/>, which it needs to
    /// have any effect: setting it without a method is refused. Not sent when <see langword="null"/> (0 then applies).
    /// </summary>
    public int? StepUpWaitingPeriodHours { get; init; }
}

/// <summary>A signing request for a logged-in user, whose result iAM Smart pushes by callback (contract §12.1, §12.2).</summary>
public abstract class SigningWithLoginRequest : SigningRequest
{
    /// <summary>
    /// The user's access token: its token and openID are sent. It must carry the <c>eidapi_sign</c> scope and belong to
    /// an iAM Smart+ user (<see cref="AccessToken.CanSign"/>), otherwise the SDK refuses the request before any call.
    /// </summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>
    /// Where iAM Smart POSTs the result callback (the endpoint mapped with <c>MapIAmSmartCallbacks</c>); registered in the
    /// ESP, HTTPS. Sent as <c>redirectURI</c>, or as <c>serverRedirectURI</c> when <see cref="AppTarget"/> is set.
    /// </summary>
    public required Uri CallbackUri { get; init; }

    /// <summary>
    /// Set when the request is started from the e-service's own native app on the same phone: the request then goes to the
    /// app variant (<c>/api/appv1/…</c>, addendum §A5.3) with the source the target implies (<c>App_Link</c> or
    /// <c>App_Package</c>; leave <see cref="SigningRequest.Source"/> unset), and iAM Smart hands the user back to the app.
    /// The result still comes to <see cref="CallbackUri"/> and the operation is waited for, resumed and read as the web one.
    /// </summary>
    public AppReturnTarget? AppTarget { get; init; }
}

/// <summary>Hash signing with login (<c>account/signing/initiateRequest</c>, contract §12.1).</summary>
public sealed class HashSigningRequest : SigningWithLoginRequest
{
    /// <summary>
    /// The <c>hashCode</c> to sign: Base64 of the document hash, for example of
    /// <c>SHA256.HashData(document)</c>. With <see cref="SignatureAlgorithm.NoneWithRsa"/> it must be a 32-byte
    /// SHA-256 digest.
    /// </summary>
    public required string HashCode { get; init; }

    /// <summary>The <c>sigAlgo</c>; when <see langword="null"/>, not sent and iAM Smart uses <see cref="SignatureAlgorithm.Sha256WithRsa"/>.</summary>
    public SignatureAlgorithm? SignatureAlgorithm { get; init; }
}

/// <summary>PDF signing with login (<c>account/pdfsigning/initiateRequest</c>, contract §12.2).</summary>
public sealed class PdfSigningRequest : SigningWithLoginRequest
{
    /// <summary>
    /// The <c>docDigest</c>: Base64 of the SHA-256 digest (32 bytes) of the bytes the prepared PDF's <c>/ByteRange</c>
    /// names, for example <c>PreparedPdf.DocDigest</c> of the <c>IAmSmart.Sdk.Pdf</c> package.
    /// </summary>
    public required string DocDigest { get; init; }
}

/// <summary>
/// A signing request without login (contract §12.3): iAM Smart answers with a ticket, the user logs in with it
/// (<see cref="AnonymousSigningInitiation.ToLoginRequest"/>), and the result is fetched with the token of that login.
/// </summary>
public abstract class AnonymousSigningRequest : SigningRequest
{
    /// <summary>
    /// Where iAM Smart sends the browser back with <c>code</c>, <c>state</c> and <c>businessID</c> after the user signs;
    /// registered in the ESP, HTTPS. The login URL uses the same URI.
    /// </summary>
    public required Uri RedirectUri { get; init; }
}

/// <summary>Hash signing without login (<c>anonymous/signing/initiateRequest</c>, contract §12.3). <see cref="SigningRequest.HkicHash"/> is required.</summary>
public sealed class AnonymousHashSigningRequest : AnonymousSigningRequest
{
    /// <summary>The <c>hashCode</c> to sign: Base64 of the document hash.</summary>
    public required string HashCode { get; init; }
}

/// <summary>PDF signing without login (<c>anonymous/pdfsigning/initiateRequest</c>, contract §12.3). <see cref="SigningRequest.HkicHash"/> is required.</summary>
public sealed class AnonymousPdfSigningRequest : AnonymousSigningRequest
{
    /// <summary>The <c>docDigest</c>: Base64 of the SHA-256 digest (32 bytes) of the prepared PDF's ByteRange.</summary>
    public required string DocDigest { get; init; }
}
