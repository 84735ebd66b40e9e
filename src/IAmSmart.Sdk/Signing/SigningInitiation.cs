using System.Diagnostics.CodeAnalysis;
using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The answer to a signing request with login (contract §12.1, §12.2): started, with the sign code to show and how the
/// user reaches the app; or refused at once because of who the user is (<see cref="Refusal"/>), which is a result the
/// caller handles, not an exception.
/// </summary>
/// <param name="BusinessId">The operation's <c>businessID</c>: wait for its callback with it.</param>
/// <param name="SignCode">The 4-digit code to show on the e-service page; the app shows the same one, so the user can tell this request is theirs.</param>
/// <param name="AuthByQr">Whether the user must scan a QR code (another device); otherwise open the app on this device with <see cref="AppLink"/>.</param>
/// <param name="TicketId">The ticket to open the app with, when <paramref name="AuthByQr"/> is <see langword="false"/>.</param>
/// <param name="AppLink">The same-device deep link (<c>&lt;scheme&gt;://hash-sign?ticketID=…</c>), when there is a ticket [I].</param>
/// <param name="Refusal">
/// Why iAM Smart refused to start, when it did: <see cref="SigningStatus.IdentityMismatch"/> (D70005, the HKICHash is
/// not the user's) or <see cref="SigningStatus.NotSigningCapable"/> (D70004). No callback follows: do not wait.
/// </param>
/// <param name="Code">The iAM Smart return code of a refusal.</param>
/// <param name="TxId">The iAM Smart transaction id of a refusal, to quote to iAM Smart support.</param>
public sealed record SigningInitiation(
    string BusinessId,
    string? SignCode,
    bool AuthByQr,
    string? TicketId,
    Uri? AppLink,
    SigningStatus? Refusal = null,
    string? Code = null,
    string? TxId = null)
{
    /// <summary>Whether iAM Smart started the request: the user is being asked and a callback will follow.</summary>
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsStarted => Refusal is null;

    /// <summary>A description without the ticket or the sign code.</summary>
    public override string ToString() => IsStarted
        ? $"SigningInitiation(started, authByQR: {AuthByQr})"
        : $"SigningInitiation(refused: {Refusal}, code: {Code ?? "none"}, txID: {TxId})";
}

/// <summary>
/// The answer to a signing request without login (contract §12.3): the ticket to log the user in with. Keep it (for
/// example in the session) until the browser comes back: it holds the <c>state</c> to check.
/// </summary>
/// <param name="BusinessId">The request's <c>businessID</c>; iAM Smart echoes it on the redirect back.</param>
/// <param name="State">The request's <c>state</c>; also the state of the login URL, checked on the redirect back.</param>
/// <param name="TicketId">The ticket that ties the login to this signing request.</param>
/// <param name="SignCode">The 4-digit code to show on the e-service page, when iAM Smart sent one.</param>
/// <param name="AuthByQr">Whether iAM Smart will show a QR code (hash signing does not say, so <see langword="false"/> then).</param>
/// <param name="RedirectUri">Where the browser comes back; the login URL uses it.</param>
/// <param name="Source">The source sent; the login URL uses it.</param>
public sealed record AnonymousSigningInitiation(
    string BusinessId,
    string State,
    string TicketId,
    string? SignCode,
    bool AuthByQr,
    Uri RedirectUri,
    IAmSmartSource Source)
{
    /// <summary>
    /// The scopes the login of an anonymous signing asks for: <c>eidapi_sign</c>. [I]: the contract does not name the
    /// scope of the ticket login; change it here, or build the <see cref="LoginRequest"/> yourself.
    /// </summary>
    public static IReadOnlyCollection<IAmSmartScope> LoginScopes { get; } = [IAmSmartScope.Sign];

    /// <summary>
    /// How long the <see cref="TicketId"/> of an anonymous hash or PDF signing lives: 12 minutes, "expired 12 minutes
    /// after issuance" (addendum §A6.4, from the CorpID specifications S3 §3.15.3, §3.16.3 and S21 §4.16.3 [I]). Shorter
    /// than the 18 minutes of signing with login and form filling: keep the initiation no longer than this, and start a
    /// new request when the user comes back later.
    /// </summary>
    public static TimeSpan TicketLifetime { get; } = TimeSpan.FromMinutes(12);

    /// <summary>
    /// The login that lets the user sign: pass it to <see cref="IAmSmartAuthClient.CreateLoginUrl"/> and redirect the
    /// browser there. It carries the ticket, the same redirect URI, source and state as the signing request.
    /// </summary>
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

    /// <summary>A description without the ticket, the state or the sign code.</summary>
    public override string ToString() => $"AnonymousSigningInitiation(source: {Source}, authByQR: {AuthByQr})";
}
