using System.Text;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// Login with iAM Smart: build the login URL (getQR), exchange the authorisation code for an access token, ask a
/// logged-in user to re-authenticate (step-up), and answer Direct Login from the iAM Smart app.
/// </summary>
public class IAmSmartAuthClient
{
    private readonly IAmSmartTransport _transport;
    private readonly IAmSmartOptions _options;
    private readonly PendingOperations _operations;

    internal IAmSmartAuthClient(IAmSmartTransport transport, IAmSmartOptions options, PendingOperations operations)
    {
        _transport = transport;
        _options = options;
        _operations = operations;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartAuthClient()
    {
        _transport = null!;
        _options = null!;
        _operations = null!;
    }

    /// <summary>
    /// Builds the URL to send the user's browser to (<c>GET auth/getQR</c>, contract §5.1). Parameters in S4's order
    /// (<c>clientID, source, responseType, redirectURI, scope, state, [ticketID], [lang], brokerPage</c>), percent-encoded
    /// with uppercase <c>%XX</c> and spaces as <c>%20</c>. Keep <see cref="LoginUrl.State"/> to check the redirect back.
    /// </summary>
    /// <param name="request">What to ask for.</param>
    /// <exception cref="ArgumentException">A value is invalid; the message names it.</exception>
    public virtual LoginUrl CreateLoginUrl(LoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RedirectUriRules.Validate(request.RedirectUri, _options.Environment, $"{nameof(LoginRequest)}.{nameof(LoginRequest.RedirectUri)}");
        var scope = JoinScopes(request.Scopes, $"{nameof(LoginRequest)}.{nameof(LoginRequest.Scopes)}");
        var state = request.State ?? IAmSmartState.Generate();
        IAmSmartState.ThrowIfMalformed(state, $"{nameof(LoginRequest)}.{nameof(LoginRequest.State)}");
        if (request.TicketId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(request.TicketId, $"{nameof(LoginRequest)}.{nameof(LoginRequest.TicketId)}");
        }

        var sourceName = $"{nameof(LoginRequest)}.{nameof(LoginRequest.Source)}";
        var source = ResolveSource(request.Source, request.UserAgent, sourceName);
        if (source.IsApp)
        {
            throw new ArgumentException(
                $"{sourceName} is {source.Value}, an e-service app source, which the browser login (getQR) does not accept (iAM Smart would answer D20007): a native app logs in with CreateAppLoginLink; a page inside the iAM Smart app uses IAmSmartSource.ForIAmSmartInAppBrowser.",
                sourceName);
        }

        var brokerPage = request.BrokerPage ?? DefaultBrokerPage(source);

        var query = new StringBuilder();
        QueryEncoding.Append(query, "clientID", _options.ClientId);
        QueryEncoding.Append(query, "source", source.Value);
        QueryEncoding.Append(query, "responseType", "code");
        QueryEncoding.Append(query, "redirectURI", request.RedirectUri.AbsoluteUri);
        QueryEncoding.Append(query, "scope", scope);
        QueryEncoding.Append(query, "state", state);
        if (request.TicketId is not null)
        {
            QueryEncoding.Append(query, "ticketID", request.TicketId);
        }

        if (_options.Language(request.Language) is { } language)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(language.Value, $"{nameof(LoginRequest)}.{nameof(LoginRequest.Language)}");
            QueryEncoding.Append(query, "lang", language.Value);
        }

        QueryEncoding.Append(query, "brokerPage", brokerPage ? "true" : "false");
        var url = new Uri(IAmSmartFunctions.GetQr.ResolveUri(_options.ResolveApiBase()).AbsoluteUri + query);
        return new LoginUrl(url, state, source, brokerPage);
    }

    /// <summary>
    /// Exchanges an authorisation code (from the login redirect) for an access token (<c>auth/getToken</c>). The code is
    /// single-use and expires about 30 s after issue, so call this at once; it is never retried automatically.
    /// </summary>
    /// <param name="code">The <c>code</c> query value exactly as received: not decoded twice, <c>+</c> kept.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IAmSmartExpiredException">The code was used already or expired (D40004).</exception>
    public virtual Task<AccessToken> GetTokenAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return GetTokenCoreAsync(new GetTokenRequest { Code = code }, cancellationToken);
    }

    /// <summary>
    /// Exchanges the code of a Direct Login v2 callback (<c>?code=…&amp;RefID=…</c>) for an access token, with the body
    /// the SDK chose among the disagreeing sources (addendum §A5.6): <c>isDirectLoginV2: "true"</c> [I].
    /// </summary>
    /// <param name="code">The <c>code</c> query value exactly as received.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<AccessToken> GetDirectLoginV2TokenAsync(string code, CancellationToken cancellationToken = default)
        => GetTokenAsync(DirectLoginV2Callback.FromValues(code, codeVerifier: null), cancellationToken);

    /// <summary>
    /// Exchanges the code of a Direct Login v2, web or app (addendum §A5.4–§A5.6), for an access token: <c>getToken</c>
    /// with <c>isDirectLoginV2: "true"</c>, and the app's <c>code_verifier</c> when it has one [I]. There is no state to
    /// check; accept the callback only on the endpoint registered for Direct Login.
    /// </summary>
    /// <param name="callback">The parsed callback, or the values the app forwarded.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The callback carries no code (the user declined, or iAM Smart sent an <c>error_code</c>).</exception>
    /// <exception cref="IAmSmartExpiredException">The code was used already or expired (D40004).</exception>
    public virtual async Task<AccessToken> GetTokenAsync(DirectLoginV2Callback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.IsSuccess)
        {
            throw new ArgumentException($"The Direct Login v2 callback carries no code to exchange (error_code {callback.ErrorCode ?? "none"}).", nameof(callback));
        }

        return await GetTokenCoreAsync(DirectLoginV2Token.Create(callback.Code!, callback.CodeVerifier), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the link with which the e-service's native app opens the iAM Smart app to log the user in on the same
    /// phone (appv2, addendum §A5.1): <c>&lt;scheme&gt;://v2_cauth?clientID, responseType, source,
    /// clientRedirectURI | packageName, activityClass[, activityParams], scope[, state]</c>, with the testing app's scheme
    /// outside production. Make it on the back end and hand the link to the app; keep <see cref="AppLoginLink.State"/>.
    /// </summary>
    /// <param name="request">The app and what to ask for.</param>
    /// <exception cref="ArgumentException">A value is invalid, or not exactly one platform is set; the message names it.</exception>
    public virtual AppLoginLink CreateAppLoginLink(AppLoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scope = JoinScopes(request.Scopes, $"{nameof(AppLoginRequest)}.{nameof(AppLoginRequest.Scopes)}");
        var state = request.State ?? IAmSmartState.Generate();
        IAmSmartState.ThrowIfMalformed(state, $"{nameof(AppLoginRequest)}.{nameof(AppLoginRequest.State)}");
        var target = AppLoginRules.ForLogin(request, _options.Environment);
        var source = target.Source;
        var query = new StringBuilder();
        QueryEncoding.Append(query, "clientID", _options.ClientId);
        QueryEncoding.Append(query, "responseType", "code");
        QueryEncoding.Append(query, "source", source.Value);
        if (target.IosUniversalLink is { } universalLink)
        {
            QueryEncoding.Append(query, "clientRedirectURI", universalLink.AbsoluteUri);
        }
        else
        {
            QueryEncoding.Append(query, "packageName", target.AndroidPackageName!);
            QueryEncoding.Append(query, "activityClass", target.AndroidActivityClass!);
            if (target.AndroidActivityParams is { } activityParams)
            {
                QueryEncoding.Append(query, "activityParams", activityParams);
            }
        }

        QueryEncoding.Append(query, "scope", scope);
        QueryEncoding.Append(query, "state", state);
        var url = new Uri($"{IAmSmartAppLinks.SchemeFor(_options.Environment)}://{IAmSmartAppLinks.AppLoginFunction}{query}");
        return new AppLoginLink(url, state, source);
    }

    /// <summary>
    /// Asks a logged-in user to re-authenticate in the iAM Smart app (<c>account/stepup/initiateRequest</c>, contract §6)
    /// and returns the operation: it begins and stores the operation (with the request's ids when set, else new ones),
    /// sends the request and forgets the operation again if the request fails. Show the QR code or open
    /// <see cref="StepUpInitiation.AppLink"/>, then <see cref="IAmSmartOperation{T}.WaitForCompletionAsync"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid, or the <c>businessID</c> is pending already; the message names it. Nothing was sent.</exception>
    /// <exception cref="IAmSmartException">A configuration, expiry or service failure; nothing is left pending.</exception>
    public virtual async Task<StepUpOperation> StartStepUpAsync(StepUpRequest request, CancellationToken cancellationToken = default)
    {
        var send = PrepareStepUp(request, idsOptional: true);
        var (businessId, initiation) = await _operations.StartAsync(IAmSmartFunctions.StepUp, request.BusinessId, request.State, send, cancellationToken).ConfigureAwait(false);
        return new StepUpOperation(businessId, initiation, _operations);
    }

    /// <summary>Resumes, on any instance sharing the operation store, a re-authentication started with <see cref="StartStepUpAsync"/>.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">No step-up operation with this <c>businessID</c> is pending (never started, expired, or of another kind).</exception>
    public virtual async Task<StepUpOperation> ResumeStepUpAsync(string businessId, CancellationToken cancellationToken = default)
    {
        await _operations.RequireAsync(IAmSmartFunctions.StepUp, businessId, cancellationToken).ConfigureAwait(false);
        return new StepUpOperation(businessId, initiation: null, _operations);
    }

    /// <summary>
    /// The lower-level form of <see cref="StartStepUpAsync"/>, for a caller that manages the operation itself: start it
    /// first (<c>client.Operations.BeginAsync(IAmSmartFunctions.StepUp)</c>) and pass its ids; the result comes by
    /// callback: read it with <see cref="StepUpResult.FromCallback"/>.
    /// </summary>
    /// <param name="request">The request, with <see cref="StepUpRequest.BusinessId"/> and <see cref="StepUpRequest.State"/> set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">A value is invalid or missing; the message names it.</exception>
    public virtual Task<StepUpInitiation> InitiateStepUpAsync(StepUpRequest request, CancellationToken cancellationToken = default)
        => PrepareStepUp(request, idsOptional: false)(request.BusinessId!, request.State!, cancellationToken);

    // Validates at once (nothing is stored or sent for a bad request) and returns the call to make with the operation's ids.
    private Func<string, string, CancellationToken, Task<StepUpInitiation>> PrepareStepUp(StepUpRequest request, bool idsOptional)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.AccessToken, $"{nameof(StepUpRequest)}.{nameof(StepUpRequest.AccessToken)}");
        RedirectUriRules.Validate(request.CallbackUri, _options.Environment, $"{nameof(StepUpRequest)}.{nameof(StepUpRequest.CallbackUri)}");
        if (!idsOptional || request.BusinessId is not null)
        {
            IAmSmartState.ThrowIfMalformedBusinessId(request.BusinessId, $"{nameof(StepUpRequest)}.{nameof(StepUpRequest.BusinessId)}");
        }

        if (!idsOptional || request.State is not null)
        {
            IAmSmartState.ThrowIfMalformed(request.State, $"{nameof(StepUpRequest)}.{nameof(StepUpRequest.State)}");
        }

        var source = ResolveSource(request.Source, request.UserAgent, $"{nameof(StepUpRequest)}.{nameof(StepUpRequest.Source)}");
        return async (businessId, state, cancellationToken) =>
        {
            var content = await _transport.SendAsync(
                IAmSmartFunctions.StepUp,
                new StepUpWireRequest
                {
                    OpenId = request.AccessToken.OpenId,
                    AccessToken = request.AccessToken.Token,
                    BusinessId = businessId,
                    Source = source.Value,
                    RedirectUri = RedirectUriRules.ForJsonBody(request.CallbackUri),
                    State = state,
                    Lang = _options.Language(request.Language)?.Value,
                },
                AuthJsonContext.Default.StepUpWireRequest,
                AuthJsonContext.Default.InitiationContent,
                cancellationToken).ConfigureAwait(false);

            var ticket = string.IsNullOrEmpty(content.TicketId) ? null : content.TicketId;
            var appLink = ticket is null ? null : IAmSmartAppLinks.Create(_options.Environment, IAmSmartFunctions.StepUp, ticket);
            return new StepUpInitiation(content.AuthByQr, ticket, appLink, businessId);
        };
    }

    /// <summary>
    /// Answers the iAM Smart app's Direct Login "get state" request (v1, contract §5.6): returns the redirect
    /// <c>redirectURI?state=…&amp;clientID=…[&amp;scope=…][&amp;eserviceName=…]</c> and the state to remember (for
    /// example in a cookie) and check on the login callback. The <c>redirectURI</c> must point at the configured iAM
    /// Smart host, so that the endpoint cannot be used as an open redirect [I].
    /// </summary>
    /// <param name="request">The parsed "get state" request.</param>
    /// <param name="state">The state to send; when <see langword="null"/> a new one is generated.</param>
    /// <exception cref="ArgumentException">The redirect URI is not iAM Smart's, or the request names another client ID.</exception>
    public virtual DirectLoginRedirect CreateDirectLoginRedirect(DirectLoginStateRequest request, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameter = $"{nameof(DirectLoginStateRequest)}.{nameof(DirectLoginStateRequest.RedirectUri)}";
        RedirectUriRules.Validate(request.RedirectUri, _options.Environment, parameter);
        var iamSmartHost = _options.ResolveBaseUrl();
        if (!string.Equals(request.RedirectUri.Host, iamSmartHost.Host, StringComparison.OrdinalIgnoreCase) || request.RedirectUri.Port != iamSmartHost.Port)
        {
            throw new ArgumentException($"{parameter} must point at the iAM Smart host of the {_options.Environment} environment ({iamSmartHost.Authority}); another host would make this an open redirect.", parameter);
        }

        if (request.ClientId is not null && !string.Equals(request.ClientId, _options.ClientId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{nameof(DirectLoginStateRequest)}.{nameof(DirectLoginStateRequest.ClientId)} names another e-service than the configured IAmSmart:ClientId.", nameof(request));
        }

        state ??= IAmSmartState.Generate();
        IAmSmartState.ThrowIfMalformed(state, nameof(state));
        var query = new StringBuilder(request.RedirectUri.Query);
        QueryEncoding.Append(query, DirectLoginNames.State, state);
        QueryEncoding.Append(query, DirectLoginNames.ClientId, _options.ClientId);
        if (!string.IsNullOrEmpty(request.Scope))
        {
            QueryEncoding.Append(query, DirectLoginNames.Scope, request.Scope);
        }

        if (!string.IsNullOrEmpty(request.EserviceName))
        {
            QueryEncoding.Append(query, DirectLoginNames.EserviceName, request.EserviceName);
        }

        var target = new UriBuilder(request.RedirectUri) { Query = query.ToString().TrimStart('?') }.Uri;
        return new DirectLoginRedirect(target, state);
    }

    private async Task<AccessToken> GetTokenCoreAsync(GetTokenRequest body, CancellationToken cancellationToken)
    {
        var (content, txId) = await _transport.SendWithTxIdAsync(
            IAmSmartFunctions.GetToken,
            body,
            AuthJsonContext.Default.GetTokenRequest,
            AuthJsonContext.Default.TokenContent,
            cancellationToken).ConfigureAwait(false);
        return content.ToAccessToken(txId);
    }

    private static string JoinScopes(IReadOnlyCollection<IAmSmartScope>? scopes, string parameter)
    {
        if (scopes is null || scopes.Count == 0)
        {
            throw new ArgumentException("At least one scope is required; iAM Smart needs eidapi_auth for login.", parameter);
        }

        foreach (var scope in scopes)
        {
            if (string.IsNullOrWhiteSpace(scope.Value) || scope.Value.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"A scope must be a non-empty value without spaces; got '{scope.Value}'.", parameter);
            }
        }

        return string.Join(' ', scopes.Select(s => s.Value).Distinct(StringComparer.Ordinal));
    }

    internal static IAmSmartSource ResolveSource(IAmSmartSource? source, string? userAgent, string parameter)
    {
        if (source is { } given)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(given.Value, parameter);
            return given;
        }

        return IAmSmartSource.FromUserAgent(userAgent);
    }

    // S4 asks for the broker page whenever the source is not PC_Browser; a page already inside the iAM Smart app must not (S6) [I].
    private static bool DefaultBrokerPage(IAmSmartSource source)
        => !source.IsPcBrowser && source != IAmSmartSource.AndroidIAmSmartInAppBrowser && source != IAmSmartSource.IosIAmSmartInAppBrowser;
}

/// <summary>The redirect that answers a Direct Login "get state" request, and the state to remember.</summary>
/// <param name="Url">Where to redirect the browser (HTTP 302).</param>
/// <param name="State">The state sent; keep it and check it on the login callback.</param>
public sealed record DirectLoginRedirect(Uri Url, string State)
{
    /// <summary>A description without the state.</summary>
    public override string ToString() => "DirectLoginRedirect";
}
