using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// Bulk signing (<c>bdss</c>, addendum §A4): initiate with and without login, the BSQC token (callback, or
/// <c>getBSQCToken</c> after the ticket login), enquireStatus (SS001–SS006), cancelRequest (only while SS001, else
/// D71007), the results as paged <c>multipart/form-data</c> callbacks (parts <c>sigFile</c> and <c>sigMetada</c>,
/// §A3.3, §A4.4) and the per-document ackResult. Every code it answers comes from the SDK's function table.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private const string AnonymousBulkFunction = "bdss/anonymous";

    /// <summary>Most documents per request: "greater than 0 and less than 1001" (addendum §A4.2).</summary>
    private const int MaxBulkDocuments = 1000;

    private readonly OldestFirstMap<BulkRecord> _bulk = new(MaxEntries);

    private JsonObject? BulkSigning(RequestParameters p)
    {
        var function = IAmSmartFunctions.BulkSigning;
        var businessId = RequestParameters.CheckBusinessId(p.Required("businessID"));
        var token = RequireToken(p);
        if (!HasScopeFor(token, function))
        {
            throw new SimulatorApiException("D20012", "insufficient scope");
        }

        var tokenUri = CheckRedirect(p.Required("redirectURI"));
        var source = RequestParameters.CheckSource(p.Required("source"));
        var record = ReadBulk(p, businessId, function);
        Refuse(function, CheckBulkSigner(token.Persona, p.Optional("HKICHash")));
        ClaimBusinessId(businessId);
        record.OpenId = token.OpenId;
        record.Persona = token.Persona;
        lock (_state)
        {
            _bulk[businessId] = record;
        }

        // The BSQC token goes to redirectURI at once (addendum §A3.4); the results once the user has answered.
        var payload = new JsonObject { ["businessID"] = businessId, ["state"] = record.State, ["BSQCToken"] = record.Token };
        Schedule(new PendingCallback(tokenUri, Transport.ReturnCodes.Success, payload, businessId, function.Kind!, _time.GetUtcNow()) { Shape = CallbackShape.BulkToken });
        ScheduleBulkResults(record, function);

        var authByQr = source == "PC_Browser";
        var content = new JsonObject { ["authByQR"] = authByQr };
        if (!authByQr)
        {
            content["ticketID"] = Guid.NewGuid().ToString("N");
        }

        return content;
    }

    private JsonObject? AnonymousBulkSigning(RequestParameters p)
    {
        var businessId = RequestParameters.CheckBusinessId(p.Required("businessID"));
        var record = ReadBulk(p, businessId, IAmSmartFunctions.AnonymousBulkSigning);
        RequireApprovedScope(IAmSmartFunctions.BulkSigning.RequiredScope!.Value.Value); // the ticket login asks for eidapi_bulksign [I]
        ClaimBusinessId(businessId);
        lock (_state)
        {
            _bulk[businessId] = record;
        }

        // The response table says {authByQR, ticketID} (addendum §A4.7); the ticket lives 18 minutes.
        return new JsonObject { ["authByQR"] = false, ["ticketID"] = IssueTicket(AnonymousBulkFunction, businessId, p.Json, _options.TicketLifetime) };
    }

    /// <summary>
    /// The anonymous BSQC token, with the token of the ticket login. Who signs is known only now, so the signer checks
    /// (D71004, D71005) are made here, and the user's answer is scheduled from here [G: S3 does not say when].
    /// </summary>
    private JsonObject? BulkSigningToken(RequestParameters p)
    {
        var function = IAmSmartFunctions.AnonymousBulkSigning;
        var (token, ticket) = RequireTicketToken(p, AnonymousBulkFunction);
        BulkRecord record;
        lock (_state)
        {
            record = _bulk.TryGetValue(ticket.BusinessId, out var found) ? found : throw SimulatorApiException.Invalid("accessToken");
        }

        Refuse(IAmSmartFunctions.BulkSigningToken, CheckBulkSigner(token.Persona, record.HkicHash));
        var schedule = false;
        lock (_state)
        {
            if (record.Persona is null)
            {
                record.Persona = token.Persona;
                record.OpenId = token.OpenId;
                schedule = true;
            }
        }

        if (schedule)
        {
            ScheduleBulkResults(record, function);
        }

        return new JsonObject { ["BSQCToken"] = record.Token };
    }

    private JsonObject? BulkSigningStatus(RequestParameters p)
    {
        var record = RequireBulkToken(p, IAmSmartFunctions.BulkSigningStatus);
        return new JsonObject { ["status"] = StatusOf(record) };
    }

    private JsonObject? BulkSigningCancel(RequestParameters p)
    {
        var function = IAmSmartFunctions.BulkSigningCancel;
        var record = RequireBulkToken(p, function);
        lock (_state)
        {
            if (StatusOf(record) != "SS001")
            {
                Refuse(function, new SimulatorApiException("D71007", "the request to be cancelled is not Pending for Signing"));
            }

            // Cancelled by the e-service: no result follows [G: S3 does not say whether a callback is sent].
            record.Cancelled = true;
            _pending.RemoveAll(c => c.BusinessId == record.BusinessId && c.Shape == CallbackShape.BulkResult);
        }

        return null;
    }

    private JsonObject? BulkSigningAck(RequestParameters p)
    {
        var function = IAmSmartFunctions.BulkSigningAck;
        var businessId = p.Required("businessID", 36);
        var result = p.Json.TryGetPropertyValue("signingResult", out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw SimulatorApiException.Missing("signingResult");
        lock (_state)
        {
            if (!_bulk.TryGetValue(businessId, out var record) || !record.ResultsSent)
            {
                Refuse(function, new SimulatorApiException("D71006", "failed to process signing acknowledgement"));
                return null;
            }

            if (result.Length > 0)
            {
                CheckSigningResult(result, "signingResult");
                foreach (var document in record.Documents)
                {
                    record.Acknowledgements[document.Id] = result;
                }

                return null;
            }

            // An empty signingResult needs signatures: one result per document (addendum §A4.5).
            if (p.Json["signatures"] is not JsonArray signatures || signatures.Count == 0)
            {
                throw SimulatorApiException.Empty("signatures");
            }

            foreach (var item in signatures)
            {
                var id = (string?)item?["id"] ?? throw SimulatorApiException.Missing("signatures.id");
                var documentResult = (string?)item?["signingResult"] ?? throw SimulatorApiException.Missing("signatures.signingResult");
                CheckSigningResult(documentResult, "signatures.signingResult");
                if (!record.Documents.Exists(d => d.Id == id))
                {
                    throw SimulatorApiException.Invalid("signatures.id");
                }

                record.Acknowledgements[id] = documentResult;
            }
        }

        return null;
    }

    /// <summary>The acknowledgement the e-service sent for each document of a bulk request, for tests.</summary>
    public IReadOnlyDictionary<string, string> BulkAcknowledgements(string businessId)
    {
        lock (_state)
        {
            return _bulk.TryGetValue(businessId, out var record) ? new Dictionary<string, string>(record.Acknowledgements, StringComparer.Ordinal) : new Dictionary<string, string>();
        }
    }

    private static void CheckSigningResult(string value, string name)
    {
        if (value is not ("SR001" or "SR002" or "SR003"))
        {
            throw SimulatorApiException.Invalid(name);
        }
    }

    private BulkRecord ReadBulk(RequestParameters p, string businessId, IAmSmartFunction function)
    {
        var state = RequestParameters.CheckIdentifier(p.Optional("state"), "state");
        var resultUri = CheckRedirect(p.Required("callbackResultURI"));
        p.Optional("department", 100);
        p.Required("serviceName", 255);
        p.Required("requestName", 255);
        var hkicHash = p.Optional("HKICHash");
        var max = 1000; // iAM Smart's default maxCallbackSigs (addendum §A4.2)
        if (p.Json.TryGetPropertyValue("maxCallbackSigs", out var maxNode) && maxNode is not null)
        {
            max = maxNode is JsonValue v && v.TryGetValue<int>(out var m) && m is >= 1 and <= MaxBulkDocuments ? m : throw SimulatorApiException.Invalid("maxCallbackSigs");
        }

        var stepUp = ReadStepUp(p);

        // "Array of JSON" in one table, "String (Json)" in two: every sample sends an array, and so does the SDK [I].
        if (!p.Json.TryGetPropertyValue("documents", out var documentsNode) || documentsNode is null)
        {
            throw SimulatorApiException.Missing("documents");
        }

        var documents = documentsNode as JsonArray ?? throw SimulatorApiException.Invalid("documents");
        if (documents.Count == 0)
        {
            throw SimulatorApiException.Empty("documents");
        }

        if (documents.Count > MaxBulkDocuments)
        {
            throw SimulatorApiException.Invalid("documents");
        }

        var read = new List<BulkDocument>(documents.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in documents)
        {
            if (item is not JsonObject document)
            {
                throw SimulatorApiException.Invalid("documents");
            }

            var parameters = new RequestParameters(document);
            var id = parameters.Required("id", 36);
            if (!Ascii.IsValid(id) || !ids.Add(id))
            {
                throw SimulatorApiException.Invalid("documents.id");
            }

            parameters.Required("documentName", 255);
            var hashCode = parameters.Optional("hashCode");
            var docDigest = parameters.Optional("docDigest");
            if ((hashCode is null) == (docDigest is null))
            {
                throw SimulatorApiException.Invalid("documents"); // each item is a hash or a PDF, never both or neither
            }

            if (hashCode is not null)
            {
                var hash = RequestParameters.DecodeBase64(hashCode, "hashCode");
                var sigAlgo = parameters.Optional("sigAlgo") ?? "SHA256withRSA";
                if (sigAlgo is not ("SHA256withRSA" or "NONEwithRSA") || (sigAlgo == "NONEwithRSA" && hash.Length != 32))
                {
                    throw SimulatorApiException.Invalid("sigAlgo"); // SM2 algorithms are not simulated
                }

                read.Add(new BulkDocument(id, hashCode, hash, sigAlgo, null, null));
            }
            else
            {
                read.Add(new BulkDocument(id, null, null, null, docDigest, RequestParameters.DecodeBase64(docDigest!, "docDigest", 32)));
            }
        }

        return new BulkRecord(businessId, state, resultUri, read, max, stepUp, hkicHash, NewBsqcToken());
    }

    // A BSQC token is at most 32 characters (addendum §A6.4).
    private static string NewBsqcToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static SimulatorApiException? CheckBulkSigner(SimulatorPersona persona, string? hkicHash)
        => !persona.CanSign ? new SimulatorApiException("D71004", "user is not allowed to sign")
            : hkicHash is not null && !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hkicHash), Encoding.ASCII.GetBytes(persona.HkicHash))
                ? new SimulatorApiException("D71005", "inconsistent HKIC number")
            : null;

    private static void Refuse(IAmSmartFunction function, SimulatorApiException? failure)
    {
        if (failure is not null)
        {
            EnsureInTable(function, failure.Code);
            throw failure;
        }
    }

    private BulkRecord RequireBulkToken(RequestParameters p, IAmSmartFunction function)
    {
        var token = p.Required("BSQCToken", 32);
        var businessId = p.Required("businessID", 36);
        var openId = p.Required("openID", 64 * 3); // URL-encoded Base64: lengths are validated leniently (addendum §A6.4)
        lock (_state)
        {
            if (_bulk.TryGetValue(businessId, out var record)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.Token), Encoding.ASCII.GetBytes(token))
                && string.Equals(record.OpenId, openId, StringComparison.Ordinal))
            {
                return record;
            }
        }

        Refuse(function, new SimulatorApiException("D71008", "BSQC Token not found"));
        return null!;
    }

    /// <summary>SS001 until the user answers, then SS003 (signed), SS004 (cancelled or rejected) or SS005 (failed) [G: S3 names the values, not the transitions].</summary>
    private string StatusOf(BulkRecord record)
        => record.Cancelled ? "SS004"
            : record.AnsweredAt is not { } at || _time.GetUtcNow() < at ? "SS001"
            : record.Code == Transport.ReturnCodes.Success ? "SS003"
            : record.Code is "D71000" or "D71001" ? "SS004"
            : "SS005";

    /// <summary>The user's answer: the persona's behaviour, its step-up checks, then one callback per page of results.</summary>
    private void ScheduleBulkResults(BulkRecord record, IAmSmartFunction function)
    {
        var persona = record.Persona!;
        var behaviour = Script.Resolve(persona, record.BusinessId);
        var now = _time.GetUtcNow();
        var dueAt = behaviour.Action == UserAction.TimeOut ? now + _options.UserTimeout : now + behaviour.Delay;
        var approved = behaviour.Action == UserAction.Approve;
        var checkFailure = approved ? CheckStepUp(persona, record.StepUp) : null;
        approved &= checkFailure is null;
        var code = behaviour.Action switch
        {
            _ when checkFailure is not null => checkFailure.Code,
            UserAction.Approve => Transport.ReturnCodes.Success,
            UserAction.Cancel => "D71000",
            UserAction.Reject => "D71001",
            _ => "D71003",
        };
        EnsureInTable(function, code);
        lock (_state)
        {
            record.AnsweredAt = dueAt;
            record.Code = code;
            record.ResultsSent = true;
        }

        var metadata = new JsonObject { ["businessID"] = record.BusinessId };
        if (record.State is not null)
        {
            metadata["state"] = record.State;
        }

        if (!approved)
        {
            // On failure only sigMetada is sent (addendum §A3.3).
            Schedule(new PendingCallback(record.ResultUri, code, metadata, record.BusinessId, function.Kind!, dueAt) { Shape = CallbackShape.BulkResult });
            return;
        }

        var signer = Authority.GetSigner(persona);
        var items = new List<JsonObject>(record.Documents.Count);
        var failed = 0;
        for (var i = 0; i < record.Documents.Count; i++)
        {
            var document = record.Documents[i];
            var fails = persona.FailsEveryNthBulkDocument is { } n && (i + 1) % n == 0;
            failed += fails ? 1 : 0;
            items.Add(SignBulkDocument(persona, document, fails));
        }

        // totalCallbacks = int((n-1)/m + 1); every page but the last carries m signatures (addendum §A4.4).
        var total = ((record.Documents.Count - 1) / record.MaxSignaturesPerCallback) + 1;
        for (var sequence = 1; sequence <= total; sequence++)
        {
            var page = items.Skip((sequence - 1) * record.MaxSignaturesPerCallback).Take(record.MaxSignaturesPerCallback);
            var pageMetadata = (JsonObject)metadata.DeepClone();
            pageMetadata["cert"] = Convert.ToBase64String(signer.RawData);
            pageMetadata["totalCallbacks"] = total;
            pageMetadata["callbackSeq"] = sequence;
            pageMetadata["totalSignNum"] = record.Documents.Count;
            pageMetadata["failSignNum"] = failed;

            // Printed as the spec prints it: "signatures": [...] without the outer braces (addendum §A3.3).
            var sigFile = "\"signatures\": " + new JsonArray([.. page]).ToJsonString(WireJson);
            Schedule(new PendingCallback(record.ResultUri, code, pageMetadata, record.BusinessId, function.Kind!, dueAt) { Shape = CallbackShape.BulkResult, SigFile = sigFile });
        }
    }

    private JsonObject SignBulkDocument(SimulatorPersona persona, BulkDocument document, bool fails)
    {
        if (document.HashCode is not null)
        {
            var item = new JsonObject { ["id"] = document.Id, ["hash"] = document.HashCode };
            if (!fails)
            {
                var signed = SignHash(persona, document.HashCode, document.Hash!, document.SigAlgo!);
                item["timestamp"] = signed["timestamp"]!.DeepClone();
                item["signature"] = signed["signature"]!.DeepClone();
            }

            return item;
        }

        var pdf = new JsonObject { ["id"] = document.Id, ["docDigest"] = document.DocDigest };
        if (!fails)
        {
            pdf["pdfSignature"] = SignPdf(persona, document.DocDigest!, document.Digest!)["pdfSignature"]!.DeepClone();
        }

        return pdf;
    }

    private sealed record BulkDocument(string Id, string? HashCode, byte[]? Hash, string? SigAlgo, string? DocDigest, byte[]? Digest);

    private sealed class BulkRecord(
        string businessId, string? state, Uri resultUri, List<BulkDocument> documents, int maxSignaturesPerCallback, SigningStepUp? stepUp, string? hkicHash, string token)
    {
        public string BusinessId { get; } = businessId;

        public string? State { get; } = state;

        public Uri ResultUri { get; } = resultUri;

        public List<BulkDocument> Documents { get; } = documents;

        public int MaxSignaturesPerCallback { get; } = maxSignaturesPerCallback;

        public SigningStepUp? StepUp { get; } = stepUp;

        public string? HkicHash { get; } = hkicHash;

        public string Token { get; } = token;

        public string? OpenId { get; set; }

        public SimulatorPersona? Persona { get; set; }

        public DateTimeOffset? AnsweredAt { get; set; }

        public string? Code { get; set; }

        public bool ResultsSent { get; set; }

        public bool Cancelled { get; set; }

        public Dictionary<string, string> Acknowledgements { get; } = new(StringComparer.Ordinal);
    }
}
