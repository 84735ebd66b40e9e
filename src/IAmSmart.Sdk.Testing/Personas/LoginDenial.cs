namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>
/// How the simulator's login redirect reports that the user rejected the login. The sources disagree (addendum §A9,
/// "user denial at callback"), so the simulator can send each shape the SDK must read as a denial.
/// </summary>
public enum LoginDenial
{
    /// <summary><c>?error_code=D40001&amp;state=…</c>: the return-code table's "user rejected authentication" (contract §10.1).</summary>
    ErrorCode,

    /// <summary><c>?state=…</c> alone: "If the user denies it, only the state parameter will be redirected" (addendum §A3.5, S1).</summary>
    StateOnly,

    /// <summary><c>?error_code=D20001&amp;state=…</c>: the official example of a denial redirect (contract §5.3, S2).</summary>
    D20001,
}
