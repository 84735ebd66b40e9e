namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>Where the iAM Smart app hands a native-app login's result back: a Universal Link (iOS) or an explicit intent (Android).</summary>
/// <param name="UniversalLink">iOS: the registered Universal Link that receives <c>?code=…&amp;state=…</c>.</param>
/// <param name="PackageName">Android: the package of the activity that receives the extras.</param>
/// <param name="ActivityClass">Android: the activity that receives the extras.</param>
public sealed record AppLoginTarget(Uri? UniversalLink, string? PackageName, string? ActivityClass);

/// <summary>What an e-service app receives after a native-app login (addendum §A5.2): the string extras or query values <c>code</c>, <c>state</c>, <c>error_code</c>.</summary>
/// <param name="Target">Where the result goes; <see langword="null"/> when the link itself was refused.</param>
/// <param name="Code">The authorisation code on approval.</param>
/// <param name="State">The <c>state</c> of the link.</param>
/// <param name="ErrorCode">The <c>error_code</c> on refusal or for an invalid link.</param>
public sealed record AppLoginResult(AppLoginTarget? Target, string? Code, string? State, string? ErrorCode)
{
    /// <summary>Whether the user approved and a code was issued.</summary>
    public bool IsApproved => Code is not null;

    /// <summary>No code: it is a credential.</summary>
    public override string ToString() => $"AppLoginResult(approved: {IsApproved}, error: {ErrorCode ?? "none"})";
}

/// <summary>What a Direct Login v2 hands the e-service (addendum §A5.4–§A5.5): no state; a code, a RefID, and for an app a code verifier.</summary>
/// <param name="Code">The authorisation code on approval.</param>
/// <param name="CodeVerifier">The code verifier, for the app variant only; getToken must send it.</param>
/// <param name="RefId">The troubleshooting reference.</param>
/// <param name="ErrorCode">The <c>error_code</c> when the user did not approve.</param>
public sealed record DirectLoginV2Start(string? Code, string? CodeVerifier, string RefId, string? ErrorCode)
{
    /// <summary>The query the web endpoint receives: <c>code=…&amp;RefID=…</c> (or <c>error_code=…&amp;RefID=…</c>), plus <c>code_verifier</c> for an app.</summary>
    public string Query
        => (Code is null ? "error_code=" + ErrorCode : "code=" + Uri.EscapeDataString(Code))
            + (CodeVerifier is null ? string.Empty : "&code_verifier=" + Uri.EscapeDataString(CodeVerifier))
            + "&RefID=" + Uri.EscapeDataString(RefId);

    /// <summary>No code or verifier: they are credentials.</summary>
    public override string ToString() => $"DirectLoginV2Start(approved: {Code is not null}, RefID: {RefId})";
}
