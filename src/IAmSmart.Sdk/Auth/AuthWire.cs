using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.Auth;

/// <summary>The plain request of <c>auth/getToken</c> (contract §5.4). Member order is the wire order.</summary>
internal sealed class GetTokenRequest
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("grantType")]
    public string GrantType { get; init; } = "authorization_code";

    // Direct Login v2 only; seen in one implementation (S5) [I].
    [JsonPropertyName("isDirectLoginV2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IsDirectLoginV2 { get; init; }
}

/// <summary>The decrypted content of <c>auth/getToken</c> (contract §5.4).</summary>
internal sealed class TokenContent
{
    [JsonPropertyName("accessToken")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("tokenType")]
    public string? TokenType { get; set; }

    [JsonPropertyName("issueAt")]
    public long IssueAt { get; set; }

    [JsonPropertyName("expiresIn")]
    public long ExpiresIn { get; set; }

    [JsonPropertyName("openID")]
    public string? OpenId { get; set; }

    [JsonPropertyName("lastModifiedDate")]
    public long? LastModifiedDate { get; set; }

    [JsonPropertyName("userType")]
    public string? UserType { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    public AccessToken ToAccessToken(string? txId)
    {
        if (string.IsNullOrEmpty(AccessToken) || string.IsNullOrEmpty(OpenId))
        {
            throw new IAmSmartServiceException("iAM Smart auth.getToken returned no accessToken or openID.", isTransient: false, txId: txId);
        }

        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(IssueAt);
        return new AccessToken(
            AccessToken,
            OpenId,
            issuedAt,
            issuedAt.AddMilliseconds(ExpiresIn),
            UserType switch
            {
                "sign" => IAmSmartUserType.SigningCapable,
                "default" => IAmSmartUserType.Standard,
                _ => IAmSmartUserType.Unknown,
            },
            IAmSmartScope.ParseList(Scope),
            LastModifiedDate is { } modified ? DateTimeOffset.FromUnixTimeMilliseconds(modified) : null,
            TokenType ?? "Bearer");
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetTokenRequest))]
[JsonSerializable(typeof(TokenContent))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
