using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>Login: the browser leg (<c>auth/getQR</c> and the tester's decision) and <c>auth/getToken</c> (contract §5).</summary>
internal sealed partial class SimulatorEngine
{
    /// <summary>Runs the browser leg without a browser: validates a getQR URL and answers for a persona.</summary>
    public AuthorizationRedirect Authorize(Uri getQrUrl, string personaId, UserAction? action)
    {
        ArgumentNullException.ThrowIfNull(getQrUrl);
        var persona = FindPersona(personaId) ?? throw new ArgumentException($"No persona has the id '{personaId}'.", nameof(personaId));
        var start = StartLogin(getQrUrl.Query);
        if (start.Session is null)
        {
            return start.Redirect ?? new AuthorizationRedirect(null, null, null, start.PageErrorCode, null);
        }

        lock (_state)
        {
            _sessions.Remove(start.Session.Id);
        }

        return Decide(start.Session, persona, action ?? Script.Resolve(persona, businessId: null).Action, persona.LoginDenial);
    }

    private SimulatorResponse LoginPage(string query)
    {
        var start = StartLogin(query);
        if (start.Session is not null)
        {
            return Html(HttpStatusCode.OK, LoginPageHtml.Render(start.Session, _options.Personas));
        }

        return start.Redirect is { Location: { } location }
            ? Redirect(location)
            : Html(HttpStatusCode.BadRequest, LoginPageHtml.RenderError(start.PageErrorCode!, "The redirect URI is missing or not registered for this e-service, so the simulator cannot send you back."));
    }

    /// <summary>
    /// Whether the ticket a login page was opened with has expired since: an anonymous signing ticket lives 12 minutes,
    /// less than the page itself, so a page opened in time must not outlive it.
    /// </summary>
    private bool TicketExpired(string? ticketId)
    {
        if (ticketId is null)
        {
            return false;
        }

        lock (_state)
        {
            return !_tickets.TryGetValue(ticketId, out var ticket) || _time.GetUtcNow() >= ticket.ExpiresAt;
        }
    }

    private SimulatorResponse Decide(ReadOnlySpan<byte> form)
    {
        var fields = QueryString.Parse(Encoding.UTF8.GetString(form));
        fields.TryGetValue("session", out var sessionId);
        fields.TryGetValue("persona", out var personaId);
        fields.TryGetValue("action", out var actionText);
        LoginSession? session = null;
        lock (_state)
        {
            if (sessionId is not null && _sessions.Remove(sessionId, out var found))
            {
                session = found;
            }
        }

        if (session is null || _time.GetUtcNow() - session.CreatedAt > _options.TicketLifetime || TicketExpired(session.TicketId))
        {
            return Html(HttpStatusCode.BadRequest, LoginPageHtml.RenderError("D40004", "This login page was already used or has expired. Start the login again."));
        }

        var persona = FindPersona(personaId);
        (UserAction Action, LoginDenial Denial)? choice = actionText switch
        {
            "approve" => (UserAction.Approve, LoginDenial.ErrorCode),
            "reject" => (UserAction.Reject, LoginDenial.ErrorCode),
            "deny-state-only" => (UserAction.Reject, LoginDenial.StateOnly),
            "deny-d20001" => (UserAction.Reject, LoginDenial.D20001),
            "cancel" => (UserAction.Cancel, LoginDenial.ErrorCode),
            "timeout" => (UserAction.TimeOut, LoginDenial.ErrorCode),
            _ => null,
        };
        if (persona is null || choice is null)
        {
            return Html(HttpStatusCode.BadRequest, LoginPageHtml.RenderError("D20003", "Choose a persona and an action."));
        }

        return Redirect(Decide(session, persona, choice.Value.Action, choice.Value.Denial).Location!);
    }

    private AuthorizationRedirect Decide(LoginSession session, SimulatorPersona persona, UserAction action, LoginDenial denial)
    {
        string? businessId = null;
        if (session.TicketId is not null)
        {
            lock (_state)
            {
                businessId = _tickets.TryGetValue(session.TicketId, out var ticket) ? ticket.BusinessId : null;
            }
        }

        if (action == UserAction.Reject && denial == LoginDenial.StateOnly)
        {
            // "If the user denies it, only the state parameter will be redirected" (addendum §A3.5).
            var stateOnly = session.State is null ? string.Empty : "state=" + Uri.EscapeDataString(session.State);
            return new AuthorizationRedirect(AppendQuery(session.RedirectUri, stateOnly), null, session.State, null, null);
        }

        if (action != UserAction.Approve)
        {
            var error = action switch
            {
                UserAction.Cancel => "D40000",
                UserAction.Reject => denial == LoginDenial.D20001 ? "D20001" : "D40001", // D20001: contract §5.3's denial example
                _ => "D40003",
            };
            return ErrorRedirect(session.RedirectUri, error, session.State);
        }

        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(25)); // with + / = like the real ones (contract §5.3)
        lock (_state)
        {
            _codes[code] = new CodeGrant(persona, session.Scopes, session.TicketId, _time.GetUtcNow());
        }

        var query = new StringBuilder("code=").Append(Uri.EscapeDataString(code));
        if (session.State is not null)
        {
            query.Append("&state=").Append(Uri.EscapeDataString(session.State));
        }

        if (businessId is not null)
        {
            query.Append("&businessID=").Append(Uri.EscapeDataString(businessId));
        }

        return new AuthorizationRedirect(AppendQuery(session.RedirectUri, query.ToString()), code, session.State, null, businessId);
    }

    private LoginStart StartLogin(string query)
    {
        var q = QueryString.Parse(query);
        q.TryGetValue("redirectURI", out var redirectText);
        if (string.IsNullOrEmpty(redirectText))
        {
            return new LoginStart(null, null, "D20001");
        }

        if (!Uri.TryCreate(redirectText, UriKind.Absolute, out var redirect) || !IsRegistered(redirect))
        {
            return new LoginStart(null, null, "D20008");
        }

        q.TryGetValue("state", out var state);
        try
        {
            RequestParameters.CheckIdentifier(string.IsNullOrEmpty(state) ? null : state, "state");
            var clientId = RequiredQuery(q, "clientID");
            if (!string.Equals(clientId, _options.ClientId, StringComparison.Ordinal))
            {
                throw SimulatorApiException.Invalid("clientID");
            }

            if (RequiredQuery(q, "responseType") != "code")
            {
                throw SimulatorApiException.Invalid("responseType");
            }

            // App sources belong to the app link (v2_cauth), not to the browser's getQR (addendum §A5.1).
            if (RequestParameters.CheckSource(RequiredQuery(q, "source")) is "App_Link" or "App_Package" or "App_Scheme")
            {
                throw new SimulatorApiException("D20007", "unsupported source");
            }

            var scopes = RequiredQuery(q, "scope").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (scopes.Any(s => !_options.ApprovedScopes.Contains(s)))
            {
                throw new SimulatorApiException("D20012", "insufficient scope");
            }

            RequestParameters.CheckLang(q.TryGetValue("lang", out var lang) && lang.Length > 0 ? lang : null);
            string? ticketId = q.TryGetValue("ticketID", out var t) && t.Length > 0 ? t : null;
            if (ticketId is not null)
            {
                lock (_state)
                {
                    if (!_tickets.TryGetValue(ticketId, out var ticket) || _time.GetUtcNow() >= ticket.ExpiresAt)
                    {
                        throw SimulatorApiException.Invalid("ticketID");
                    }
                }
            }

            var session = new LoginSession(Guid.NewGuid().ToString("N"), redirect, string.IsNullOrEmpty(state) ? null : state, scopes, ticketId, _time.GetUtcNow());
            lock (_state)
            {
                _sessions[session.Id] = session;
            }

            return new LoginStart(session, null, null);
        }
        catch (SimulatorApiException ex)
        {
            return new LoginStart(null, ErrorRedirect(redirect, ex.Code, string.IsNullOrEmpty(state) ? null : state), null);
        }
    }

    private static string RequiredQuery(Dictionary<string, string> query, string name)
        => !query.TryGetValue(name, out var value) ? throw SimulatorApiException.Missing(name)
            : string.IsNullOrWhiteSpace(value) ? throw SimulatorApiException.Empty(name)
            : value;

    private JsonObject GetToken(RequestParameters parameters)
    {
        var code = parameters.Required("code");
        if (parameters.Required("grantType") != "authorization_code")
        {
            throw SimulatorApiException.Invalid("grantType");
        }

        var now = _time.GetUtcNow();
        CodeGrant? grant;
        lock (_state)
        {
            if (_codes.TryGetValue(code, out grant))
            {
                if (grant.Used || now - grant.IssuedAt > _options.AuthCodeLifetime)
                {
                    grant = null;
                }
                else
                {
                    grant.Used = true; // single use (contract §5.3)
                }
            }
        }

        if (grant is null)
        {
            throw new SimulatorApiException("D40004", "authCode not exist or expired");
        }

        // A Direct Login v2 code given to an app is bound to its verifier (addendum §A5.5); the code for a wrong or
        // missing one is not documented [G]. The flag isDirectLoginV2, when sent, is S5's string "true" (§A5.6).
        if (grant.CodeVerifier is { } verifier
            && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifier), Encoding.UTF8.GetBytes(parameters.Optional("code_verifier") ?? string.Empty)))
        {
            throw SimulatorApiException.Invalid("code_verifier");
        }

        if (parameters.Optional("isDirectLoginV2") is { } flag && flag != "true")
        {
            throw SimulatorApiException.Invalid("isDirectLoginV2");
        }

        var accessToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var openId = grant.Persona.OpenIdFor(_options.ClientId);
        var token = new TokenGrant(grant.Persona, openId, grant.Scopes, now, now + _options.AccessTokenLifetime, grant.TicketId);
        lock (_state)
        {
            _tokens[accessToken] = token;
        }

        return new JsonObject
        {
            ["accessToken"] = accessToken,
            ["tokenType"] = "Bearer",
            ["issueAt"] = now.ToUnixTimeMilliseconds(),
            ["expiresIn"] = (long)_options.AccessTokenLifetime.TotalMilliseconds,
            ["openID"] = openId,
            ["lastModifiedDate"] = 1735689600000L, // 2025-01-01: a fixed, invented date of last change
            ["userType"] = grant.Persona.UserType,
            ["scope"] = string.Join(' ', grant.Scopes),
        };
    }

    private bool IsRegistered(Uri uri)
    {
        var withoutQuery = uri.GetLeftPart(UriPartial.Path);
        foreach (var entry in _options.RegisteredRedirectUris)
        {
            var matches = entry.EndsWith('*')
                ? withoutQuery.StartsWith(entry[..^1], StringComparison.OrdinalIgnoreCase)
                : Uri.TryCreate(entry, UriKind.Absolute, out var registered) && string.Equals(registered.GetLeftPart(UriPartial.Path), withoutQuery, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private static AuthorizationRedirect ErrorRedirect(Uri redirect, string errorCode, string? state)
    {
        var query = "error_code=" + errorCode + (state is null ? string.Empty : "&state=" + Uri.EscapeDataString(state));
        return new AuthorizationRedirect(AppendQuery(redirect, query), null, state, errorCode, null);
    }

    private static Uri AppendQuery(Uri uri, string query)
    {
        if (query.Length == 0)
        {
            return uri;
        }

        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    private static SimulatorResponse Html(HttpStatusCode status, string html)
        => new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    private static SimulatorResponse Redirect(Uri location) => new(HttpStatusCode.Found, null, ReadOnlyMemory<byte>.Empty, location);

    private SimulatorResponse IndexPage()
        => Html(HttpStatusCode.OK, LoginPageHtml.RenderIndex(_options.Personas, _options.ClientId, _options.ContentKeyLifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture)));

    private sealed record LoginStart(LoginSession? Session, AuthorizationRedirect? Redirect, string? PageErrorCode);
}

/// <summary>Query and form parsing as a Java servlet does it: <c>+</c> is a space, <c>%XX</c> is decoded once.</summary>
internal static class QueryString
{
    public static Dictionary<string, string> Parse(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            result.TryAdd(name, value);
        }

        return result;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
