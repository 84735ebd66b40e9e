namespace IAmSmart.Sdk.Auth;

/// <summary>
/// Where iAM Smart hands the user back in the e-service's own native app on the same phone: on iOS a Universal Link
/// (source <c>App_Link</c>, sent as <c>clientRedirectURI</c>), on Android an explicit intent to a named activity of a
/// package (source <c>App_Package</c>, sent as <c>packageName</c>, <c>activityClass</c> and optional
/// <c>activityParams</c>), addendum §A5.2–§A5.3. Set it on a signing request (<see cref="Signing.SigningWithLoginRequest.AppTarget"/>,
/// <see cref="Signing.BulkSigningRequest.AppTarget"/>) to start it from the app (the <c>appv1</c> functions). Every value
/// must be registered in the iAM Smart Self-Service Portal.
/// </summary>
/// <remarks>
/// Equal when every value is equal. Made only by <see cref="ForIos"/> and <see cref="ForAndroid"/>, which check what does
/// not depend on the client: an Android target's package and activity are Java names once it exists. An iOS target's
/// Universal Link is only required there; whether it is acceptable (absolute HTTPS without a fragment, or plain HTTP on
/// loopback for the simulator) depends on the client's environment, so it is checked each time a request or app login
/// link is made with the target, and a target that exists may still be refused then. Its <c>ToString</c> is the type's
/// name and prints no link or name.
/// </remarks>
public sealed class AppReturnTarget : IEquatable<AppReturnTarget>
{
    private AppReturnTarget(IAmSmartSource source, Uri? iosUniversalLink, string? androidPackageName, string? androidActivityClass, string? androidActivityParams)
    {
        Source = source;
        IosUniversalLink = iosUniversalLink;
        AndroidPackageName = androidPackageName;
        AndroidActivityClass = androidActivityClass;
        AndroidActivityParams = androidActivityParams;
    }

    /// <summary>The source the request is sent with: <see cref="IAmSmartSource.AppLink"/> (iOS) or <see cref="IAmSmartSource.AppPackage"/> (Android).</summary>
    public IAmSmartSource Source { get; }

    /// <summary>iOS: the app's Universal Link with its landing location; <see langword="null"/> on Android.</summary>
    public Uri? IosUniversalLink { get; }

    /// <summary>Android: the app's package name, for example <c>hk.example.bank</c>; <see langword="null"/> on iOS.</summary>
    public string? AndroidPackageName { get; }

    /// <summary>Android: the exported activity that receives the result; <see langword="null"/> on iOS.</summary>
    public string? AndroidActivityClass { get; }

    /// <summary>Android, optional: <c>activityParams</c>, "params used during callback"; whether they come back as extras is not documented [G].</summary>
    public string? AndroidActivityParams { get; }

    /// <summary>
    /// An iOS app that receives the user back on a Universal Link. It must be absolute HTTPS without a fragment; it is
    /// checked against the client's environment when a request is made (plain HTTP on loopback only for the simulator).
    /// </summary>
    /// <param name="universalLink">The Universal Link with its landing location, registered in the ESP.</param>
    /// <exception cref="ArgumentNullException"><paramref name="universalLink"/> is null.</exception>
    public static AppReturnTarget ForIos(Uri universalLink)
        => AppLoginRules.CreateTarget(universalLink ?? throw new ArgumentNullException(nameof(universalLink)), null, null, null, nameof(AppReturnTarget));

    /// <summary>An Android app that receives the user back by an explicit intent to <paramref name="activityClass"/> of <paramref name="packageName"/>.</summary>
    /// <param name="packageName">The package name, a Java package name such as <c>hk.example.bank</c>.</param>
    /// <param name="activityClass">The exported activity, a Java class name (it needs no intent filter).</param>
    /// <param name="activityParams">Optional <c>activityParams</c>; an empty string is not sent.</param>
    /// <exception cref="ArgumentException">A name is empty or not a Java name.</exception>
    public static AppReturnTarget ForAndroid(string packageName, string activityClass, string? activityParams = null)
        => AppLoginRules.CreateTarget(null, packageName, activityClass, activityParams, nameof(AppReturnTarget));

    /// <summary>Whether <paramref name="other"/> names the same app on the same platform.</summary>
    /// <param name="other">Another target.</param>
    public bool Equals(AppReturnTarget? other)
        => other is not null
            && Source == other.Source
            && IosUniversalLink == other.IosUniversalLink
            && string.Equals(AndroidPackageName, other.AndroidPackageName, StringComparison.Ordinal)
            && string.Equals(AndroidActivityClass, other.AndroidActivityClass, StringComparison.Ordinal)
            && string.Equals(AndroidActivityParams, other.AndroidActivityParams, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AppReturnTarget);

    /// <inheritdoc/>
    /// <remarks>
    /// Over the link or the package and activity only (equal targets share them). Not <c>HashCode</c>: netstandard2.0 has
    /// none, and the SDK takes no package for one method.
    /// </remarks>
    public override int GetHashCode()
        => IosUniversalLink?.GetHashCode() ?? StringComparer.Ordinal.GetHashCode($"{AndroidPackageName}/{AndroidActivityClass}");

    /// <summary>The target with its validated values; only <see cref="AppLoginRules.CreateTarget"/> makes one.</summary>
    internal static AppReturnTarget Create(IAmSmartSource source, Uri? iosUniversalLink, string? androidPackageName, string? androidActivityClass, string? androidActivityParams)
        => new(source, iosUniversalLink, androidPackageName, androidActivityClass, androidActivityParams);
}
