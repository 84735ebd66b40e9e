using System.Globalization;
using System.Security.Claims;
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
        Response.Cookies.Append(Options.StateCookie.Name + login.State, Options.StateDataFormat.Protect(properties), cookie);
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

        var cookieName = Options.StateCookie.Name + callback.State;
        var protectedProperties = Request.Cookies[cookieName];
        if (string.IsNullOrEmpty(protectedProperties))
        {
            return HandleRequestResult.Fail("The iAM Smart login state was not found: the login expired, was completed already, or was started in another browser.");
        }

        Response.Cookies.Delete(cookieName, StateCookieOptions());
        var properties = Options.StateDataFormat.Unprotect(protectedProperties);
        if (properties is null
            || !properties.Items.TryGetValue(StateItem, out var issuedState)
            || issuedState is null
            || !IAmSmartState.FixedTimeEquals(issuedState, callback.State))
        {
            return HandleRequestResult.Fail("The iAM Smart login state cookie is invalid or does not belong to this state.");
        }

        properties.Items.Remove(StateItem);
        if (!ValidateCorrelationId(properties))
        {
            return HandleRequestResult.Fail("Correlation failed: the iAM Smart callback does not belong to a login started in this browser.", properties);
        }

        if (callback.ErrorCode is { } errorCode)
        {
            return await FailWithCodeAsync(errorCode, properties).ConfigureAwait(false);
        }

        if (callback.Code is not { } code)
        {
            return HandleRequestResult.Fail("The iAM Smart callback carries neither a code nor an error_code.", properties);
        }

        AccessToken token;
        try
        {
            token = await _client.Auth.GetTokenAsync(code, Context.RequestAborted).ConfigureAwait(false);
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

    private async Task<HandleRequestResult> FailWithCodeAsync(string errorCode, AuthenticationProperties properties)
    {
        if (!ReturnCodeShape().IsMatch(errorCode))
        {
            // The value comes from the query string: never put an arbitrary one into a message or a log.
            return HandleRequestResult.Fail("The iAM Smart callback carries an error_code that is not an iAM Smart return code.", properties);
        }

        var failure = ReturnCodes.ToException(errorCode, serverMessage: null, txId: null, statusCode: null, operation: "login");
        if (failure is IAmSmartUserOutcomeException { Outcome: UserOutcome.Cancelled or UserOutcome.Rejected } && Options.AccessDeniedPath.HasValue)
        {
            return await HandleAccessDeniedErrorAsync(properties).ConfigureAwait(false);
        }

        return HandleRequestResult.Fail(failure, properties);
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
