using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk;

/// <summary>
/// One iAM Smart function: everything the SDK (and the simulator) knows about it, in one row of
/// <see cref="IAmSmartFunctions"/>. Instances are the table's own; compare them by reference.
/// </summary>
public sealed class IAmSmartFunction
{
    internal IAmSmartFunction(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>A short name for logs, spans and metrics, for example <c>auth.getToken</c>.</summary>
    public string Name { get; }

    /// <summary>The path below the API base of its <see cref="ApiVersion"/> (<c>…/api/v1/</c>), without a leading slash.</summary>
    public string Path { get; }

    /// <summary>
    /// The API version segment the function lives under: <c>v1</c> (<see cref="IAmSmartEndpoints.ApiVersion"/>) for every
    /// function but the app variants, which live under <c>appv1</c> (<see cref="IAmSmartEndpoints.AppApiVersion"/>).
    /// </summary>
    public string ApiVersion { get; init; } = IAmSmartEndpoints.ApiVersion;

    /// <summary>
    /// The function's path below the API root <c>…/api/</c>: <see cref="ApiVersion"/>, a slash and <see cref="Path"/>, for
    /// example <c>v1/auth/getToken</c> or <c>appv1/account/signing/initiateRequest</c>. Unique in the table; the
    /// simulator routes by it.
    /// </summary>
    public string Route => $"{ApiVersion}/{Path}";

    /// <summary>
    /// For an app variant (called from the e-service's own native app, addendum §A5.3), the web function it is a variant
    /// of: the two share their <see cref="Kind"/>, callbacks and pending operations, so an operation started by either is
    /// resumed, completed and read the same way. <see langword="null"/> for every other function.
    /// </summary>
    public IAmSmartFunction? WebVariant { get; init; }

    /// <summary>
    /// Whether the e-service calls it server to server (a signed POST). <see langword="false"/> only for the browser leg
    /// of login (<c>auth/getQR</c>), a GET the user's browser is sent to.
    /// </summary>
    public bool IsServerToServer { get; init; } = true;

    /// <summary>
    /// Whether repeating the call after a transient failure cannot change the outcome. Only key management and result
    /// look-ups are; an <c>initiateRequest</c> would start a second user prompt and a <c>getToken</c> spends a single-use code.
    /// </summary>
    public bool IsRetrySafe { get; init; }

    /// <summary>Whether the request and response content are encrypted with the content key.</summary>
    public bool IsEncrypted { get; init; } = true;

    /// <summary>The scope the user's access token must carry, if the function takes one and needs a scope.</summary>
    public IAmSmartScope? RequiredScope { get; init; }

    /// <summary>Whether <see cref="RequiredScope"/> is inferred rather than documented ([I]); error messages say so.</summary>
    public bool IsScopeInferred { get; init; }

    /// <summary>
    /// The short, stable name stored with what the function leaves behind: a pending operation (answered by callback)
    /// or a consent receipt. Persisted, so never renamed; <see langword="null"/> for functions that leave neither.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>Whether iAM Smart answers the function by callback, so that it leaves a pending operation to wait for.</summary>
    public bool IsAnsweredByCallback { get; init; }

    /// <summary>The iAM Smart app function a same-device link opens (<c>&lt;scheme&gt;://&lt;name&gt;?ticketID=…</c>), if any.</summary>
    public string? AppLinkName { get; init; }

    /// <summary>
    /// The return codes particular to this function (user outcomes and function failures), beyond the codes every
    /// function may return (<see cref="IAmSmartFunctions.CommonCodes"/>). Each is in the SDK's one table of return codes.
    /// </summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Whether <paramref name="scopes"/> satisfies <see cref="RequiredScope"/> (scopes are case-sensitive); always for a function that needs none.</summary>
    /// <param name="scopes">The scopes an access token carries.</param>
    public bool IsSatisfiedBy(IAmSmartScopeSet scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return RequiredScope is not { } scope || scopes.Contains(scope);
    }

    /// <summary>The name and the route, so that an app variant is told from its web function.</summary>
    public override string ToString() => $"{Name} ({Route})";

    /// <summary>
    /// The one way the function's URL is made, by the transport and the login URL alike: <see cref="Route"/> below the API
    /// root of <paramref name="apiBase"/>, the configured <c>…/api/v1/</c> base (<see cref="IAmSmartOptions.ResolveApiBase"/>)
    /// whose own version segment gives way to <see cref="ApiVersion"/>.
    /// </summary>
    /// <param name="apiBase">The configured API base, ending in <c>/v1/</c>.</param>
    internal Uri ResolveUri(Uri apiBase)
        => string.Equals(ApiVersion, IAmSmartEndpoints.ApiVersion, StringComparison.Ordinal) ? new Uri(apiBase, Path) : new Uri(apiBase, "../" + Route);
}

/// <summary>
/// Every iAM Smart function the SDK calls, in one table: path, retry-safety, scope, the kind of what it leaves behind,
/// the app-link name and the codes it may return. The clients, the transport, the callback path and the simulator all
/// read it. Paths come from the production C# client (S4) unless marked otherwise; whatever is marked [I] is inferred
/// and may need changing when the official specification is available: change it here, once.
/// </summary>
public static class IAmSmartFunctions
{
    /// <summary>
    /// The codes any function may return (contract §10.1, addendum §A2.1): parameter, signature, replay, token, scope and
    /// key errors, and the service-wide failures.
    /// </summary>
    public static IReadOnlyList<string> CommonCodes { get; } =
    [
        "D20000", "D20001", "D20002", "D20003", "D20004", "D20005", "D20006", "D20007", "D20008", "D20009", "D20010",
        "D20011", "D20012", "D20015", "D20022", "D20026", "D20027", "D30001", "D30002", "D30003", "D30004",
        "M10001", "M99990", "M99991", "M99992", "S00001", "C00001",
    ];

    /// <summary><c>auth/getQR</c>: the browser leg of login (contract §5.1, §5.3): the redirect carries D40000–D40003.</summary>
    public static IAmSmartFunction GetQr { get; } = new("auth.getQR", "auth/getQR")
    {
        IsServerToServer = false,
        IsEncrypted = false,
        AppLinkName = IAmSmartAppLinks.AuthFunction,
        Codes = ["D40000", "D40001", "D40002", "D40003"],
    };

    /// <summary><c>security/getKey</c>: issue a content key (contract §3).</summary>
    public static IAmSmartFunction GetKey { get; } = new("security.getKey", "security/getKey") { IsRetrySafe = true, IsEncrypted = false };

    /// <summary><c>security/revokeKey</c>: revoke the content key (contract §4).</summary>
    public static IAmSmartFunction RevokeKey { get; } = new("security.revokeKey", "security/revokeKey") { IsRetrySafe = true, IsEncrypted = false };

    /// <summary><c>auth/getToken</c>: exchange an authorisation code (contract §5.4); D40004 for a spent or expired code.</summary>
    public static IAmSmartFunction GetToken { get; } = new("auth.getToken", "auth/getToken") { Codes = ["D40004", "D40035"] };

    /// <summary>
    /// <c>account/stepup/initiateRequest</c>: re-authentication (contract §6), answered by callback (D80001–D80003). Not
    /// the signing step-up (<c>suaMethod</c>, addendum §A1). Needs <c>eidapi_fr</c>, "Re-authentication with Service
    /// Login" (contract §6, addendum §A1.4) [I: documented in the CorpID scope mapping, C-doc S3 §2.5; that iAM Smart uses
    /// the same scope for this function is inferred].
    /// </summary>
    public static IAmSmartFunction StepUp { get; } = new("stepup.initiateRequest", "account/stepup/initiateRequest")
    {
        Kind = "stepup",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.ReAuthentication,
        IsScopeInferred = true,
        AppLinkName = IAmSmartAppLinks.ReAuthenticationFunction,
        Codes = ["D80001", "D80002", "D80003"],
    };

    /// <summary>
    /// <c>account/auth/profile/initiateRequest</c>: profile with login (contract §7.1), answered by callback. Needs
    /// <c>eidapi_formFilling</c> [I]: the request asks for consent in the app and answers by callback, like e-ME, so it
    /// goes with the form-filling scope; <c>eidapi_profiles</c> ("form filling with service login (aka Profiles)",
    /// CorpID mapping) is consent given at login and fits the synchronous <see cref="Profiles"/> call instead.
    /// </summary>
    public static IAmSmartFunction Profile { get; } = new("profile.initiateRequest", "account/auth/profile/initiateRequest")
    {
        Kind = "profile",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.FormFilling,
        IsScopeInferred = true,
        AppLinkName = IAmSmartAppLinks.ProfileFunction,
        Codes = ["D50001", "D50002", "D50003"],
    };

    /// <summary><c>profiles</c>: synchronous profile and e-ME data (contract §7.2), needing <c>eidapi_profiles</c> [I: seen in one implementation only].</summary>
    public static IAmSmartFunction Profiles { get; } = new("profiles", "profiles")
    {
        Kind = "profiles",
        RequiredScope = IAmSmartScope.Profiles,
        IsScopeInferred = true,
    };

    /// <summary><c>account/eme/initiateRequest</c>: e-ME form filling with login (contract §5.1, §8), answered by callback.</summary>
    public static IAmSmartFunction EMe { get; } = new("eme.initiateRequest", "account/eme/initiateRequest")
    {
        Kind = "eme",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.FormFilling,
        AppLinkName = IAmSmartAppLinks.FormFillingFunction,
        Codes = ["D60000", "D60001", "D60002", "D60003"],
    };

    /// <summary><c>anonymous/eme/initiateRequest</c>: anonymous e-ME form filling (contract §9.1); the user then logs in (D40000–D40003).</summary>
    public static IAmSmartFunction AnonymousEMe { get; } = new("anonymous.eme.initiateRequest", "anonymous/eme/initiateRequest")
    {
        Kind = "anonymous-eme",
        Codes = ["D40000", "D40001", "D40002", "D40003", "D60000", "D60001", "D60002", "D60003"],
    };

    /// <summary><c>anonymous/eme/getResult</c>: the anonymous e-ME result (contract §9.1).</summary>
    public static IAmSmartFunction AnonymousEMeResult { get; } = new("anonymous.eme.getResult", "anonymous/eme/getResult")
    {
        IsRetrySafe = true,
        Codes = ["D60000", "D60001", "D60002", "D60003"],
    };

    /// <summary><c>account/signing/initiateRequest</c>: hash signing with login (contract §12.1, addendum §A1, §A2.4), answered by callback.</summary>
    public static IAmSmartFunction HashSigning { get; } = new("signing.initiateRequest", "account/signing/initiateRequest")
    {
        Kind = "signing",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.Sign,
        AppLinkName = IAmSmartAppLinks.SigningFunction,
        Codes = SigningCodes,
    };

    /// <summary><c>account/pdfsigning/initiateRequest</c>: PDF signing with login (contract §12.2), answered by callback.</summary>
    public static IAmSmartFunction PdfSigning { get; } = new("pdfsigning.initiateRequest", "account/pdfsigning/initiateRequest")
    {
        Kind = "pdfsigning",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.Sign,
        AppLinkName = IAmSmartAppLinks.SigningFunction,
        Codes = SigningCodes,
    };

    /// <summary><c>account/signing/ackResult</c>: acknowledge a signing result (contract §10.2, §12.1).</summary>
    public static IAmSmartFunction SigningAck { get; } = new("signing.ackResult", "account/signing/ackResult") { Codes = ["D70006"] };

    /// <summary><c>anonymous/signing/initiateRequest</c>: anonymous hash signing (contract §12.3); the user then logs in.</summary>
    public static IAmSmartFunction AnonymousHashSigning { get; } = new("anonymous.signing.initiateRequest", "anonymous/signing/initiateRequest")
    {
        Codes = AnonymousSigningCodes,
    };

    /// <summary><c>anonymous/signing/getResult</c>: the anonymous hash-signing result (contract §12.3).</summary>
    public static IAmSmartFunction AnonymousHashSigningResult { get; } = new("anonymous.signing.getResult", "anonymous/signing/getResult")
    {
        IsRetrySafe = true,
        Codes = SigningCodes,
    };

    /// <summary><c>anonymous/pdfsigning/initiateRequest</c>: anonymous PDF signing (contract §12.3); the user then logs in.</summary>
    public static IAmSmartFunction AnonymousPdfSigning { get; } = new("anonymous.pdfsigning.initiateRequest", "anonymous/pdfsigning/initiateRequest")
    {
        Codes = AnonymousSigningCodes,
    };

    /// <summary><c>anonymous/pdfsigning/getResult</c>: the anonymous PDF-signing result (contract §12.3).</summary>
    public static IAmSmartFunction AnonymousPdfSigningResult { get; } = new("anonymous.pdfsigning.getResult", "anonymous/pdfsigning/getResult")
    {
        IsRetrySafe = true,
        Codes = SigningCodes,
    };

    /// <summary>
    /// <c>bdss/initiateRequest</c>: bulk signing with login (addendum §A4.2), needing <c>eidapi_bulksign</c>; answered by
    /// two kinds of callback (the BSQC token, then the results in pages, §A3.3–§A3.4). [I]: the path is the CorpID
    /// sandbox's (S3 §3.20) on the iAM Smart domain. The app-link name of a bulk ticket is not documented [G], so none is set.
    /// </summary>
    public static IAmSmartFunction BulkSigning { get; } = new("bdss.initiateRequest", "bdss/initiateRequest")
    {
        Kind = "bdss",
        IsAnsweredByCallback = true,
        RequiredScope = IAmSmartScope.BulkSign,
        Codes = BulkSigningCodes,
    };

    /// <summary><c>bdss/anonymous/initiateRequest</c>: bulk signing without login (addendum §A4.7) [I]; the user then logs in with <c>eidapi_bulksign</c> and the results come by callback.</summary>
    public static IAmSmartFunction AnonymousBulkSigning { get; } = new("bdss.anonymous.initiateRequest", "bdss/anonymous/initiateRequest")
    {
        Kind = "anonymous-bdss",
        IsAnsweredByCallback = true,
        Codes = ["D40000", "D40001", "D40002", "D40003", .. BulkSigningCodes],
    };

    /// <summary><c>bdss/getBSQCToken</c>: the BSQC token of an anonymous bulk signing, with the token of its ticket login (addendum §A4.8) [I].</summary>
    public static IAmSmartFunction BulkSigningToken { get; } = new("bdss.getBSQCToken", "bdss/getBSQCToken")
    {
        RequiredScope = IAmSmartScope.BulkSign,
        IsScopeInferred = true,
        Codes = ["D71004", "D71005"],
    };

    /// <summary>
    /// <c>bdss/enquireStatus</c>: the status (SS001–SS006) of a bulk signing, by its BSQC token (addendum §A4.6) [I].
    /// Retry-safe: it only reads a status, as the <c>getResult</c> look-ups do. <see cref="BulkSigningToken"/> is not,
    /// because it presents the token of a ticket login, which may be single-use [I].
    /// </summary>
    public static IAmSmartFunction BulkSigningStatus { get; } = new("bdss.enquireStatus", "bdss/enquireStatus") { IsRetrySafe = true, Codes = ["D71008"] };

    /// <summary><c>bdss/cancelRequest</c>: cancels a bulk signing while it is Pending for Signing (addendum §A4.6) [I]; D71007 otherwise.</summary>
    public static IAmSmartFunction BulkSigningCancel { get; } = new("bdss.cancelRequest", "bdss/cancelRequest") { Codes = ["D71007", "D71008"] };

    /// <summary><c>bdss/ackResult</c>: acknowledges bulk-signing results, for the whole request or per document (addendum §A4.5) [I].</summary>
    public static IAmSmartFunction BulkSigningAck { get; } = new("bdss.ackResult", "bdss/ackResult") { Codes = ["D71006"] };

    // The app variants (addendum §A5.3, §A4.3): the same requests sent from the e-service's own native app on the phone,
    // with source App_Link | App_Package, the app's return target, and serverRedirectURI in place of redirectURI. They
    // are documented for CorpID only ([C-doc S3 §3.9, §3.12, §3.21]); the iAM Smart paths are [I]/[G]: under appv1, with
    // the web function's path (so account/… for hash and PDF signing, as their web twins). Change them here, once. The
    // app variant of form filling (CorpID /api/appv1/formFilling/initiateRequest) is left out: its iAM Smart twin is unknown.

    /// <summary>
    /// <c>appv1/account/signing/initiateRequest</c> [I]: <see cref="HashSigning"/> started from the e-service's native app
    /// (addendum §A5.3); its callback and pending operation are the web function's.
    /// </summary>
    public static IAmSmartFunction AppHashSigning { get; } = AppVariantOf(HashSigning, "appv1.signing.initiateRequest");

    /// <summary>
    /// <c>appv1/account/pdfsigning/initiateRequest</c> [I]: <see cref="PdfSigning"/> started from the e-service's native app
    /// (addendum §A5.3); its callback and pending operation are the web function's.
    /// </summary>
    public static IAmSmartFunction AppPdfSigning { get; } = AppVariantOf(PdfSigning, "appv1.pdfsigning.initiateRequest");

    /// <summary>
    /// <c>appv1/bdss/initiateRequest</c> [I]: <see cref="BulkSigning"/> started from the e-service's native app (addendum
    /// §A4.3); its BSQC-token and result callbacks and its pending operation are the web function's.
    /// </summary>
    public static IAmSmartFunction AppBulkSigning { get; } = AppVariantOf(BulkSigning, "appv1.bdss.initiateRequest");

    /// <summary>Every function, in the order above.</summary>
    public static IReadOnlyList<IAmSmartFunction> All { get; } =
    [
        GetQr, GetKey, RevokeKey, GetToken, StepUp, Profile, Profiles, EMe, AnonymousEMe, AnonymousEMeResult,
        HashSigning, PdfSigning, SigningAck, AnonymousHashSigning, AnonymousHashSigningResult, AnonymousPdfSigning,
        AnonymousPdfSigningResult, BulkSigning, AnonymousBulkSigning, BulkSigningToken, BulkSigningStatus, BulkSigningCancel,
        BulkSigningAck, AppHashSigning, AppPdfSigning, AppBulkSigning,
    ];

    /// <summary>
    /// The function answered by callback whose operations are stored with <paramref name="kind"/>, if any. An app variant
    /// shares its web function's kind, so the web function is the one found (<see cref="IAmSmartFunction.WebVariant"/>).
    /// </summary>
    /// <param name="kind">A stored operation's <see cref="IAmSmartFunction.Kind"/>.</param>
    public static IAmSmartFunction? FindByKind(string? kind)
    {
        foreach (var function in All)
        {
            if (function.IsAnsweredByCallback && function.WebVariant is null && string.Equals(function.Kind, kind, StringComparison.Ordinal))
            {
                return function;
            }
        }

        return null;
    }

    // An app variant is its web function in every respect but the version segment, the name and the fields it sends: it
    // shares the kind (so the pending operation, its callback and its reading are the web one's), scope, codes and app link.
    private static IAmSmartFunction AppVariantOf(IAmSmartFunction web, string name) => new(name, web.Path)
    {
        ApiVersion = IAmSmartEndpoints.AppApiVersion,
        WebVariant = web,
        Kind = web.Kind,
        IsAnsweredByCallback = web.IsAnsweredByCallback,
        IsRetrySafe = web.IsRetrySafe,
        IsEncrypted = web.IsEncrypted,
        RequiredScope = web.RequiredScope,
        IsScopeInferred = web.IsScopeInferred,
        AppLinkName = web.AppLinkName,
        Codes = web.Codes,
    };

    // Computed when read, so the rows above may use them whatever the order of static initialisation.
    private static string[] SigningCodes => ["D70000", "D70001", "D70002", "D70003", "D70004", "D70005", "D77001", "D77002", "D77003", "D77004"];

    // Bulk signing (addendum §A2.3, §A2.4): the user outcomes, the failure to sign, the name check, and step-up [I].
    private static string[] BulkSigningCodes => ["D71000", "D71001", "D71002", "D71003", "D71004", "D71005", "D71009", "D77001", "D77002", "D77003", "D77004"];

    private static string[] AnonymousSigningCodes => ["D40000", "D40001", "D40002", "D40003", .. SigningCodes];
}
