namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The rule for every URI the e-service gives iAM Smart to send a browser or a callback to: absolute, no fragment, and
/// HTTPS, except plain HTTP on a loopback address for the simulator and custom environments (local development).
/// </summary>
internal static class RedirectUriRules
{
    public static void Validate(Uri? uri, IAmSmartEnvironment environment, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(uri, parameterName);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException($"{parameterName} must be an absolute URI; got a relative one.", parameterName);
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"{parameterName} must not have a fragment (#…).", parameterName);
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return;
        }

        var localAllowed = environment is IAmSmartEnvironment.Simulator or IAmSmartEnvironment.Custom;
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && localAllowed)
        {
            return;
        }

        throw new ArgumentException(
            localAllowed
                ? $"{parameterName} must be HTTPS, or plain HTTP on a loopback address (localhost, 127.0.0.1, [::1]); got scheme '{uri.Scheme}'."
                : $"{parameterName} must be HTTPS in the {environment} environment (got scheme '{uri.Scheme}'); iAM Smart accepts only registered HTTPS URLs there. Plain HTTP on loopback is allowed only for the Simulator and Custom environments.",
            parameterName);
    }

    /// <summary>
    /// The production client S4 URL-encodes <c>redirectURI</c> inside JSON bodies; the CorpID samples do not (contract §6,
    /// §18 item 7) [I]. This one constant decides it for every JSON body the SDK sends.
    /// </summary>
    public const bool UrlEncodeInJsonBodies = true;

    /// <summary>The <c>redirectURI</c> value for a JSON request body.</summary>
    public static string ForJsonBody(Uri uri) => UrlEncodeInJsonBodies ? QueryEncoding.Encode(uri.AbsoluteUri) : uri.AbsoluteUri;
}
