using System.Text.Json.Nodes;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// The app variants of the signing initiate calls (<c>/api/appv1/…</c>, addendum §A5.3, §A4.3): the request is started
/// from the e-service's own native app, so it names the app to hand the user back to and the server callback apart. The
/// sandbox itself does not simulate these functions [C-doc]; the rules below are [I], from the CorpID specification:
/// <list type="bullet">
/// <item><c>source</c> is <c>App_Link</c> (iOS) or <c>App_Package</c> (Android); any other is D20007, as an unknown source.</item>
/// <item><c>App_Link</c> needs <c>clientRedirectURI</c>, an absolute HTTPS URL (URL-encoded or not); <c>App_Package</c>
/// needs <c>packageName</c> and <c>activityClass</c>; each is missing (D20001) without them. As for app login, the link or
/// the package/activity pair must be registered (D20008). A field of the other platform is an invalid parameter (D20003).</item>
/// <item><c>serverRedirectURI</c> is required and is where the callbacks go; without it the request is missing a mandatory
/// parameter (D20001), also when <c>redirectURI</c> is sent instead. Both together: <c>redirectURI</c> is invalid (D20003).</item>
/// </list>
/// Everything else is the web function's: the request is handed on to it with <c>serverRedirectURI</c> as its
/// <c>redirectURI</c>, so the checks, the consent, the callbacks and their kind are exactly the web one's.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private const string AppLinkSource = "App_Link";
    private const string AppPackageSource = "App_Package";

    private JsonObject? AppHashSigning(RequestParameters p) => HashSigning(AsWebRequest(p));

    private JsonObject? AppPdfSigning(RequestParameters p) => PdfSigning(AsWebRequest(p));

    private JsonObject? AppBulkSigning(RequestParameters p) => BulkSigning(AsWebRequest(p));

    /// <summary>Checks the app rules and returns the request as its web function reads it.</summary>
    private RequestParameters AsWebRequest(RequestParameters p)
    {
        var serverRedirect = p.Required("serverRedirectURI");
        if (p.Json.ContainsKey("redirectURI"))
        {
            throw SimulatorApiException.Invalid("redirectURI");
        }

        var source = p.Required("source");
        switch (source)
        {
            case AppLinkSource:
                RefuseFields(p, "packageName", "activityClass", "activityParams");
                CheckUniversalLink(p.Required("clientRedirectURI"));
                break;
            case AppPackageSource:
                RefuseFields(p, "clientRedirectURI");
                CheckAndroidApp(p.Required("packageName", 255), p.Required("activityClass", 255));
                p.Optional("activityParams");
                break;
            default:
                throw new SimulatorApiException("D20007", "unsupported source");
        }

        var web = p.Json.DeepClone().AsObject();
        foreach (var name in (string[])["serverRedirectURI", "clientRedirectURI", "packageName", "activityClass", "activityParams"])
        {
            web.Remove(name);
        }

        web["redirectURI"] = serverRedirect;
        return new RequestParameters(web);
    }

    private static void RefuseFields(RequestParameters p, params string[] names)
    {
        foreach (var name in names)
        {
            if (p.Json.ContainsKey(name))
            {
                throw SimulatorApiException.Invalid(name);
            }
        }
    }
}
