using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>What the simulator remembers between calls. Every member is guarded by <c>_state</c>.</summary>
internal sealed partial class SimulatorEngine
{
    // Bounds on what is remembered, so that a long-running host cannot grow without limit.
    private const int MaxEntries = 10_000;

    // Each keeps the newest MaxEntries: a long test run forgets the oldest sessions, codes and tokens, never new ones.
    private readonly OldestFirstMap<LoginSession> _sessions = new(MaxEntries);
    private readonly OldestFirstMap<CodeGrant> _codes = new(MaxEntries);
    private readonly OldestFirstMap<TokenGrant> _tokens = new(MaxEntries);
    private readonly OldestFirstMap<Ticket> _tickets = new(MaxEntries);
    private readonly OldestFirstMap<bool> _businessIds = new(MaxEntries);
    private readonly OldestFirstMap<SigningRecord> _signings = new(MaxEntries);

    private SimulatorPersona? FindPersona(string? id)
        => id is null ? null : _options.Personas.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Records a businessID; a second use gives D20011.</summary>
    private void ClaimBusinessId(string businessId)
    {
        lock (_state)
        {
            if (!_businessIds.TryAdd(businessId, true))
            {
                throw new SimulatorApiException("D20011", "duplicated businessID");
            }
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
