namespace IAmSmart.Sdk.Transport;

/// <summary>One iAM Smart server-to-server function: its name for logs and traces, its path, and whether it may be retried.</summary>
/// <param name="Name">A short name for logs, spans and metrics, for example <c>auth.getToken</c>.</param>
/// <param name="Path">The path below the API base (<c>…/api/v1/</c>), without a leading slash.</param>
/// <param name="IsRetrySafe">
/// Whether repeating the call after a transient failure cannot change the outcome. Only key management and result
/// look-ups are; an <c>initiateRequest</c> would start a second user prompt and a <c>getToken</c> spends a single-use code.
/// </param>
/// <param name="IsEncrypted">Whether the request and response content are encrypted with the content key.</param>
public sealed record ApiOperation(string Name, string Path, bool IsRetrySafe, bool IsEncrypted = true);

/// <summary>
/// Every server-to-server function of the contract, in one place. Paths come from the production C# client (S4) unless
/// marked otherwise; one marked [I] is inferred and may need changing when the official specification is available.
/// </summary>
public static class ApiOperations
{
    /// <summary>
    /// <c>auth/getQR</c>: the browser leg of login (contract §5.1). A GET the user's browser is sent to, not a
    /// server-to-server call, so it is a path rather than an <see cref="ApiOperation"/>.
    /// </summary>
    public const string GetQrPath = "auth/getQR";

    /// <summary><c>security/getKey</c>: issue a content key (contract §3).</summary>
    public static readonly ApiOperation GetKey = new("security.getKey", "security/getKey", IsRetrySafe: true, IsEncrypted: false);

    /// <summary><c>security/revokeKey</c>: revoke the content key (contract §4).</summary>
    public static readonly ApiOperation RevokeKey = new("security.revokeKey", "security/revokeKey", IsRetrySafe: true, IsEncrypted: false);

    /// <summary><c>auth/getToken</c>: exchange an authorisation code (contract §5.4).</summary>
    public static readonly ApiOperation GetToken = new("auth.getToken", "auth/getToken", IsRetrySafe: false);

    /// <summary><c>account/stepup/initiateRequest</c>: re-authentication (contract §6).</summary>
    public static readonly ApiOperation StepUp = new("stepup.initiateRequest", "account/stepup/initiateRequest", IsRetrySafe: false);

    /// <summary><c>account/auth/profile/initiateRequest</c>: profile with login (contract §7.1).</summary>
    public static readonly ApiOperation Profile = new("profile.initiateRequest", "account/auth/profile/initiateRequest", IsRetrySafe: false);

    /// <summary><c>profiles</c>: synchronous profile and e-ME data (contract §7.2) [I: seen in one implementation only].</summary>
    public static readonly ApiOperation Profiles = new("profiles", "profiles", IsRetrySafe: false);

    /// <summary><c>account/eme/initiateRequest</c>: e-ME form filling with login (contract §8).</summary>
    public static readonly ApiOperation EMe = new("eme.initiateRequest", "account/eme/initiateRequest", IsRetrySafe: false);

    /// <summary><c>anonymous/eme/initiateRequest</c>: anonymous e-ME form filling (contract §9.1).</summary>
    public static readonly ApiOperation AnonymousEMe = new("anonymous.eme.initiateRequest", "anonymous/eme/initiateRequest", IsRetrySafe: false);

    /// <summary><c>anonymous/eme/getResult</c>: the anonymous e-ME result (contract §9.1).</summary>
    public static readonly ApiOperation AnonymousEMeResult = new("anonymous.eme.getResult", "anonymous/eme/getResult", IsRetrySafe: true);

    /// <summary><c>account/signing/initiateRequest</c>: hash signing with login (contract §12.1).</summary>
    public static readonly ApiOperation HashSigning = new("signing.initiateRequest", "account/signing/initiateRequest", IsRetrySafe: false);

    /// <summary><c>account/pdfsigning/initiateRequest</c>: PDF signing with login (contract §12.2).</summary>
    public static readonly ApiOperation PdfSigning = new("pdfsigning.initiateRequest", "account/pdfsigning/initiateRequest", IsRetrySafe: false);

    /// <summary><c>account/signing/ackResult</c>: acknowledge a signing result (contract §12.1).</summary>
    public static readonly ApiOperation SigningAck = new("signing.ackResult", "account/signing/ackResult", IsRetrySafe: false);

    /// <summary><c>anonymous/signing/initiateRequest</c>: anonymous hash signing (contract §12.3).</summary>
    public static readonly ApiOperation AnonymousHashSigning = new("anonymous.signing.initiateRequest", "anonymous/signing/initiateRequest", IsRetrySafe: false);

    /// <summary><c>anonymous/signing/getResult</c>: the anonymous hash-signing result (contract §12.3).</summary>
    public static readonly ApiOperation AnonymousHashSigningResult = new("anonymous.signing.getResult", "anonymous/signing/getResult", IsRetrySafe: true);

    /// <summary><c>anonymous/pdfsigning/initiateRequest</c>: anonymous PDF signing (contract §12.3).</summary>
    public static readonly ApiOperation AnonymousPdfSigning = new("anonymous.pdfsigning.initiateRequest", "anonymous/pdfsigning/initiateRequest", IsRetrySafe: false);

    /// <summary><c>anonymous/pdfsigning/getResult</c>: the anonymous PDF-signing result (contract §12.3).</summary>
    public static readonly ApiOperation AnonymousPdfSigningResult = new("anonymous.pdfsigning.getResult", "anonymous/pdfsigning/getResult", IsRetrySafe: true);
}
