namespace IAmSmart.Sdk.Auth;

/// <summary>
/// A login started from the e-service's own native app on the same phone (appv2, addendum §A5.1): the app opens the
/// iAM Smart app with <see cref="IAmSmartAuthClient.CreateAppLoginLink"/>'s link, and iAM Smart hands the result back
/// to the app, on iOS by a Universal Link, on Android by an explicit intent to a named activity. Say where with
/// <see cref="Target"/> (<see cref="AppReturnTarget.ForIos"/> or <see cref="AppReturnTarget.ForAndroid"/>), the same
/// type the <c>appv1</c> signing requests take; the four platform properties are the older form and still work.
/// </summary>
/// <remarks>
/// The app passes <c>code</c> and <c>state</c> to the e-service's back end, which checks the state and calls
/// <see cref="IAmSmartAuthClient.GetTokenAsync(string, CancellationToken)"/>. The client secret and the KEK never go to
/// the app. Every value the link names must be registered in the iAM Smart Self-Service Portal.
/// </remarks>
public sealed class AppLoginRequest
{
    /// <summary>The scopes to ask for. Default: <see cref="IAmSmartScope.Auth"/> alone.</summary>
    public IReadOnlyCollection<IAmSmartScope> Scopes { get; init; } = [IAmSmartScope.Auth];

    /// <summary>The CSRF state; when <see langword="null"/> a new one is generated (<see cref="IAmSmartState.Generate"/>).</summary>
    public string? State { get; init; }

    /// <summary>
    /// Where iAM Smart hands the user back in the app: <see cref="AppReturnTarget.ForIos"/> (sent as
    /// <c>clientRedirectURI</c> with source <c>App_Link</c>) or <see cref="AppReturnTarget.ForAndroid"/> (sent as
    /// <c>packageName</c>, <c>activityClass</c> and optional <c>activityParams</c> with source <c>App_Package</c>). The
    /// preferred form: set this or the older platform properties below, not both (an <see cref="ArgumentException"/>).
    /// </summary>
    public AppReturnTarget? Target { get; init; }

    /// <summary>
    /// The older form of <see cref="Target"/> (prefer <see cref="AppReturnTarget.ForIos"/> there); not together with it.
    /// iOS: the e-service app's Universal Link (with its landing location) that receives <c>?code=…&amp;state=…</c>; sent
    /// as <c>clientRedirectURI</c> with source <c>App_Link</c>. Absolute HTTPS, registered in the ESP.
    /// </summary>
    public Uri? IosUniversalLink { get; init; }

    /// <summary>
    /// The older form of <see cref="Target"/> (prefer <see cref="AppReturnTarget.ForAndroid"/> there); not together with it.
    /// Android: the e-service app's package name (for example <c>hk.example.bank</c>), sent as <c>packageName</c> with
    /// source <c>App_Package</c>; registered in the ESP.
    /// </summary>
    public string? AndroidPackageName { get; init; }

    /// <summary>
    /// The older form of <see cref="Target"/> (prefer <see cref="AppReturnTarget.ForAndroid"/> there); not together with it.
    /// Android: the activity that receives the result as string extras <c>code</c>, <c>state</c> (and <c>error_code</c>),
    /// sent as <c>activityClass</c>. It must be exported; it needs no intent filter (addendum §A5.2).
    /// </summary>
    public string? AndroidActivityClass { get; init; }

    /// <summary>
    /// The older form of <see cref="Target"/> (prefer <see cref="AppReturnTarget.ForAndroid"/> there); not together with it.
    /// Android, optional: <c>activityParams</c>, "params used during callback"; whether they come back as extras is not documented [G].
    /// </summary>
    public string? AndroidActivityParams { get; init; }
}

/// <summary>The link that opens the iAM Smart app for a native-app login, and the state to check when the result comes back.</summary>
/// <param name="Url">The <c>&lt;scheme&gt;://v2_cauth?…</c> link for the app to open.</param>
/// <param name="State">The state sent; keep it (on the back end) and compare it with the one the app forwards.</param>
/// <param name="Source">The source sent: <see cref="IAmSmartSource.AppLink"/> (iOS) or <see cref="IAmSmartSource.AppPackage"/> (Android).</param>
public sealed record AppLoginLink(Uri Url, string State, IAmSmartSource Source)
{
    /// <summary>A description without the link or the state.</summary>
    public override string ToString() => $"AppLoginLink(source: {Source})";
}

/// <summary>
/// The one set of checks of an e-service app's return target, for an app login link and for the <c>appv1</c> signing
/// requests alike: the Java names on Android, the Universal Link on iOS.
/// </summary>
internal static class AppLoginRules
{
    /// <summary>
    /// Builds a target from the fields of one platform: iOS when <paramref name="iosUniversalLink"/> is set, else Android.
    /// The Android names are checked here; the Universal Link depends on the environment (<see cref="ThrowIfInvalidLink"/>).
    /// <c>owner</c> is the type whose properties the fields are, to name them in messages (<c>AppLoginRequest.AndroidPackageName</c>).
    /// </summary>
    public static AppReturnTarget CreateTarget(Uri? iosUniversalLink, string? androidPackageName, string? androidActivityClass, string? androidActivityParams, string owner)
    {
        if (iosUniversalLink is not null)
        {
            return AppReturnTarget.Create(IAmSmartSource.AppLink, iosUniversalLink, null, null, null);
        }

        ThrowIfNotJavaName(androidPackageName, $"{owner}.{nameof(AppReturnTarget.AndroidPackageName)}", requireDot: true);
        ThrowIfNotJavaName(androidActivityClass, $"{owner}.{nameof(AppReturnTarget.AndroidActivityClass)}", requireDot: false);
        return AppReturnTarget.Create(
            IAmSmartSource.AppPackage, null, androidPackageName, androidActivityClass, string.IsNullOrEmpty(androidActivityParams) ? null : androidActivityParams);
    }

    /// <summary>
    /// The return target of an app login, from <see cref="AppLoginRequest.Target"/> or from the older platform
    /// properties (exactly one platform), checked as every target is, the Universal Link against
    /// <paramref name="environment"/> too.
    /// </summary>
    /// <exception cref="ArgumentException">Both forms, neither, both platforms, or a value that fails its check.</exception>
    public static AppReturnTarget ForLogin(AppLoginRequest request, IAmSmartEnvironment environment)
    {
        const string owner = nameof(AppLoginRequest);
        var ios = request.IosUniversalLink is not null;
        var android = request.AndroidPackageName is not null || request.AndroidActivityClass is not null || request.AndroidActivityParams is not null;
        if (request.Target is { } given)
        {
            if (ios || android)
            {
                throw new ArgumentException(
                    $"Set {owner}.{nameof(AppLoginRequest.Target)} or the older platform properties ({nameof(AppLoginRequest.IosUniversalLink)}, {nameof(AppLoginRequest.AndroidPackageName)}, …), not both.",
                    nameof(request));
            }

            ThrowIfInvalidLink(given, environment, $"{owner}.{nameof(AppLoginRequest.Target)}");
            return given;
        }

        if (ios == android)
        {
            throw new ArgumentException(
                $"Set {owner}.{nameof(AppLoginRequest.Target)} (AppReturnTarget.ForIos or ForAndroid), or else either {nameof(AppLoginRequest.IosUniversalLink)} (iOS) or {nameof(AppLoginRequest.AndroidPackageName)} with {nameof(AppLoginRequest.AndroidActivityClass)} (Android): exactly one platform.",
                nameof(request));
        }

        var target = CreateTarget(request.IosUniversalLink, request.AndroidPackageName, request.AndroidActivityClass, request.AndroidActivityParams, owner);
        ThrowIfInvalidLink(target, environment, $"{owner}.{nameof(AppLoginRequest.IosUniversalLink)}");
        return target;
    }

    /// <summary>Checks an iOS target's Universal Link with the rule of every URI given to iAM Smart in the environment; Android targets pass.</summary>
    public static void ThrowIfInvalidLink(AppReturnTarget target, IAmSmartEnvironment environment, string parameter)
    {
        if (target.IosUniversalLink is { } link)
        {
            RedirectUriRules.Validate(link, environment, parameter);
        }
    }

    /// <summary>
    /// A Java package or class name: dot-separated identifiers of ASCII letters, digits, <c>_</c> and <c>$</c>, not
    /// starting with a digit. The spec's own example activity is <c>callback_activity</c>, so an activity may be a bare name.
    /// </summary>
    public static void ThrowIfNotJavaName(string? value, string parameter, bool requireDot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        var segments = value.Split('.');
        var valid = (!requireDot || segments.Length > 1)
            && value.Length <= 255
            && segments.All(s => s.Length > 0 && !char.IsAsciiDigit(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$'));
        if (!valid)
        {
            throw new ArgumentException(
                $"{parameter} must be a Java {(requireDot ? "package" : "class")} name such as {(requireDot ? "hk.example.bank" : "hk.example.bank.LoginResultActivity")}.",
                parameter);
        }
    }
}
