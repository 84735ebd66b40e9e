using System.Text.Json.Serialization;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Signing;

// The wire shapes of the signing functions (contract §12). Member order is the wire order of the production client S4;
// names are exactly the contract's, including the capitalised "HKICHash".

/// <summary>
/// The wire names of the signing step-up fields (addendum §A1), one constant each. Which pair a request carries is
/// <see cref="IAmSmartOptions.StepUpFieldNames"/> (see <see cref="StepUpFieldNames"/> for the sources and the [G]).
/// </summary>
internal static class StepUpWireNames
{
    /// <summary>A JSON string holding one JSON expression such as <c>{"unary":["FR"]}</c> (S3 prose, S21) [G: the default].</summary>
    public const string SuaMethod = "suaMethod";

    /// <summary>A JSON number, hours 0–720 (S3 prose, S21) [G: the default].</summary>
    public const string SuaWaitPeriod = "suaWaitPeriod";

    /// <summary>As <see cref="SuaMethod"/>, under the name of S3's tables and samples.</summary>
    public const string StepupAuthMethod = "stepupAuthMethod";

    /// <summary>As <see cref="SuaWaitPeriod"/>, under the name of S3's tables and samples.</summary>
    public const string StepupAuthPeriod = "stepupAuthPeriod";
}

/// <summary>
/// The step-up of one signing request and the names it goes out under. Each request type has one wire member per name
/// (all <c>WhenWritingNull</c>), and each reads its value from here, so exactly the configured pair is written and a
/// request without a step-up writes none.
/// </summary>
internal readonly struct StepUpWire
{
    private readonly string? _method;
    private readonly int? _waitingPeriod;
    private readonly StepUpFieldNames _names;

    /// <summary>The step-up fields of a request.</summary>
    /// <param name="method">The method's JSON text (<see cref="SigningStepUpMethod.Value"/>), or <see langword="null"/>.</param>
    /// <param name="waitingPeriodHours">The waiting period in hours, or <see langword="null"/>.</param>
    /// <param name="names">The configured names (<see cref="IAmSmartOptions.StepUpFieldNames"/>).</param>
    public StepUpWire(string? method, int? waitingPeriodHours, StepUpFieldNames names)
    {
        _method = method;
        _waitingPeriod = waitingPeriodHours;
        _names = names;
    }

    /// <summary>The method, when <paramref name="names"/> are the configured names.</summary>
    public string? MethodAs(StepUpFieldNames names) => names == _names ? _method : null;

    /// <summary>The waiting period, when <paramref name="names"/> are the configured names.</summary>
    public int? WaitingPeriodAs(StepUpFieldNames names) => names == _names ? _waitingPeriod : null;
}

/// <summary>The wire values of an app variant's return target (addendum §A5.3), for every signing request that sends one.</summary>
internal static class AppTargetWire
{
    /// <summary><c>clientRedirectURI</c>, encoded in the JSON body as every URI the SDK sends there (<see cref="RedirectUriRules.ForJsonBody"/>) [I].</summary>
    public static string? ClientRedirectUri(AppReturnTarget? app) => app?.IosUniversalLink is { } link ? RedirectUriRules.ForJsonBody(link) : null;

    /// <summary>The callback URI as <c>redirectURI</c> (web) or <c>serverRedirectURI</c> (app): exactly one of the two is sent.</summary>
    public static (string? RedirectUri, string? ServerRedirectUri) CallbackUri(Uri callback, AppReturnTarget? app)
    {
        var value = RedirectUriRules.ForJsonBody(callback);
        return app is null ? (value, null) : (null, value);
    }
}

/// <summary>
/// The app variant's return target (addendum §A5.3) in the one place every signing request that may send it shares:
/// <c>clientRedirectURI</c> on iOS, <c>packageName</c>/<c>activityClass</c>/<c>activityParams</c> on Android, nothing
/// for the web functions. Set <see cref="App"/>; the four wire members are read from it.
/// </summary>
/// <remarks>
/// System.Text.Json writes a base type's members before the derived type's, yet on the wire these sit after
/// <c>source</c> and before <c>state</c> (the order of the production client S4, which the wire-JSON tests and contract
/// fixtures check). So these members keep the default order (0) and each derived member says whether it goes
/// <see cref="Before"/> or <see cref="After"/> them; within one order value, declaration order holds.
/// </remarks>
internal abstract class AppTargetWireRequest
{
    /// <summary>The order of a derived member written before the app fields.</summary>
    public const int Before = -1;

    /// <summary>The order of a derived member written after the app fields.</summary>
    public const int After = 1;

    /// <summary>The app variant's return target; <see langword="null"/> for a web function, which sends none of the four.</summary>
    [JsonIgnore]
    public AppReturnTarget? App { get; init; }

    [JsonPropertyName("clientRedirectURI")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientRedirectUri => AppTargetWire.ClientRedirectUri(App);

    [JsonPropertyName("packageName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PackageName => App?.AndroidPackageName;

    [JsonPropertyName("activityClass")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActivityClass => App?.AndroidActivityClass;

    [JsonPropertyName("activityParams")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActivityParams => App?.AndroidActivityParams;
}

/// <summary>The plain request of <c>account/signing/initiateRequest</c> (contract §12.1) and of its app variant (addendum §A5.3).</summary>
internal sealed class HashSigningWireRequest : AppTargetWireRequest
{
    [JsonPropertyName("businessID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string BusinessId { get; init; }

    [JsonPropertyName("accessToken")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string OpenId { get; init; }

    [JsonPropertyName("source")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string Source { get; init; }

    // The app variant's return target (clientRedirectURI … activityParams) comes from the base type, between source and state.

    [JsonPropertyName("state")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string State { get; init; }

    // The web function's callback URI; the app variant sends serverRedirectURI in its place (addendum §A5.3).
    [JsonPropertyName("redirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("serverRedirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServerRedirectUri { get; init; }

    [JsonPropertyName("hashCode")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string HashCode { get; init; }

    [JsonPropertyName("HKICHash")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HkicHash { get; init; }

    [JsonPropertyName("department")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string Department { get; init; }

    [JsonPropertyName("serviceName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string ServiceName { get; init; }

    [JsonPropertyName("documentName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string DocumentName { get; init; }

    [JsonPropertyName("sigAlgo")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SigAlgo { get; init; }

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
}

/// <summary>The plain request of <c>account/pdfsigning/initiateRequest</c>: as hash signing, with <c>docDigest</c> (contract §12.2); also of its app variant.</summary>
internal sealed class PdfSigningWireRequest : AppTargetWireRequest
{
    [JsonPropertyName("businessID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string BusinessId { get; init; }

    [JsonPropertyName("accessToken")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string OpenId { get; init; }

    [JsonPropertyName("source")]
    [JsonPropertyOrder(AppTargetWireRequest.Before)]
    public required string Source { get; init; }

    // The app variant's return target (clientRedirectURI … activityParams) comes from the base type, between source and state.

    [JsonPropertyName("state")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string State { get; init; }

    // The web function's callback URI; the app variant sends serverRedirectURI in its place (addendum §A5.3).
    [JsonPropertyName("redirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RedirectUri { get; init; }

    [JsonPropertyName("serverRedirectURI")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ServerRedirectUri { get; init; }

    [JsonPropertyName("docDigest")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string DocDigest { get; init; }

    [JsonPropertyName("HKICHash")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HkicHash { get; init; }

    [JsonPropertyName("department")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string Department { get; init; }

    [JsonPropertyName("serviceName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string ServiceName { get; init; }

    [JsonPropertyName("documentName")]
    [JsonPropertyOrder(AppTargetWireRequest.After)]
    public required string DocumentName { get; init; }

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
}

/// <summary>The plain request of <c>anonymous/signing/initiateRequest</c> (contract §12.3).</summary>
internal sealed class AnonymousHashSigningWireRequest
{
    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("hashCode")]
    public required string HashCode { get; init; }

    [JsonPropertyName("redirectURI")]
    public required string RedirectUri { get; init; }

    [JsonPropertyName("department")]
    public required string Department { get; init; }

    [JsonPropertyName("documentName")]
    public required string DocumentName { get; init; }

    [JsonPropertyName("serviceName")]
    public required string ServiceName { get; init; }

    [JsonPropertyName("HKICHash")]
    public required string HkicHash { get; init; }

    // The step-up under the configured names (IAmSmartOptions.StepUpFieldNames); the other pair stays null and unwritten.
    [JsonIgnore]
    public StepUpWire StepUp { get; init; }

    [JsonPropertyName(StepUpWireNames.SuaMethod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SuaMethod => StepUp.MethodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.SuaWaitPeriod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SuaWaitPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.StepupAuthMethod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepupAuthMethod => StepUp.MethodAs(StepUpFieldNames.StepupAuth);

    [JsonPropertyName(StepUpWireNames.StepupAuthPeriod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StepupAuthPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.StepupAuth);
}

/// <summary>The plain request of <c>anonymous/pdfsigning/initiateRequest</c> (contract §12.3).</summary>
internal sealed class AnonymousPdfSigningWireRequest
{
    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("redirectURI")]
    public required string RedirectUri { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("docDigest")]
    public required string DocDigest { get; init; }

    [JsonPropertyName("HKICHash")]
    public required string HkicHash { get; init; }

    [JsonPropertyName("department")]
    public required string Department { get; init; }

    [JsonPropertyName("documentName")]
    public required string DocumentName { get; init; }

    [JsonPropertyName("serviceName")]
    public required string ServiceName { get; init; }

    // The step-up under the configured names (IAmSmartOptions.StepUpFieldNames); the other pair stays null and unwritten.
    [JsonIgnore]
    public StepUpWire StepUp { get; init; }

    [JsonPropertyName(StepUpWireNames.SuaMethod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SuaMethod => StepUp.MethodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.SuaWaitPeriod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SuaWaitPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.SuaMethod);

    [JsonPropertyName(StepUpWireNames.StepupAuthMethod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StepupAuthMethod => StepUp.MethodAs(StepUpFieldNames.StepupAuth);

    [JsonPropertyName(StepUpWireNames.StepupAuthPeriod)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? StepupAuthPeriod => StepUp.WaitingPeriodAs(StepUpFieldNames.StepupAuth);
}

/// <summary>The plain request of <c>anonymous/*/getResult</c>: the token of the ticket login (contract §12.3).</summary>
internal sealed class SigningResultWireRequest
{
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }
}

/// <summary>The plain request of <c>account/signing/ackResult</c> (contract §12.1).</summary>
internal sealed class SigningAckWireRequest
{
    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("signingResult")]
    public required string SigningResult { get; init; }
}

/// <summary>The decrypted answer of a signing <c>initiateRequest</c>: <c>{signCode, authByQR, ticketID}</c> (contract §12).</summary>
internal sealed class SigningInitiationContent
{
    [JsonPropertyName("signCode")]
    public string? SignCode { get; set; }

    [JsonPropertyName("authByQR")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool AuthByQr { get; set; }

    [JsonPropertyName("ticketID")]
    public string? TicketId { get; set; }
}

/// <summary>A hash-signing result, by callback or getResult: <c>{businessID, state, hashCode, timestamp, signature, cert}</c>.</summary>
internal sealed class HashSigningContent
{
    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }

    [JsonPropertyName("hashCode")]
    public string? HashCode { get; set; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; set; }

    [JsonPropertyName("signature")]
    public string? Signature { get; set; }

    [JsonPropertyName("cert")]
    public string? Cert { get; set; }

    public HashSigningResult ToResult(string? txId)
    {
        if (string.IsNullOrEmpty(HashCode) || Timestamp is not { } timestamp || string.IsNullOrEmpty(Signature) || string.IsNullOrEmpty(Cert))
        {
            throw new IAmSmartServiceException(
                "iAM Smart reported a hash signature but sent no hashCode, timestamp, signature or cert.", isTransient: false, txId: txId);
        }

        return new HashSigningResult(HashCode, ToSigningTime(timestamp, txId), Signature, Cert);
    }

    /// <summary>
    /// A signature's <c>timestamp</c> (Unix milliseconds) as a time. One outside what <see cref="DateTimeOffset"/> holds
    /// was not made by iAM Smart: a typed failure, not the <see cref="ArgumentOutOfRangeException"/> of the conversion.
    /// </summary>
    internal static DateTimeOffset ToSigningTime(long timestamp, string? txId)
        => UnixTime.TryFromMilliseconds(timestamp, out var time)
            ? time
            : throw new IAmSmartServiceException("iAM Smart sent a signature timestamp outside the range of dates.", isTransient: false, txId: txId);
}

/// <summary>A PDF-signing result, by callback or getResult: <c>{businessID, state, docDigest, pdfSignature}</c>.</summary>
internal sealed class PdfSigningContent
{
    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }

    [JsonPropertyName("docDigest")]
    public string? DocDigest { get; set; }

    [JsonPropertyName("pdfSignature")]
    public string? PdfSignature { get; set; }

    public PdfSigningResult ToResult(string? txId)
    {
        if (string.IsNullOrEmpty(DocDigest) || string.IsNullOrEmpty(PdfSignature))
        {
            throw new IAmSmartServiceException("iAM Smart reported a PDF signature but sent no docDigest or pdfSignature.", isTransient: false, txId: txId);
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(PdfSignature);
        }
        catch (FormatException)
        {
            throw new IAmSmartServiceException("iAM Smart sent a pdfSignature that is not Base64.", isTransient: false, txId: txId);
        }

        return signature.Length == 0
            ? throw new IAmSmartServiceException("iAM Smart sent an empty pdfSignature.", isTransient: false, txId: txId)
            : new PdfSigningResult(DocDigest, signature);
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HashSigningWireRequest))]
[JsonSerializable(typeof(PdfSigningWireRequest))]
[JsonSerializable(typeof(AnonymousHashSigningWireRequest))]
[JsonSerializable(typeof(AnonymousPdfSigningWireRequest))]
[JsonSerializable(typeof(SigningResultWireRequest))]
[JsonSerializable(typeof(SigningAckWireRequest))]
[JsonSerializable(typeof(SigningInitiationContent))]
[JsonSerializable(typeof(HashSigningContent))]
[JsonSerializable(typeof(PdfSigningContent))]
internal sealed partial class SigningJsonContext : JsonSerializerContext;
