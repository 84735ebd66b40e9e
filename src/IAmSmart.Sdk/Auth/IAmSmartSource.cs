namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The <c>source</c> of a request: which browser or app starts it, so that iAM Smart shows a QR code (PC) or opens the
/// app (phone). The known values are static members (contract §5.2); any other string can be wrapped, so that a value
/// iAM Smart adds later needs no SDK release.
/// </summary>
/// <param name="Value">The value as sent on the wire, for example <c>PC_Browser</c>.</param>
public readonly record struct IAmSmartSource(string Value)
{
    /// <summary>Chrome on Android.</summary>
    public static IAmSmartSource AndroidChrome { get; } = new("Android_Chrome");

    /// <summary>Firefox on Android.</summary>
    public static IAmSmartSource AndroidFirefox { get; } = new("Android_Firefox");

    /// <summary>Edge on Android.</summary>
    public static IAmSmartSource AndroidEdge { get; } = new("Android_Edge");

    /// <summary>Samsung Internet on Android.</summary>
    public static IAmSmartSource AndroidSamsung { get; } = new("Android_Samsung");

    /// <summary>The Huawei (or Honor) browser on Android.</summary>
    public static IAmSmartSource AndroidHuawei { get; } = new("Android_Huawei");

    /// <summary>The Xiaomi (MIUI) browser on Android.</summary>
    public static IAmSmartSource AndroidXiaomi { get; } = new("Android_Xiaomi");

    /// <summary>Safari on iOS.</summary>
    public static IAmSmartSource IosSafari { get; } = new("iOS_Safari");

    /// <summary>Chrome on iOS.</summary>
    public static IAmSmartSource IosChrome { get; } = new("iOS_Chrome");

    /// <summary>Firefox on iOS.</summary>
    public static IAmSmartSource IosFirefox { get; } = new("iOS_Firefox");

    /// <summary>Edge on iOS.</summary>
    public static IAmSmartSource IosEdge { get; } = new("iOS_Edge");

    /// <summary>A desktop browser: iAM Smart shows a QR code to scan with the phone.</summary>
    public static IAmSmartSource PcBrowser { get; } = new("PC_Browser");

    /// <summary>
    /// An e-service iOS app that receives the result on a Universal Link (native-app login, addendum §A5.1). Only for
    /// <see cref="IAmSmartAuthClient.CreateAppLoginLink"/>: the browser getQR refuses it.
    /// </summary>
    public static IAmSmartSource AppLink { get; } = new("App_Link");

    /// <summary>
    /// An e-service Android app that receives the result by an explicit intent (native-app login, addendum §A5.1). Only
    /// for <see cref="IAmSmartAuthClient.CreateAppLoginLink"/>: the browser getQR refuses it.
    /// </summary>
    public static IAmSmartSource AppPackage { get; } = new("App_Package");

    /// <summary>An e-service app using a URL scheme: legacy, in no 2025–26 document (addendum §A5.1) [I]; the browser getQR refuses it.</summary>
    public static IAmSmartSource AppScheme { get; } = new("App_Scheme");

    /// <summary>A page opened inside the iAM Smart app's own browser on Android ("In-app browser": S21 App. B, CorpID; [I] for iAM Smart).</summary>
    public static IAmSmartSource AndroidIAmSmartInAppBrowser { get; } = new("Android_IMS_InAppBrowser");

    /// <summary>A page opened inside the iAM Smart app's own browser on iOS ("In-app browser": S21 App. B, CorpID; [I] for iAM Smart).</summary>
    public static IAmSmartSource IosIAmSmartInAppBrowser { get; } = new("iOS_IMS_InAppBrowser");

    /// <summary>
    /// Whether this source names an e-service app (<c>App_Link</c>, <c>App_Package</c>, <c>App_Scheme</c>) rather than a
    /// browser. App sources are not valid on the browser getQR [C-doc S1 §1.4.1, S2 App. A §1.1.2]; an app logs in through
    /// the app link instead.
    /// </summary>
    public bool IsApp => this == AppLink || this == AppPackage || this == AppScheme;

    /// <summary>Whether this is <see cref="PcBrowser"/>, the one source for which iAM Smart shows a QR code rather than opening the app.</summary>
    public bool IsPcBrowser => string.Equals(Value, PcBrowser.Value, StringComparison.Ordinal);

    /// <summary>
    /// Detects the source from a browser's <c>User-Agent</c>, with the mapping of the production client S4 (contract §5.2):
    /// on an iPhone (or iPad/iPod [I]) <c>FxiOS</c>, <c>EdgiOS</c>, <c>CriOS</c>, then <c>Safari</c>; on Android
    /// <c>SamsungBrowser</c>, <c>MiuiBrowser|XiaoMi|MIX</c>, <c>HUAWEI|HONORHRY</c>, <c>EdgA</c>, <c>Firefox</c>, then
    /// <c>Chrome</c> with <c>Safari</c>; anything else, and no User-Agent, is <see cref="PcBrowser"/>. Tokens match
    /// without regard to case.
    /// </summary>
    /// <param name="userAgent">The request's User-Agent header.</param>
    public static IAmSmartSource FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return PcBrowser;
        }

        if (IsIos(userAgent))
        {
            return Has(userAgent, "FxiOS") ? IosFirefox
                : Has(userAgent, "EdgiOS") ? IosEdge
                : Has(userAgent, "CriOS") ? IosChrome
                : Has(userAgent, "Safari") ? IosSafari
                : PcBrowser;
        }

        if (Has(userAgent, "Android"))
        {
            return Has(userAgent, "SamsungBrowser") ? AndroidSamsung
                : Has(userAgent, "MiuiBrowser") || Has(userAgent, "XiaoMi") || Has(userAgent, "MIX") ? AndroidXiaomi
                : Has(userAgent, "HUAWEI") || Has(userAgent, "HONORHRY") ? AndroidHuawei
                : Has(userAgent, "EdgA") ? AndroidEdge
                : Has(userAgent, "Firefox") ? AndroidFirefox
                : Has(userAgent, "Chrome") && Has(userAgent, "Safari") ? AndroidChrome
                : PcBrowser;
        }

        return PcBrowser;
    }

    /// <summary>
    /// The source for a page the iAM Smart app opened in its own browser (the e-service knows this from the link it
    /// registered; the User-Agent does not say so): <see cref="IosIAmSmartInAppBrowser"/> on iOS, else
    /// <see cref="AndroidIAmSmartInAppBrowser"/> [I: S6].
    /// </summary>
    /// <param name="userAgent">The request's User-Agent header.</param>
    public static IAmSmartSource ForIAmSmartInAppBrowser(string? userAgent)
        => userAgent is not null && (IsIos(userAgent) || Has(userAgent, "iOS")) ? IosIAmSmartInAppBrowser : AndroidIAmSmartInAppBrowser;

    /// <summary>The value.</summary>
    public override string ToString() => Value;

    private static bool IsIos(string userAgent) => Has(userAgent, "iPhone") || Has(userAgent, "iPad") || Has(userAgent, "iPod");

    private static bool Has(string userAgent, string token) => userAgent.Contains(token, StringComparison.OrdinalIgnoreCase);
}
