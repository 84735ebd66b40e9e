using System.Text.Json;
using System.Text.Json.Serialization;
using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

// The wire shapes of bulk signing (addendum §A4), exactly the CorpID sandbox's names (S3 §3.20–3.28) [I for iAM Smart].
// The CorpID-only fields (clientID_iAM, corpIDSign) are never sent.

/// <summary>A document of <c>documents</c>: a hash item or a PDF item (addendum §A4.2); sent as a JSON array [I].</summary>
internal sealed class BulkDocumentWire
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("documentName")]
    public required string DocumentName { get; init; }

    [JsonPropertyName("hashCode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HashCode { get; init; }

    [JsonPropertyName("sigAlgo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigAlgo { get; init; }

    [JsonPropertyName("docDigest")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DocDigest { get; init; }
}

/// <summary>The plain request of <c>bdss/initiateRequest</c> (addendum §A4.2), of its app variant (§A4.3) and, without the login fields, of <c>bdss/anonymous/initiateRequest</c> (§A4.7).</summary>
internal sealed class BulkSigningWireRequest : AppTargetWireRequest
{
    [JsonPropertyName("businessID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string BusinessId { get; init; }

    [JsonPropertyName("accessToken")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessToken { get; init; }

    [JsonPropertyName("openID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OpenId { get; init; }

    [JsonPropertyName("redirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RedirectUri { get; init; }

    // The app variant's BSQC-token callback, in place of redirectURI (addendum §A4.3).
    [JsonPropertyName("serverRedirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServerRedirectUri { get; init; }

    [JsonPropertyName("callbackResultURI")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string CallbackResultUri { get; init; }

    [JsonPropertyName("source")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    // The app variant's return target (clientRedirectURI … activityParams) comes from the base type, between source and state.

    // Sent without login too: the sample does, and the callbacks must carry it back to prove the operation [I].
    [JsonPropertyName("state")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string State { get; init; }

    [JsonPropertyName("HKICHash")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HkicHash { get; init; }

    [JsonPropertyName("department")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Department { get; init; }

    [JsonPropertyName("serviceName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string ServiceName { get; init; }

    [JsonPropertyName("requestName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string RequestName { get; init; }

    [JsonPropertyName("maxCallbackSigs")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxCallbackSigs { get; init; }

    // The step-up under the configured names (IAmSmartOptions.StepUpFieldNames); the other pair stays null and unwritten.
    [JsonIgnore]
    public StepUpWire StepUp { get; init; }

    [JsonPropertyName(StepUpWireNames.SuaMethod)]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SuaMethod => StepUp.MethodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.SuaWaitPeriod)]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SuaWaitPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.StepupAuthMethod)]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepupAuthMethod => StepUp.MethodAs(StepUpFieldNames.StepupAuth);

    [JsonPropertyName(StepUpWireNames.StepupAuthPeriod)]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StepupAuthPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.StepupAuth);

    [JsonPropertyName("documents")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required IReadOnlyList<BulkDocumentWire> Documents { get; init; }
}

/// <summary>The answer of a bulk <c>initiateRequest</c>: <c>{ticketID, authByQR}</c>, or <c>{businessID, ticketID}</c> without login (addendum §A4.7: accept both).</summary>
internal sealed class BulkSigningInitiationContent
{
    [JsonPropertyName("ticketID")]
    public string? TicketId { get; set; }

    [JsonPropertyName("authByQR")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool AuthByQr { get; set; }

    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }
}

/// <summary>The plain request of <c>bdss/enquireStatus</c> and <c>bdss/cancelRequest</c> (addendum §A4.6).</summary>
internal sealed class BulkSigningReferenceWireRequest
{
    [JsonPropertyName("BSQCToken")]
    public required string BsqcToken { get; init; }

    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }
}

/// <summary>The answer of <c>bdss/enquireStatus</c>: <c>{status}</c>.</summary>
internal sealed class BulkSigningStatusContent
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

/// <summary>The plain request of <c>bdss/getBSQCToken</c> (addendum §A4.8).</summary>
internal sealed class BulkSigningTokenWireRequest
{
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }
}

/// <summary>The BSQC token, in the answer of <c>bdss/getBSQCToken</c> and in the token callback (addendum §A3.4, §A4.8).</summary>
internal sealed class BulkSigningTokenContent
{
    [JsonPropertyName("BSQCToken")]
    public string? BsqcToken { get; set; }

    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }
}

/// <summary>One document's acknowledgement: <c>{id, signingResult}</c>.</summary>
internal sealed class BulkDocumentAckWire
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("signingResult")]
    public required string SigningResult { get; init; }
}

/// <summary>The plain request of <c>bdss/ackResult</c> (addendum §A4.5): a whole-request result, or an empty one with <c>signatures</c>.</summary>
internal sealed class BulkSigningAckWireRequest
{
    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("signingResult")]
    public required string SigningResult { get; init; }

    [JsonPropertyName("signatures")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BulkDocumentAckWire>? Signatures { get; init; }
}

/// <summary>The <c>sigMetada</c> content of a result callback (addendum §A3.3): the signer's cert and the paging counters.</summary>
internal sealed class BulkSigningPageContent
{
    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }

    [JsonPropertyName("cert")]
    public string? Cert { get; set; }

    [JsonPropertyName("totalCallbacks")]
    public int? TotalCallbacks { get; set; }

    [JsonPropertyName("callbackSeq")]
    public int? CallbackSeq { get; set; }

    [JsonPropertyName("totalSignNum")]
    public int? TotalSignNum { get; set; }

    [JsonPropertyName("failSignNum")]
    public int? FailSignNum { get; set; }
}

/// <summary>One item of <c>sigFile</c>: a hash item <c>{id, hash, timestamp, signature}</c> or a PDF item <c>{id, docDigest, pdfSignature}</c> (addendum §A3.3).</summary>
internal sealed class BulkSignatureItem
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    // "hash", not "hashCode" [C-doc S3 §3.23.2]; "hashCode" is read too, in case iAM Smart uses the single-signing name [G].
    [JsonPropertyName("hash")]
    public string? Hash { get; set; }

    [JsonPropertyName("hashCode")]
    public string? HashCode { get; set; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; set; }

    [JsonPropertyName("signature")]
    public string? Signature { get; set; }

    [JsonPropertyName("docDigest")]
    public string? DocDigest { get; set; }

    [JsonPropertyName("pdfSignature")]
    public string? PdfSignature { get; set; }
}

/// <summary>The <c>sigFile</c> text once wrapped: <c>{"signatures":[…]}</c>.</summary>
internal sealed class BulkSignatureFile
{
    [JsonPropertyName("signatures")]
    public List<BulkSignatureItem>? Signatures { get; set; }
}

// The requests and the iAM Smart server's responses. What a callback carries is read with BulkCallbackJsonContext.
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(BulkSigningWireRequest))]
[JsonSerializable(typeof(BulkSigningInitiationContent))]
[JsonSerializable(typeof(BulkSigningReferenceWireRequest))]
[JsonSerializable(typeof(BulkSigningStatusContent))]
[JsonSerializable(typeof(BulkSigningTokenWireRequest))]
[JsonSerializable(typeof(BulkSigningTokenContent))]
[JsonSerializable(typeof(BulkSigningAckWireRequest))]
[JsonSerializable(typeof(BulkSigningPageContent))]
[JsonSerializable(typeof(BulkSignatureFile))]
[JsonSerializable(typeof(List<BulkSignatureItem>))]
internal sealed partial class BulkSigningJsonContext : JsonSerializerContext;

/// <summary>
/// What the bulk-signing callbacks carry (<c>sigMetada</c> content, <c>sigFile</c>, the BSQC token), read from a public
/// endpoint as strictly as the spec allows: a member named twice is refused, as everywhere a callback is read
/// (Callbacks.CallbackJson says why); numbers are JSON numbers, because every example of the spec prints them so
/// (<c>"totalCallbacks":10,"callbackSeq":2,"totalSignNum":100,"failSignNum":20</c>, <c>"timestamp":1556450176000</c>,
/// addendum §A3.3, S3 §3.23.3), so <c>"totalCallbacks":"1"</c> is malformed; no comments, no trailing commas (not JSON).
/// </summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BulkSigningTokenContent))]
[JsonSerializable(typeof(BulkSigningPageContent))]
[JsonSerializable(typeof(BulkSignatureFile))]
[JsonSerializable(typeof(List<BulkSignatureItem>))]
internal sealed partial class BulkCallbackJsonContext : JsonSerializerContext;
