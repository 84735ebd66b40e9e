using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Transport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.AspNetCore;

/// <summary>
/// Logs users in with iAM Smart. The challenge redirects the browser to iAM Smart's getQR page with a short random
/// <c>state</c>, the source detected from the User-Agent, and a correlation cookie; the authentication properties wait
/// in a protected cookie named after the state. The callback checks state and correlation, exchanges the code for a
/// token, and signs in a principal: the openID as <see cref="ClaimTypes.NameIdentifier"/>, the user type, the scopes and
/// the token expiry. Cancellation and errors become remote failures that carry an <see cref="IAmSmartException"/>.
/// </summary>
public sealed partial class IAmSmartAuthenticationHandler : RemoteAuthenticationHandler<IAmSmartAuthenticationOptions>
{
    // Ties the protected properties to the state they were issued with.
    private const string StateItem = ".iamsmart.state";

    // Where RemoteAuthenticationHandler keeps the correlation id in the properties.
    private const string CorrelationItem = ".xsrf";

    private readonly IAmSmartClient _client;

    /// <summary>Creates the handler; ASP.NET Core does this per request.</summary>
    /// <param name="options">The handler options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="client">The iAM Smart client.</param>
    public IAmSmartAuthenticationHandler(
        IOptionsMonitor<IAmSmartAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAmSmartClient client)
        : base(options, logger, encoder)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (string.IsNullOrEmpty(properties.RedirectUri))
        {
            properties.RedirectUri = OriginalPathBase + OriginalPath + Request.QueryString;
        }

        // One state cookie and one correlation cookie per scheme: a new login replaces the previous one, so repeated
        // clicks on "log in" cannot grow the Cookie header until the callback is refused with 431.
        GenerateCorrelationId(properties);
        var login = _client.Auth.CreateLoginUrl(new LoginRequest
        {
            RedirectUri = new Uri(BuildRedirectUri(Options.CallbackPath)),
            Scopes = [.. Options.Scopes],
            Source = Options.Source,
            UserAgent = Request.Headers.UserAgent.ToString(),
            BrokerPage = Options.BrokerPage,
            Language = Options.Language,
        });

        properties.Items[StateItem] = login.State;
        var cookie = StateCookieOptions();
        cookie.Expires = TimeProvider.GetUtcNow() + Options.RemoteAuthenticationTimeout;
        Response.Cookies.Append(StateCookieName, Options.StateDataFormat.Protect(properties), cookie);
        Response.Redirect(login.Url.AbsoluteUri);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        AuthCallback callback;
        try
        {
            // The raw query, not Request.Query: form decoding would turn a '+' in the code into a space.
            callback = AuthCallback.Parse(Request.QueryString.Value);
        }
        catch (ArgumentException ex)
        {
            return HandleRequestResult.Fail($"The iAM Smart callback is malformed: {ex.Message}");
        }

        if (!IAmSmartState.IsWellFormed(callback.State))
        {
            return HandleRequestResult.Fail("The iAM Smart callback has no valid state parameter.");
        }

        var protectedProperties = Request.Cookies[StateCookieName];
        if (string.IsNullOrEmpty(protectedProperties))
        {
            return HandleRequestResult.Fail("The iAM Smart login state was not found: the login expired, was completed already, or was started in another browser.");
        }

        var properties = Options.StateDataFormat.Unprotect(protectedProperties);
        if (properties is null
            || !properties.Items.TryGetValue(StateItem, out var issuedState)
            || issuedState is null
            || !IAmSmartState.FixedTimeEquals(issuedState, callback.State))
        {
            // The cookie stays: a link with a made-up state must not cancel the login this browser has under way.
            return HandleRequestResult.Fail("The iAM Smart login state cookie is invalid or does not belong to this state.");
        }

        Response.Cookies.Delete(StateCookieName, StateCookieOptions());

        properties.Items.Remove(StateItem);
        if (!ValidateCorrelationId(properties))
        {
            return HandleRequestResult.Fail("Correlation failed: the iAM Smart callback does not belong to a login started in this browser.", properties);
        }

        // Only now, with the state and correlation checked, is a state-only or D20001 redirect the user's denial
        // (AuthCallback.Outcome is the one place that reads the denial shapes, addendum §A3.5, §A9).
        if (callback.IsDenied)
        {
            return await DenyAsync(callback, properties).ConfigureAwait(false);
        }

        if (callback.ErrorCode is { } errorCode)
        {
            return FailWithCode(errorCode, properties);
        }

        if (callback.Code is not { } code)
        {
            // Unreachable while a redirect without a code or an error code reads as a denial; kept so a change there fails closed.
            return HandleRequestResult.Fail("The iAM Smart callback carries neither a code nor an error_code.", properties);
        }

        AccessToken token;
        try
        {
            var client = Options.SendEndUserIp ? _client.ForEndUser(Context) : _client;
            token = await client.Auth.GetTokenAsync(code, Context.RequestAborted).ConfigureAwait(false);
        }
        catch (IAmSmartException ex)
        {
            return HandleRequestResult.Fail(ex, properties);
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, token.OpenId, ClaimValueTypes.String, ClaimsIssuer));
        identity.AddClaim(new Claim(IAmSmartClaimTypes.UserType, UserTypeValue(token.UserType), ClaimValueTypes.String, ClaimsIssuer));
        foreach (var scope in token.Scopes)
        {
            identity.AddClaim(new Claim(IAmSmartClaimTypes.Scope, scope.Value, ClaimValueTypes.String, ClaimsIssuer));
        }

        identity.AddClaim(new Claim(
            IAmSmartClaimTypes.TokenExpiresAt, token.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), ClaimValueTypes.DateTime, ClaimsIssuer));

        if (Options.SaveTokens)
        {
            properties.StoreTokens(
            [
                new AuthenticationToken { Name = "access_token", Value = token.Token },
                new AuthenticationToken { Name = "token_type", Value = token.TokenType },
                new AuthenticationToken { Name = "expires_at", Value = token.ExpiresAt.ToString("o", CultureInfo.InvariantCulture) },
            ]);
        }

        return HandleRequestResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }

    private static HandleRequestResult FailWithCode(string errorCode, AuthenticationProperties properties)
    {
        if (!ReturnCodeShape().IsMatch(errorCode))
        {
            // The value comes from the query string: never put an arbitrary one into a message or a log.
            return HandleRequestResult.Fail("The iAM Smart callback carries an error_code that is not an iAM Smart return code.", properties);
        }

        return HandleRequestResult.Fail(ReturnCodes.ToException(errorCode, serverMessage: null, txId: null, statusCode: null, operation: "login"), properties);
    }

    /// <summary>
    /// The user denied or cancelled the login: the access-denied path when one is set, otherwise a remote failure carrying
    /// an <see cref="IAmSmartUserOutcomeException"/> with the outcome.
    /// </summary>
    private async Task<HandleRequestResult> DenyAsync(AuthCallback callback, AuthenticationProperties properties)
    {
        if (Options.AccessDeniedPath.HasValue)
        {
            return await HandleAccessDeniedErrorAsync(properties).ConfigureAwait(false);
        }

        // A code whose table entry is the outcome keeps its own message; the denial shapes that are not (a state-only
        // redirect, D20001, which the table knows as "parameter missing") get one that says what the redirect meant.
        var failure = callback.ErrorCode is { } code
            && ReturnCodes.ToException(code, serverMessage: null, txId: null, statusCode: null, operation: "login") is IAmSmartUserOutcomeException known
            ? known
            : new IAmSmartUserOutcomeException("The user denied the iAM Smart login. Offer to start again or another way to proceed.", callback.Outcome!.Value, callback.ErrorCode);
        return HandleRequestResult.Fail(failure, properties);
    }

    private string StateCookieName => Options.StateCookie.Name + Scheme.Name;

    private string CorrelationCookieName => Options.CorrelationCookie.Name + Scheme.Name;

    /// <summary>
    /// Issues the correlation cookie under one name per scheme, holding the nonce, where the framework names a new cookie
    /// after each nonce: every click on "log in" would otherwise add a cookie that lives for the whole remote timeout.
    /// The protection is the same: the callback must come with the nonce sealed in the state cookie's properties.
    /// </summary>
    /// <param name="properties">The properties that will carry the nonce.</param>
    protected override void GenerateCorrelationId(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var nonce = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[CorrelationItem] = nonce;
        Response.Cookies.Append(CorrelationCookieName, nonce, Options.CorrelationCookie.Build(Context, TimeProvider.GetUtcNow()));
    }

    /// <summary>Checks the per-scheme correlation cookie against the nonce in <paramref name="properties"/>, in constant time, and deletes it.</summary>
    /// <param name="properties">The properties from the state cookie.</param>
    /// <returns>Whether this browser started the login.</returns>
    protected override bool ValidateCorrelationId(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.Items.TryGetValue(CorrelationItem, out var nonce) || string.IsNullOrEmpty(nonce))
        {
            return false;
        }

        properties.Items.Remove(CorrelationItem);
        var cookie = Request.Cookies[CorrelationCookieName];
        if (string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        Response.Cookies.Delete(CorrelationCookieName, Options.CorrelationCookie.Build(Context, TimeProvider.GetUtcNow()));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(nonce));
    }

    // Only the callback path ever needs the state cookie.
    private CookieOptions StateCookieOptions()
    {
        var options = Options.StateCookie.Build(Context, TimeProvider.GetUtcNow());
        options.Path = OriginalPathBase + Options.CallbackPath;
        return options;
    }

    private static string UserTypeValue(IAmSmartUserType type) => type switch
    {
        IAmSmartUserType.SigningCapable => "sign",
        IAmSmartUserType.Standard => "default",
        _ => "unknown",
    };

    [GeneratedRegex("^D[0-9]{5}$")]
    private static partial Regex ReturnCodeShape();
}
