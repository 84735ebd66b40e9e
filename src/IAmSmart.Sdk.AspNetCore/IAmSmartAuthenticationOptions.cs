using IAmSmart.Sdk.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace IAmSmart.Sdk.AspNetCore;

/// <summary>Settings of the iAM Smart authentication handler. The iAM Smart client itself is set up with <c>services.AddIAmSmart(…)</c>.</summary>
public sealed class IAmSmartAuthenticationOptions : RemoteAuthenticationOptions
{
    /// <summary>Creates the options with their defaults.</summary>
    public IAmSmartAuthenticationOptions()
    {
        CallbackPath = IAmSmartAuthenticationDefaults.CallbackPath;
        Events = new RemoteAuthenticationEvents();
        StateCookie = new CookieBuilder
        {
            Name = ".AspNetCore.IAmSmart.",
            HttpOnly = true,
            // The redirect back from iAM Smart is a top-level GET from another site: Lax cookies travel with it.
            SameSite = SameSiteMode.Lax,
            SecurePolicy = CookieSecurePolicy.Always,
            IsEssential = true,
        };
    }

    /// <summary>The scopes to ask for. Default: <see cref="IAmSmartScope.Auth"/>, which login needs.</summary>
    public IList<IAmSmartScope> Scopes { get; } = [IAmSmartScope.Auth];

    /// <summary>The language of iAM Smart's pages; when <see langword="null"/>, iAM Smart's default (zh-HK).</summary>
    public IAmSmartLanguage? Language { get; set; }

    /// <summary>The source to send; when <see langword="null"/> (the default), detected from the request's User-Agent.</summary>
    public IAmSmartSource? Source { get; set; }

    /// <summary>Whether to ask for the broker page; when <see langword="null"/> (the default), for every source but <c>PC_Browser</c>.</summary>
    public bool? BrokerPage { get; set; }

    /// <summary>
    /// Whether the code exchange (<c>getToken</c>) carries the end user's IP address as <c>x-forwarded-for</c>
    /// (addendum §A7), taken from <c>HttpContext.Connection.RemoteIpAddress</c> of the callback request, as
    /// <see cref="IAmSmartEndUserExtensions.ForEndUser(IAmSmartClient, Microsoft.AspNetCore.Http.HttpContext)"/> does.
    /// Default <see langword="false"/>: no iAM Smart document asks for the header [I]. Behind a reverse proxy, configure
    /// the forwarded-headers middleware with your known proxies first, or the proxy's address is sent.
    /// </summary>
    public bool SendEndUserIp { get; set; }

    /// <summary>
    /// Protects the authentication properties (return URL, correlation id) kept in the state cookie between the challenge
    /// and the callback. iAM Smart's <c>state</c> is at most 36 characters, too short to carry them, so the wire state is
    /// a short random key and the properties travel in the state cookie, bound to it. Default: ASP.NET Core data protection.
    /// </summary>
    public ISecureDataFormat<AuthenticationProperties> StateDataFormat { get; set; } = null!;

    /// <summary>
    /// The cookie that holds the protected properties; its name is this prefix followed by the scheme name (default
    /// <c>.AspNetCore.IAmSmart.IAmSmart</c>). There is one per scheme: a new login in the same browser replaces the
    /// previous one, whose callback then fails as "does not belong to this state".
    /// </summary>
    public CookieBuilder StateCookie { get; set; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (!Scopes.Contains(IAmSmartScope.Auth))
        {
            throw new ArgumentException($"IAmSmartAuthenticationOptions.Scopes must include {IAmSmartScope.Auth} to log users in.", nameof(Scopes));
        }

        if (string.IsNullOrEmpty(StateCookie?.Name))
        {
            throw new ArgumentException("IAmSmartAuthenticationOptions.StateCookie.Name must be set.", nameof(StateCookie));
        }
    }
}
