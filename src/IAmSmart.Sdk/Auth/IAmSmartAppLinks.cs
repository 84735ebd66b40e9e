using System.Text;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// Same-device deep links into the iAM Smart app (contract §5.5). Every scheme and function name the SDK assumes is a
/// constant here, in one place, because most are only inferred from public code ([I]); change them here when the
/// official specification says otherwise.
/// </summary>
public static class IAmSmartAppLinks
{
    /// <summary>The URL scheme of the iAM Smart <em>testing</em> app issued for the sandbox (S12, S19, S20).</summary>
    public const string TestingAppScheme = "hk.gov.iamsmart.testapp";

    /// <summary>The URL scheme of the production iAM Smart app. [I]: from the app's declared schemes (S18) and S4's constant.</summary>
    public const string ProductionAppScheme = "hk.gov.iamsmart";

    /// <summary>The login function. [I]: S12.</summary>
    public const string AuthFunction = "auth";

    /// <summary>The profile function: S4 (production).</summary>
    public const string ProfileFunction = "profile";

    /// <summary>The e-ME function. [I]: S4 uses the profile link for it as well.</summary>
    public const string FormFillingFunction = "profile";

    /// <summary>The signing function. [I]: S19 only.</summary>
    public const string SigningFunction = "hash-sign";

    /// <summary>The re-authentication function. [I]: S19 only.</summary>
    public const string ReAuthenticationFunction = "re-auth";

    /// <summary>
    /// The path of a native-app login link (appv2, addendum §A5.1): documented only for the CorpID variant (S1 §1.4.4,
    /// "Service Version V2.0.0"). Whether a login without CorpID uses another path (<c>v2_auth</c>?) is unknown [G]:
    /// change it here when the iAM Smart specification says.
    /// </summary>
    public const string AppLoginFunction = "v2_cauth";

    /// <summary>
    /// The app scheme for an environment: the production app for <see cref="IAmSmartEnvironment.Production"/>, the
    /// testing app for every other (the sandbox and simulator are used with the testing app; a custom host is most
    /// often a proxy to the sandbox [I]).
    /// </summary>
    /// <param name="environment">The environment the client calls.</param>
    public static string SchemeFor(IAmSmartEnvironment environment)
        => environment == IAmSmartEnvironment.Production ? ProductionAppScheme : TestingAppScheme;

    /// <summary>Builds <c>&lt;scheme&gt;://&lt;function&gt;?ticketID=&lt;ticketID&gt;</c> for an environment.</summary>
    /// <param name="environment">The environment whose app should open.</param>
    /// <param name="function">The function whose app link to build (its <see cref="IAmSmartFunction.AppLinkName"/>).</param>
    /// <param name="ticketId">The <c>ticketID</c> an <c>initiateRequest</c> returned with <c>authByQR=false</c>.</param>
    /// <exception cref="ArgumentException">The function opens no app function.</exception>
    public static Uri Create(IAmSmartEnvironment environment, IAmSmartFunction function, string ticketId)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Create(SchemeFor(environment), function.AppLinkName ?? throw new ArgumentException($"{function.Name} has no app link.", nameof(function)), ticketId);
    }

    /// <summary>Builds <c>&lt;scheme&gt;://&lt;function&gt;?ticketID=&lt;ticketID&gt;</c> with an explicit scheme.</summary>
    /// <param name="scheme">The app's URL scheme.</param>
    /// <param name="appFunction">The app function's name, for example <see cref="SigningFunction"/>.</param>
    /// <param name="ticketId">The ticket ID.</param>
    public static Uri Create(string scheme, string appFunction, string ticketId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentException.ThrowIfNullOrWhiteSpace(appFunction);
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        var query = new StringBuilder();
        QueryEncoding.Append(query, "ticketID", ticketId);
        return new Uri($"{scheme}://{appFunction}{query}");
    }
}
