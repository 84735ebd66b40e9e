using System.Text.Json.Serialization;

using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Auth;

/// <summary>The plain request of <c>auth/getToken</c> (contract §5.4). Member order is the wire order.</summary>
internal sealed class GetTokenRequest
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("grantType")]
    public string GrantType { get; init; } = "authorization_code";

    // Direct Login v2 only: see DirectLoginV2Token.
    [JsonPropertyName("isDirectLoginV2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IsDirectLoginV2 { get; init; }

    // Direct Login v2 to an app only: see DirectLoginV2Token.
    [JsonPropertyName(DirectLoginV2Names.CodeVerifier)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CodeVerifier { get; init; }
}

/// <summary>
/// The one place that decides the getToken body for a Direct Login v2 code. The sources disagree (addendum §A5.6):
/// <list type="bullet">
/// <item>S2 (the ITE guide, iAM Smart) sends a plain <c>{code, grantType}</c>, as for a normal login [C-doc];</item>
/// <item>S5 (one implementation) adds <c>"isDirectLoginV2":"true"</c>, a string [C-code];</item>
/// <item>S21 (CorpID's own getToken) adds <c>code_verifier</c> ("required for Direct Login (App)") and a Boolean
/// <c>isDirectLogin</c> [C-doc, CorpID-only].</item>
/// </list>
/// The SDK sends the flag as S5 does (a server that does not know it ignores an unknown member, while one that needs it
/// cannot do without) and the verifier whenever the app received one [I]. Each is one switch here.
/// </summary>
internal static class DirectLoginV2Token
{
    /// <summary>Whether to send <c>isDirectLoginV2</c> [I: S5 only]; false gives S2's plain body.</summary>
    public const bool SendIsDirectLoginV2 = true;

    /// <summary>The flag's value: a JSON string, as S5 sends it [I].</summary>
    public const string IsDirectLoginV2Value = "true";

    /// <summary>Whether to send the app's <c>code_verifier</c> [I: S21, CorpID, says it is required for Direct Login (App)].</summary>
    public const bool SendCodeVerifier = true;

    public static GetTokenRequest Create(string code, string? codeVerifier) => new()
    {
        Code = code,
        IsDirectLoginV2 = SendIsDirectLoginV2 ? IsDirectLoginV2Value : null,
        CodeVerifier = SendCodeVerifier ? codeVerifier : null,
    };
}

/// <summary>The decrypted content of <c>auth/getToken</c> (contract §5.4); its wire names are in <see cref="TokenContentConverter"/>.</summary>
[JsonConverter(typeof(TokenContentConverter))]
internal sealed class TokenContent
{
    public string? AccessToken { get; set; }

    public string? TokenType { get; set; }

    public long IssueAt { get; set; }

    public long ExpiresIn { get; set; }

    public string? OpenId { get; set; }

    public long? LastModifiedDate { get; set; }

    public string? UserType { get; set; }

    public string? Scope { get; set; }

    public AccessToken ToAccessToken(string? txId)
    {
        if (string.IsNullOrEmpty(AccessToken) || string.IsNullOrEmpty(OpenId))
        {
            throw new IAmSmartServiceException("iAM Smart auth.getToken returned no accessToken or openID.", isTransient: false, txId: txId);
        }

        if (!UnixTime.TryFromMilliseconds(IssueAt, out var issuedAt) || !UnixTime.TryAdd(issuedAt, ExpiresIn, out var expiresAt))
        {
            throw new IAmSmartServiceException("iAM Smart auth.getToken returned an issueAt or expiresIn outside the range of dates.", isTransient: false, txId: txId);
        }

        return new AccessToken(
            AccessToken,
            OpenId,
            issuedAt,
            expiresAt,
            UserType switch
            {
                "sign" => IAmSmartUserType.SigningCapable,
                "default" => IAmSmartUserType.Standard,
                _ => IAmSmartUserType.Unknown,
            },
            IAmSmartScope.ParseList(Scope),
            UnixTime.FromMilliseconds(LastModifiedDate),
            TokenType ?? "Bearer")
        {
            TxId = txId,
        };
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetTokenRequest))]
[JsonSerializable(typeof(TokenContent))]
[JsonSerializable(typeof(StepUpWireRequest))]
[JsonSerializable(typeof(InitiationContent))]
[JsonSerializable(typeof(StepUpCallbackPayload))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;

/// <summary>The plain request of <c>account/stepup/initiateRequest</c> (contract §6). Member order is the wire order.</summary>
internal sealed class StepUpWireRequest
{
    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }

    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("redirectURI")]
    public required string RedirectUri { get; init; }

    [JsonPropertyName("state")]
    public required string State { get; init; }

    [JsonPropertyName("lang")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lang { get; init; }
}

/// <summary>The decrypted content of an <c>initiateRequest</c> answer: <c>{authByQR, ticketID}</c> (contract §6).</summary>
internal sealed class InitiationContent
{
    [JsonPropertyName("authByQR")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool AuthByQr { get; set; }

    [JsonPropertyName("ticketID")]
    public string? TicketId { get; set; }
}

/// <summary>The business object of a step-up callback: <c>{businessID, state, isPassed}</c> (contract §6).</summary>
internal sealed class StepUpCallbackPayload
{
    [JsonPropertyName("businessID")]
    public string? BusinessId { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>The verdict; <see langword="null"/> when the callback carries none (missing or JSON null), which no reader may take as either.</summary>
    [JsonPropertyName("isPassed")]
    [JsonConverter(typeof(StepUpVerdictConverter))]
    public bool? IsPassed { get; set; }
}

/// <summary>
/// Reads <c>isPassed</c> strictly: a JSON boolean, or the strings <c>"true"</c>/<c>"false"</c>. The contract §6 has the
/// member from S4's DTO (a boolean) and no example; the strings are kept because one implementation sends its flags as
/// strings (<c>"isDirectLoginV2":"true"</c>, addendum §A5.6) [I]: the one place to change if iAM Smart is shown to send
/// only booleans. Anything else (a number, another string, an object) is not a verdict and fails the read, so that
/// a hostile callback is refused before it can complete the operation as "not passed" and make the genuine one a conflict.
/// </summary>
internal sealed class StepUpVerdictConverter : JsonConverter<bool?>
{
    // [I] The strings read as a verdict, exactly as the one implementation that sends string flags spells them.
    private const string PassedText = "true";
    private const string NotPassedText = "false";

    public override bool? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
        => reader.TokenType switch
        {
            System.Text.Json.JsonTokenType.True => true,
            System.Text.Json.JsonTokenType.False => false,
            System.Text.Json.JsonTokenType.Null => null,
            System.Text.Json.JsonTokenType.String when reader.ValueTextEquals(PassedText) => true,
            System.Text.Json.JsonTokenType.String when reader.ValueTextEquals(NotPassedText) => false,
            _ => throw new System.Text.Json.JsonException("isPassed is not a boolean."),
        };

    public override void Write(System.Text.Json.Utf8JsonWriter writer, bool? value, System.Text.Json.JsonSerializerOptions options)
    {
        if (value is { } verdict)
        {
            writer.WriteBooleanValue(verdict);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Reads a JSON boolean, or the strings <c>"true"</c>/<c>"false"</c>: implementations differ in how they send flags [I].</summary>
internal sealed class TolerantBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
        => reader.TokenType switch
        {
            System.Text.Json.JsonTokenType.True => true,
            System.Text.Json.JsonTokenType.False or System.Text.Json.JsonTokenType.Null => false,
            System.Text.Json.JsonTokenType.String => string.Equals(reader.GetString(), "true", StringComparison.OrdinalIgnoreCase),
            _ => throw new System.Text.Json.JsonException("Expected a boolean."),
        };

    public override void Write(System.Text.Json.Utf8JsonWriter writer, bool value, System.Text.Json.JsonSerializerOptions options)
        => writer.WriteBooleanValue(value);
}
