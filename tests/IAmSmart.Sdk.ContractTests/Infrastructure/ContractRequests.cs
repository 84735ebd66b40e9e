using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>The field names a function's plaintext request may carry, exactly as the API contract spells them.</summary>
/// <param name="Function">The fixture name, for messages.</param>
/// <param name="Section">The contract section that lists the fields.</param>
/// <param name="Required">The fields the contract lists for every request.</param>
/// <param name="Optional">The fields the contract marks optional.</param>
public sealed record ContractFields(string Function, string Section, string[] Required, string[] Optional);

/// <summary>
/// Typed SDK requests built from the plaintext request samples (<c>samples/requests/*.json</c>), read at run time, and
/// the check that what the SDK sent is that sample, field by field, with the contract's exact field names.
/// </summary>
public static class ContractRequests
{
    /// <summary>
    /// The step-up fields under both names the sources use (addendum §A1.4, §A9): <c>suaMethod</c>/<c>suaWaitPeriod</c>,
    /// the SDK's default [G], and <c>stepupAuthMethod</c>/<c>stepupAuthPeriod</c>; the SDK sends one pair
    /// (<see cref="IAmSmartOptions.StepUpFieldNames"/>).
    /// </summary>
    public static readonly string[] StepUpFields = ["suaMethod", "suaWaitPeriod", "stepupAuthMethod", "stepupAuthPeriod"];

    /// <summary><c>account/stepup/initiateRequest</c> (contract §6).</summary>
    public static readonly ContractFields StepUp = new(
        "stepup-initiate", "§6", ["openID", "accessToken", "businessID", "source", "redirectURI", "state", "lang"], []);

    /// <summary><c>account/signing/initiateRequest</c> (contract §12.1): note <c>HKICHash</c>'s capitals.</summary>
    public static readonly ContractFields HashSigning = new(
        "signing-initiate",
        "§12.1",
        ["businessID", "accessToken", "openID", "source", "state", "redirectURI", "hashCode", "department", "serviceName", "documentName"],
        ["HKICHash", "sigAlgo", .. StepUpFields]);

    /// <summary><c>account/pdfsigning/initiateRequest</c> (contract §12.2): as §12.1 with <c>docDigest</c> instead of <c>hashCode</c>, no <c>sigAlgo</c>.</summary>
    public static readonly ContractFields PdfSigning = new(
        "pdfsigning-initiate",
        "§12.2",
        ["businessID", "accessToken", "openID", "source", "state", "redirectURI", "docDigest", "department", "serviceName", "documentName"],
        ["HKICHash", .. StepUpFields]);

    /// <summary><c>anonymous/signing/initiateRequest</c> (contract §12.3): <c>HKICHash</c> is mandatory; step-up as with login (addendum §A1.3).</summary>
    public static readonly ContractFields AnonymousHashSigning = new(
        "anonymous-signing-initiate",
        "§12.3",
        ["businessID", "source", "state", "hashCode", "redirectURI", "department", "documentName", "serviceName", "HKICHash"],
        [.. StepUpFields]);

    /// <summary><c>anonymous/pdfsigning/initiateRequest</c> (contract §12.3): <c>HKICHash</c> is mandatory; step-up as with login (addendum §A1.3).</summary>
    public static readonly ContractFields AnonymousPdfSigning = new(
        "anonymous-pdfsigning-initiate",
        "§12.3",
        ["businessID", "source", "redirectURI", "state", "docDigest", "HKICHash", "department", "documentName", "serviceName"],
        [.. StepUpFields]);

    /// <summary><c>anonymous/{signing,pdfsigning}/getResult</c> (contract §12.3).</summary>
    public static readonly ContractFields SigningResult = new("anonymous-getResult", "§12.3", ["accessToken", "openID"], []);

    /// <summary><c>account/signing/ackResult</c> (contract §12.1, values §10.2).</summary>
    public static readonly ContractFields SigningAck = new("signing-ackResult", "§12.1", ["businessID", "signingResult"], []);

    /// <summary><c>account/auth/profile/initiateRequest</c> (contract §7.1; <c>callbackContentType</c> from addendum §A3.2).</summary>
    public static readonly ContractFields Profile = new(
        "profile-initiate", "§7.1", ["openID", "accessToken", "businessID", "source", "redirectURI", "state", "profileFields"], ["lang", "callbackContentType"]);

    /// <summary>The synchronous <c>profiles</c> (contract §7.2 [I], one implementation).</summary>
    public static readonly ContractFields Profiles = new("profiles", "§7.2", ["accessToken", "openID", "profileFields", "eMEFields"], []);

    /// <summary><c>account/eme/initiateRequest</c> (contract §8): note <c>eMEFields</c>' capitals.</summary>
    public static readonly ContractFields EMe = new(
        "eme-initiate",
        "§8",
        ["openID", "accessToken", "businessID", "source", "redirectURI", "state", "eMEFields", "formName"],
        ["lang", "formNum", "formDesc", "callbackContentType"]); // callbackContentType: addendum §A3.2

    /// <summary><c>anonymous/eme/initiateRequest</c> (contract §9.1): no token, source, state or redirectURI.</summary>
    public static readonly ContractFields AnonymousEMe = new(
        "anonymous-eme-initiate", "§9.1", ["businessID", "eMEFields", "formName"], ["lang", "formNum", "formDesc"]);

    /// <summary><c>anonymous/eme/getResult</c> (contract §9.1 step 5).</summary>
    public static readonly ContractFields AnonymousEMeResult = new("anonymous-getResult", "§9.1", ["accessToken", "openID"], []);

    /// <summary>A request sample, <c>samples/requests/{name}.json</c>, as an object.</summary>
    public static JsonObject Sample(string name) => ContractData.Sample($"requests/{name}.json").AsObject();

    /// <summary>A string field of a sample.</summary>
    public static string Text(JsonObject sample, string name)
        => ContractData.Text(sample[name] ?? throw new InvalidOperationException($"The sample has no '{name}'."));

    /// <summary>
    /// The access token of a signing-capable (iAM Smart+) user with the sample's <c>accessToken</c> and <c>openID</c>. It
    /// lists the <c>eidapi_sign</c> scope, without which the SDK refuses to send a signing request (D20012 otherwise).
    /// </summary>
    public static AccessToken SigningToken(JsonObject sample)
        => new(
            Text(sample, "accessToken"),
            Text(sample, "openID"),
            ContractData.GetKeyIssuedAt,
            ContractData.GetKeyIssuedAt.AddHours(4),
            IAmSmartUserType.SigningCapable,
            new HashSet<IAmSmartScope> { IAmSmartScope.Auth, IAmSmartScope.Sign });

    /// <summary>
    /// The access token of a user who logged in with the scopes given (by default <c>eidapi_auth</c> and
    /// <c>eidapi_formFilling</c>, as the getToken sample) and the sample's <c>accessToken</c> and <c>openID</c>.
    /// </summary>
    public static AccessToken FormFillingToken(JsonObject sample, params IAmSmartScope[] scopes)
        => new(
            Text(sample, "accessToken"),
            Text(sample, "openID"),
            ContractData.GetKeyIssuedAt,
            ContractData.GetKeyIssuedAt.AddHours(4),
            IAmSmartUserType.Standard,
            new HashSet<IAmSmartScope>(scopes.Length == 0 ? [IAmSmartScope.Auth, IAmSmartScope.FormFilling] : scopes));

    /// <summary>A string-array field of a sample.</summary>
    public static string[] Texts(JsonObject sample, string name)
        => [.. (sample[name] ?? throw new InvalidOperationException($"The sample has no '{name}'.")).AsArray().Select(n => ContractData.Text(n))];

    /// <summary>The sample's <c>formName</c>, <c>formNum</c> and <c>formDesc</c>.</summary>
    public static FormDetails Form(JsonObject s) => new(Text(s, "formName"), s["formNum"]?.GetValue<string>(), s["formDesc"]?.GetValue<string>());

    /// <summary>The profile request of <c>samples/requests/profile-initiate.json</c>; the SDK starts the operation itself.</summary>
    public static ProfileRequest ProfileRequest(JsonObject s, AccessToken? token = null) => new()
    {
        AccessToken = token ?? FormFillingToken(s),
        CallbackUri = RedirectUri(s),
        Fields = [.. Texts(s, "profileFields").Select(f => new ProfileField(f))],
        Source = Source(s),
        Language = new IAmSmartLanguage(Text(s, "lang")),
        BusinessId = Text(s, "businessID"),
    };

    /// <summary>The e-ME request of <c>samples/requests/eme-initiate.json</c>; the SDK starts the operation itself.</summary>
    public static EMeRequest EMeRequest(JsonObject s, AccessToken? token = null) => new()
    {
        AccessToken = token ?? FormFillingToken(s),
        CallbackUri = RedirectUri(s),
        Fields = [.. Texts(s, "eMEFields").Select(f => new EMeField(f))],
        Form = Form(s),
        Source = Source(s),
        Language = new IAmSmartLanguage(Text(s, "lang")),
        BusinessId = Text(s, "businessID"),
    };

    /// <summary>The anonymous e-ME request of <c>samples/requests/anonymous-eme-initiate.json</c>.</summary>
    public static AnonymousEMeRequest AnonymousEMeRequest(JsonObject s) => new()
    {
        Fields = [.. Texts(s, "eMEFields").Select(f => new EMeField(f))],
        Form = Form(s),
        Language = new IAmSmartLanguage(Text(s, "lang")),
        BusinessId = Text(s, "businessID"),
    };

    /// <summary>The synchronous profiles request of <c>samples/requests/profiles.json</c>, with a token carrying <c>eidapi_profiles</c>.</summary>
    public static ProfilesRequest ProfilesRequest(JsonObject s, AccessToken? token = null) => new()
    {
        AccessToken = token ?? FormFillingToken(s, IAmSmartScope.Auth, IAmSmartScope.Profiles),
        ProfileFields = [.. Texts(s, "profileFields").Select(f => new ProfileField(f))],
        EMeFields = [.. Texts(s, "eMEFields").Select(f => new EMeField(f))],
    };

    /// <summary>The sample's <c>redirectURI</c> as the URI a caller passes: the wire value decoded once.</summary>
    public static Uri RedirectUri(JsonObject sample) => new(Uri.UnescapeDataString(Text(sample, "redirectURI")));

    /// <summary>The sample's <c>source</c>.</summary>
    public static IAmSmartSource Source(JsonObject sample) => new(Text(sample, "source"));

    /// <summary>Starts the operation the sample's <c>businessID</c> and <c>state</c> name, as an e-service does before a request with login.</summary>
    public static Task<PendingOperation> BeginAsync(ContractSession session, IAmSmartFunction kind, JsonObject sample)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Client.Operations.BeginAsync(kind, Text(sample, "businessID"), Text(sample, "state"), TestContext.Current.CancellationToken);
    }

    /// <summary>The step-up request of <c>samples/requests/stepup-initiate.json</c>.</summary>
    public static StepUpRequest StepUpRequest(JsonObject s, PendingOperation operation) => new()
    {
        AccessToken = SigningToken(s),
        CallbackUri = RedirectUri(s),
        BusinessId = operation.BusinessId,
        State = operation.State,
        Source = Source(s),
        Language = new IAmSmartLanguage(Text(s, "lang")),
    };

    /// <summary>The hash-signing request of <c>samples/requests/signing-initiate.json</c>.</summary>
    public static HashSigningRequest HashSigningRequest(JsonObject s, PendingOperation operation) => new()
    {
        BusinessId = operation.BusinessId,
        State = operation.State,
        AccessToken = SigningToken(s),
        CallbackUri = RedirectUri(s),
        Source = Source(s),
        HashCode = Text(s, "hashCode"),
        HkicHash = Text(s, "HKICHash"),
        Department = Text(s, "department"),
        ServiceName = Text(s, "serviceName"),
        DocumentName = Text(s, "documentName"),
        SignatureAlgorithm = new SignatureAlgorithm(Text(s, "sigAlgo")),
    };

    /// <summary>The PDF-signing request of <c>samples/requests/pdfsigning-initiate.json</c>.</summary>
    public static PdfSigningRequest PdfSigningRequest(JsonObject s, PendingOperation operation) => new()
    {
        BusinessId = operation.BusinessId,
        State = operation.State,
        AccessToken = SigningToken(s),
        CallbackUri = RedirectUri(s),
        Source = Source(s),
        DocDigest = Text(s, "docDigest"),
        HkicHash = Text(s, "HKICHash"),
        Department = Text(s, "department"),
        ServiceName = Text(s, "serviceName"),
        DocumentName = Text(s, "documentName"),
    };

    /// <summary>The anonymous hash-signing request of <c>samples/requests/anonymous-signing-initiate.json</c>.</summary>
    public static AnonymousHashSigningRequest AnonymousHashSigningRequest(JsonObject s) => new()
    {
        BusinessId = Text(s, "businessID"),
        State = Text(s, "state"),
        RedirectUri = RedirectUri(s),
        Source = Source(s),
        HashCode = Text(s, "hashCode"),
        HkicHash = Text(s, "HKICHash"),
        Department = Text(s, "department"),
        ServiceName = Text(s, "serviceName"),
        DocumentName = Text(s, "documentName"),
    };

    /// <summary>The anonymous PDF-signing request of <c>samples/requests/anonymous-pdfsigning-initiate.json</c>.</summary>
    public static AnonymousPdfSigningRequest AnonymousPdfSigningRequest(JsonObject s) => new()
    {
        BusinessId = Text(s, "businessID"),
        State = Text(s, "state"),
        RedirectUri = RedirectUri(s),
        Source = Source(s),
        DocDigest = Text(s, "docDigest"),
        HkicHash = Text(s, "HKICHash"),
        Department = Text(s, "department"),
        ServiceName = Text(s, "serviceName"),
        DocumentName = Text(s, "documentName"),
    };

    /// <summary>
    /// Checks a decrypted request against the contract and the sample: no field the contract does not name (so a wrong
    /// capitalisation such as <c>HkicHash</c> fails), every field it requires, exactly the sample's fields, and each
    /// value equal to the sample's, JSON type included.
    /// </summary>
    /// <param name="sent">The decrypted request content from the journal.</param>
    /// <param name="sample">The plaintext the request should be.</param>
    /// <param name="fields">The contract's field names for the function.</param>
    public static void AssertSentAsContracted(JsonObject sent, JsonObject sample, ContractFields fields)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(fields);
        var names = sent.Select(p => p.Key).ToList();
        var where = $"{fields.Function} (contract {fields.Section})";

        var unknown = names.Where(n => !fields.Required.Contains(n, StringComparer.Ordinal) && !fields.Optional.Contains(n, StringComparer.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, $"{where} sent fields the contract does not name (check the capitalisation): {string.Join(", ", unknown)}.");
        var missing = fields.Required.Where(n => !names.Contains(n, StringComparer.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{where} did not send the contract's fields: {string.Join(", ", missing)}.");
        Assert.Equal(sample.Select(p => p.Key).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in sample)
        {
            Assert.True(
                JsonNode.DeepEquals(expected, sent[name]),
                $"{where}: '{name}' was sent as {sent[name]?.ToJsonString() ?? "null"}; the sample has {expected?.ToJsonString() ?? "null"}.");
        }
    }
}
