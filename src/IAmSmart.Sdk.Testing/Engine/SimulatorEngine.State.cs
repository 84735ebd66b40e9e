using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>What the simulator remembers between calls. Every member is guarded by <c>_state</c>.</summary>
internal sealed partial class SimulatorEngine
{
    // Bounds on what is remembered, so that a long-running host cannot grow without limit.
    private const int MaxEntries = 10_000;

    private readonly Dictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenGrant> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _businessIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SigningRecord> _signings = new(StringComparer.Ordinal);

    private SimulatorPersona? FindPersona(string? id)
        => id is null ? null : _options.Personas.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Records a businessID; a second use gives D20011.</summary>
    private void ClaimBusinessId(string businessId)
    {
        lock (_state)
        {
            if (!_businessIds.Add(businessId))
            {
                throw new SimulatorApiException("D20011", "duplicated businessID");
            }

            TrimIfFull(_businessIds);
        }
    }

    private TokenGrant RequireToken(RequestParameters parameters)
    {
        var accessToken = parameters.Required("accessToken");
        var openId = parameters.Required("openID");
        TokenGrant? grant;
        lock (_state)
        {
            _tokens.TryGetValue(accessToken, out grant);
        }

        if (grant is null || _time.GetUtcNow() >= grant.ExpiresAt)
        {
            throw new SimulatorApiException("D20009", "accessToken not exist or expired");
        }

        if (!string.Equals(grant.OpenId, openId, StringComparison.Ordinal))
        {
            throw new SimulatorApiException("D20010", "openID not exist");
        }

        return grant;
    }

    private static void TrimIfFull<T>(HashSet<T> set)
    {
        if (set.Count > MaxEntries)
        {
            set.Remove(set.First());
        }
    }

    private static void TrimIfFull<TValue>(Dictionary<string, TValue> map)
    {
        if (map.Count > MaxEntries)
        {
            map.Remove(map.Keys.First());
        }
    }

    internal sealed record LoginSession(string Id, Uri RedirectUri, string? State, IReadOnlyList<string> Scopes, string? TicketId, DateTimeOffset CreatedAt);

    internal sealed class CodeGrant(SimulatorPersona persona, IReadOnlyList<string> scopes, string? ticketId, DateTimeOffset issuedAt)
    {
        public SimulatorPersona Persona { get; } = persona;

        public IReadOnlyList<string> Scopes { get; } = scopes;

        public string? TicketId { get; } = ticketId;

        public DateTimeOffset IssuedAt { get; } = issuedAt;

        /// <summary>The verifier a Direct Login v2 to an app handed over with the code; getToken must send it.</summary>
        public string? CodeVerifier { get; init; }

        public bool Used { get; set; }
    }

    internal sealed record TokenGrant(SimulatorPersona Persona, string OpenId, IReadOnlyList<string> Scopes, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? TicketId)
    {
        public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
    }

    /// <summary>An anonymous request waiting for a user to scan its ticket.</summary>
    internal sealed class Ticket(string id, string function, string businessId, JsonObject request, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public string Function { get; } = function;

        public string BusinessId { get; } = businessId;

        public JsonObject Request { get; } = request;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;
    }

    /// <summary>A signing request with login whose result was sent, waiting for ackResult.</summary>
    internal sealed class SigningRecord
    {
        public bool Succeeded { get; set; }

        public string? Acknowledgement { get; set; }
    }
}
