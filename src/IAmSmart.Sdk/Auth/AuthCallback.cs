using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The browser redirect back from iAM Smart to the e-service after a login (contract §5.3, §5.6):
/// <c>?code=…&amp;state=…</c>, <c>?error_code=Dxxxxx&amp;state=…</c>, with <c>businessID</c> in anonymous flows and
/// <c>RefID</c> in Direct Login v2.
/// </summary>
/// <remarks>
/// Read it from the <em>raw</em> query string (in ASP.NET Core, <c>HttpRequest.QueryString.Value</c>), never from an
/// already-decoded collection such as <c>HttpRequest.Query</c>, which follows HTML form rules and turns <c>+</c> into a
/// space. Each value here is percent-decoded exactly once and <c>+</c> stays <c>+</c> (RFC 3986), so a code such as
/// <c>ab+c/d==</c> arrives intact whether iAM Smart sent it raw or as <c>ab%2Bc%2Fd%3D%3D</c>.
/// </remarks>
public sealed class AuthCallback
{
    private AuthCallback(string? code, string? state, string? errorCode, string? businessId, string? refId)
    {
        Code = code;
        State = state;
        ErrorCode = errorCode;
        BusinessId = businessId;
        RefId = refId;
    }

    /// <summary>The authorisation code, when the user consented. Single-use, valid about 30 s: exchange it at once.</summary>
    public string? Code { get; }

    /// <summary>The state the e-service sent, echoed back; compare it with <see cref="HasState"/>.</summary>
    public string? State { get; }

    /// <summary>The iAM Smart return code of a failure (for example <c>D40000</c>, cancelled), if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>businessID</c> of an anonymous flow, if any.</summary>
    public string? BusinessId { get; }

    /// <summary>The <c>RefID</c> of a Direct Login v2 callback, if any (contract §5.6) [I].</summary>
    public string? RefId { get; }

    /// <summary>Whether the redirect carries a code and no error.</summary>
    public bool IsSuccess => ErrorCode is null && !string.IsNullOrEmpty(Code);

    /// <summary>
    /// How the user ended the login: the outcome of <see cref="ErrorCode"/> when it is a user outcome (cancelled,
    /// rejected, failed, timed out); <see cref="UserOutcome.Rejected"/> for the two shapes iAM Smart reports a denial in,
    /// a redirect with neither a code nor an error code ("only the state parameter will be redirected", addendum §A3.5)
    /// and <c>error_code=D20001</c> (contract §5.3's official example; addendum §A9: treat both as denial) [I];
    /// otherwise <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// This is the one place a login redirect is read as a denial. It says nothing about whose redirect it is: check
    /// <see cref="HasState"/> first, since a redirect that carries only a wrong or missing state is forged or another
    /// login's, not a denial.
    /// </remarks>
    public UserOutcome? Outcome
        => (ErrorCode is null && Code is null) || IsDenialCode(ErrorCode) ? UserOutcome.Rejected
            : ReturnCodes.TryGet(ErrorCode, out var info) ? info.Outcome
            : null;

    /// <summary>Whether the user denied the login or cancelled it: <see cref="Outcome"/> is rejected or cancelled.</summary>
    public bool IsDenied => Outcome is UserOutcome.Rejected or UserOutcome.Cancelled;

    /// <summary>Parses the raw query of the redirect.</summary>
    /// <param name="rawQuery">The query with or without its leading <c>?</c>, or the whole URL, exactly as received.</param>
    /// <exception cref="ArgumentException">A parameter appears more than once.</exception>
    public static AuthCallback Parse(string? rawQuery)
    {
        var values = QueryEncoding.Parse(rawQuery, nameof(rawQuery));
        return new AuthCallback(
            NullIfEmpty(values.GetValueOrDefault("code")),
            NullIfEmpty(values.GetValueOrDefault("state")),
            NullIfEmpty(values.GetValueOrDefault("error_code")),
            NullIfEmpty(values.GetValueOrDefault("businessID")),
            NullIfEmpty(values.GetValueOrDefault("RefID")));
    }

    /// <summary>
    /// The values a native app forwards to its back end after an app login (addendum §A5.2): from the Universal Link's
    /// query on iOS, from the intent's string extras <c>code</c>, <c>state</c>, <c>error_code</c> (and <c>businessID</c>)
    /// on Android.
    /// </summary>
    /// <param name="code">The <c>code</c>, if any.</param>
    /// <param name="state">The <c>state</c>, if any.</param>
    /// <param name="errorCode">The <c>error_code</c>, if any.</param>
    /// <param name="businessId">The <c>businessID</c> of an anonymous flow, if any.</param>
    public static AuthCallback FromValues(string? code, string? state, string? errorCode = null, string? businessId = null)
        => new(NullIfEmpty(code), NullIfEmpty(state), NullIfEmpty(errorCode), NullIfEmpty(businessId), refId: null);

    /// <summary>Whether the redirect carries <paramref name="expectedState"/>, compared in constant time.</summary>
    /// <param name="expectedState">The state issued with the login URL.</param>
    public bool HasState(string expectedState) => IAmSmartState.FixedTimeEquals(expectedState, State);

    /// <summary>A description that names the outcome, never the code or the state.</summary>
    public override string ToString()
        => IsSuccess ? "AuthCallback(success)" : $"AuthCallback(error: {ErrorCode ?? "no code"})";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // [I] D20001 is "parameter missing" in an API response (a caller error), but in a login redirect it is how S2 reports
    // a denial (contract §5.3: "On denial or error: ?error_code=Dxxxxx&state=… (official example: error_code=D20001)";
    // addendum §A9 "user denial at callback": treat it, and a state-only redirect, as denial). Only here, in a redirect.
    private static bool IsDenialCode(string? errorCode) => errorCode is "D20001";
}
