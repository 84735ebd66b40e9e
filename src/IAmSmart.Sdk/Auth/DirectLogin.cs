namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The request the iAM Smart app makes to the e-service's registered "get state" URL when a user starts a Direct Login
/// from the app's service catalogue (v1, contract §5.6): query <c>redirectURI</c>, and possibly <c>clientID</c>,
/// <c>scope</c> and <c>eserviceName</c>. The e-service answers with a redirect made by
/// <see cref="IAmSmartAuthClient.CreateDirectLoginRedirect"/>; iAM Smart then sends the browser to the normal login
/// callback with <c>code</c> and <c>state</c>.
/// </summary>
public sealed class DirectLoginStateRequest
{
    private DirectLoginStateRequest(Uri redirectUri, string? clientId, string? scope, string? eserviceName)
    {
        RedirectUri = redirectUri;
        ClientId = clientId;
        Scope = scope;
        EserviceName = eserviceName;
    }

    /// <summary>The iAM Smart URL to send the browser back to with the state.</summary>
    public Uri RedirectUri { get; }

    /// <summary>The client ID the app names, if any.</summary>
    public string? ClientId { get; }

    /// <summary>The space-delimited scopes, if any, exactly as received.</summary>
    public string? Scope { get; }

    /// <summary>The e-service name, if any, exactly as received.</summary>
    public string? EserviceName { get; }

    /// <summary>Parses the raw query of the "get state" request.</summary>
    /// <param name="rawQuery">The query with or without its leading <c>?</c>, or the whole URL.</param>
    /// <exception cref="ArgumentException">There is no absolute <c>redirectURI</c>, or a parameter appears twice.</exception>
    public static DirectLoginStateRequest Parse(string? rawQuery)
    {
        var values = QueryEncoding.Parse(rawQuery, nameof(rawQuery));
        if (!values.TryGetValue(DirectLoginNames.RedirectUri, out var redirect) || !Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri))
        {
            throw new ArgumentException($"The Direct Login request has no absolute '{DirectLoginNames.RedirectUri}' parameter.", nameof(rawQuery));
        }

        // S4 reads "ClientID"; the redirect it builds says "clientID" [I]: accept both.
        var clientId = values.GetValueOrDefault(DirectLoginNames.ClientId) ?? values.GetValueOrDefault(DirectLoginNames.ClientIdAlternative);
        return new DirectLoginStateRequest(redirectUri, clientId, values.GetValueOrDefault(DirectLoginNames.Scope), values.GetValueOrDefault(DirectLoginNames.EserviceName));
    }
}

/// <summary>The query names of Direct Login v1, in one place: they come from one implementation (S4) [I].</summary>
internal static class DirectLoginNames
{
    public const string RedirectUri = "redirectURI";
    public const string ClientId = "clientID";
    public const string ClientIdAlternative = "ClientID";
    public const string Scope = "scope";
    public const string EserviceName = "eserviceName";
    public const string State = "state";
}
