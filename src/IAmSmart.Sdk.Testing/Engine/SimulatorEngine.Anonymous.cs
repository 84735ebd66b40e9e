using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// The anonymous flows: initiate (a ticket), the user scans it on the login page, the browser returns with a code,
/// getToken, then getResult (contract §9.1, §12.3). Who the user is becomes known only at the scan, so the signer checks
/// (D70004, D70005) are made at getResult.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private const string AnonymousEMeFunction = "anonymous/eme";
    private const string AnonymousSigningFunction = "anonymous/signing";
    private const string AnonymousPdfSigningFunction = "anonymous/pdfsigning";

    private JsonObject? AnonymousEMe(RequestParameters p)
    {
        var businessId = RequestParameters.CheckBusinessId(p.Required("businessID"));
        CheckFields(p.RequiredList("eMEFields"), EMeFields, "eMEFields");
        RequestParameters.CheckLang(p.Optional("lang"));
        ReadFormDescription(p);
        RequireApprovedScope(IAmSmartFunctions.EMe.RequiredScope!.Value.Value); // anonymous e-ME logs the user in for the e-ME scope
        ClaimBusinessId(businessId);
        return new JsonObject { ["ticketID"] = IssueTicket(AnonymousEMeFunction, businessId, p.Json, _options.TicketLifetime) };
    }

    private JsonObject? AnonymousHashSigning(RequestParameters p)
    {
        var (businessId, hashCode) = ReadAnonymousSigning(p, "hashCode", 0);
        var ticketId = IssueTicket(AnonymousSigningFunction, businessId, p.Json, _options.AnonymousSigningTicketLifetime);
        return new JsonObject
        {
            ["signCode"] = SignCode.Anonymous(hashCode, p.Required("HKICHash"), _options.ClientId),
            ["ticketID"] = ticketId,
        };
    }

    private JsonObject? AnonymousPdfSigning(RequestParameters p)
    {
        var (businessId, docDigest) = ReadAnonymousSigning(p, "docDigest", 32);
        var ticketId = IssueTicket(AnonymousPdfSigningFunction, businessId, p.Json, _options.AnonymousSigningTicketLifetime);
        return new JsonObject
        {
            ["signCode"] = SignCode.Anonymous(docDigest, p.Required("HKICHash"), _options.ClientId),
            ["authByQR"] = p.Required("source") == "PC_Browser",
            ["ticketID"] = ticketId,
        };
    }

    private JsonObject? AnonymousEMeResult(RequestParameters p)
    {
        var (token, ticket) = RequireTicketToken(p, AnonymousEMeFunction);
        var fields = new RequestParameters(ticket.Request).RequiredList("eMEFields");
        var result = Select(token.Persona, fields);
        result.Insert(0, "businessID", ticket.BusinessId);
        return result;
    }

    private JsonObject? AnonymousHashSigningResult(RequestParameters p)
    {
        var (token, ticket) = RequireTicketToken(p, AnonymousSigningFunction);
        var request = new RequestParameters(ticket.Request);
        CheckSigner(token.Persona, request.Required("HKICHash"));
        ThrowIfStepUpFails(token.Persona, request);
        var hashCode = request.Required("hashCode");
        var result = SignHash(token.Persona, hashCode, RequestParameters.DecodeBase64(hashCode, "hashCode"), "SHA256withRSA");
        result.Insert(0, "businessID", ticket.BusinessId);
        return result;
    }

    private JsonObject? AnonymousPdfSigningResult(RequestParameters p)
    {
        var (token, ticket) = RequireTicketToken(p, AnonymousPdfSigningFunction);
        var request = new RequestParameters(ticket.Request);
        CheckSigner(token.Persona, request.Required("HKICHash"));
        ThrowIfStepUpFails(token.Persona, request);
        var docDigest = request.Required("docDigest");
        var result = SignPdf(token.Persona, docDigest, RequestParameters.DecodeBase64(docDigest, "docDigest", 32));
        result.Insert(0, "businessID", ticket.BusinessId);
        return result;
    }

    private (string BusinessId, string Digest) ReadAnonymousSigning(RequestParameters p, string digestName, int digestLength)
    {
        var businessId = RequestParameters.CheckBusinessId(p.Required("businessID"));
        var source = p.Required("source");
        var redirectText = p.Required("redirectURI");
        var digest = p.Required(digestName);
        p.Required("HKICHash"); // mandatory without login (contract §12.3)
        RequestParameters.CheckIdentifier(p.Optional("state"), "state");
        ReadSigningDescription(p);
        ReadStepUp(p); // refuse a malformed step-up at once; it is applied when the user signs, at getResult
        RequestParameters.DecodeBase64(digest, digestName, digestLength);
        RequireApprovedScope(IAmSmartFunctions.HashSigning.RequiredScope!.Value.Value); // anonymous signing logs the user in for the signing scope
        CheckRedirect(redirectText);
        RequestParameters.CheckSource(source);
        ClaimBusinessId(businessId);
        return (businessId, digest);
    }

    /// <summary>Who signs is known only at the ticket login, so the step-up result is getResult's code [I: addendum §A2.4].</summary>
    private static void ThrowIfStepUpFails(SimulatorPersona persona, RequestParameters request)
    {
        if (CheckStepUp(persona, ReadStepUp(request)) is { } failure)
        {
            throw failure;
        }
    }

    private void RequireApprovedScope(string scope)
    {
        if (!_options.ApprovedScopes.Contains(scope))
        {
            throw new SimulatorApiException("D20012", "insufficient scope");
        }
    }

    private string IssueTicket(string function, string businessId, JsonObject request, TimeSpan lifetime)
    {
        var ticket = new Ticket(Guid.NewGuid().ToString("N"), function, businessId, (JsonObject)request.DeepClone(), _time.GetUtcNow() + lifetime);
        lock (_state)
        {
            _tickets[ticket.Id] = ticket;
        }

        return ticket.Id;
    }

    private (TokenGrant Token, Ticket Ticket) RequireTicketToken(RequestParameters p, string function)
    {
        var token = RequireToken(p);
        Ticket? ticket = null;
        lock (_state)
        {
            if (token.TicketId is not null)
            {
                _tickets.TryGetValue(token.TicketId, out ticket);
            }
        }

        // A token from an ordinary login, or from another anonymous function, carries no such result [I: the real code is unknown].
        return ticket is not null && ticket.Function == function ? (token, ticket) : throw SimulatorApiException.Invalid("accessToken");
    }
}
