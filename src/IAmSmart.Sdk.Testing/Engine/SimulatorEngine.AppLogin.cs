using System.Security.Cryptography;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// Logins that do not start in a browser (addendum §A5): the native-app link <c>&lt;scheme&gt;://v2_cauth?…</c>, and
/// Direct Login v2, which the user starts in the app's service catalogue.
/// </summary>
internal sealed partial class SimulatorEngine
{
    /// <summary>Opens an app login link as the iAM Smart app would, lets the persona answer, and returns what the e-service app receives.</summary>
    public AppLoginResult OpenAppLoginLink(Uri link, string personaId, UserAction? action)
    {
        ArgumentNullException.ThrowIfNull(link);
        var persona = FindPersona(personaId) ?? throw new ArgumentException($"No persona has the id '{personaId}'.", nameof(personaId));
        var q = QueryString.Parse(link.Query);
        q.TryGetValue("state", out var stateText);
        var state = string.IsNullOrEmpty(stateText) ? null : stateText;
        try
        {
            if (!string.Equals(link.Scheme, IAmSmartAppLinks.TestingAppScheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(link.Host, IAmSmartAppLinks.AppLoginFunction, StringComparison.OrdinalIgnoreCase))
            {
                throw SimulatorApiException.Invalid("link");
            }

            RequestParameters.CheckIdentifier(state, "state");
            if (!string.Equals(RequiredQuery(q, "clientID"), _options.ClientId, StringComparison.Ordinal))
            {
                throw SimulatorApiException.Invalid("clientID");
            }

            if (RequiredQuery(q, "responseType") != "code")
            {
                throw SimulatorApiException.Invalid("responseType");
            }

            var target = RequiredQuery(q, "source") switch
            {
                "App_Link" => IosTarget(q),
                "App_Package" => AndroidTarget(q),
                _ => throw new SimulatorApiException("D20007", "unsupported source"),
            };
            var scopes = RequiredQuery(q, "scope").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (scopes.Any(s => !_options.ApprovedScopes.Contains(s)))
            {
                throw new SimulatorApiException("D20012", "insufficient scope");
            }

            var chosen = action ?? Script.Resolve(persona, businessId: null).Action;
            if (chosen != UserAction.Approve)
            {
                return new AppLoginResult(target, null, state, ErrorFor(chosen));
            }

            return new AppLoginResult(target, IssueCode(persona, scopes, codeVerifier: null), state, null);
        }
        catch (SimulatorApiException ex)
        {
            return new AppLoginResult(null, null, state, ex.Code);
        }
    }

    /// <summary>Starts a Direct Login v2 from the app's catalogue and returns what the e-service (web endpoint or app) receives.</summary>
    public DirectLoginV2Start StartDirectLoginV2(string personaId, IReadOnlyList<string> scopes, bool toApp, UserAction? action)
    {
        var persona = FindPersona(personaId) ?? throw new ArgumentException($"No persona has the id '{personaId}'.", nameof(personaId));
        var refId = "REF" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var chosen = action ?? Script.Resolve(persona, businessId: null).Action;
        if (chosen != UserAction.Approve)
        {
            return new DirectLoginV2Start(null, null, refId, ErrorFor(chosen));
        }

        // The app variant's verifier is made by iAM Smart and handed to the app with the code (addendum §A5.5).
        var verifier = toApp ? Base64Url(RandomNumberGenerator.GetBytes(30)) : null;
        return new DirectLoginV2Start(IssueCode(persona, scopes, verifier), verifier, refId, null);
    }

    private string IssueCode(SimulatorPersona persona, IReadOnlyList<string> scopes, string? codeVerifier)
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(25)); // with + / = like the real ones (contract §5.3)
        lock (_state)
        {
            _codes[code] = new CodeGrant(persona, scopes, ticketId: null, _time.GetUtcNow()) { CodeVerifier = codeVerifier };
        }

        return code;
    }

    private AppLoginTarget IosTarget(Dictionary<string, string> q)
        => new(CheckUniversalLink(RequiredQuery(q, "clientRedirectURI")), null, null);

    private AppLoginTarget AndroidTarget(Dictionary<string, string> q)
    {
        var package = RequiredQuery(q, "packageName");
        var activity = RequiredQuery(q, "activityClass");
        CheckAndroidApp(package, activity);
        return new AppLoginTarget(null, package, activity);
    }

    /// <summary>
    /// An iOS app's Universal Link, for app login and the appv1 functions alike: absolute HTTPS and registered. The appv1
    /// spec sends it URL-encoded, so an encoded one is decoded first [I].
    /// </summary>
    private Uri CheckUniversalLink(string text)
    {
        var decoded = text.StartsWith("https%3A", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(text) : text;
        return Uri.TryCreate(decoded, UriKind.Absolute, out var universalLink) && universalLink.Scheme == Uri.UriSchemeHttps && IsRegistered(universalLink)
            ? universalLink
            : throw new SimulatorApiException("D20008", "invalid e-service url");
    }

    /// <summary>An Android app's package and activity, for app login and the appv1 functions alike: registered.</summary>
    private void CheckAndroidApp(string package, string activity)
    {
        if (!_options.RegisteredAndroidApps.Contains($"{package}/{activity}"))
        {
            // Package and activity "must be registered in the self-service portal" (addendum §A5.2); the code is [G].
            throw new SimulatorApiException("D20008", "invalid e-service app");
        }
    }

    private static string ErrorFor(UserAction action) => action switch
    {
        UserAction.Cancel => "D40000",
        UserAction.Reject => "D40001",
        _ => "D40003",
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
