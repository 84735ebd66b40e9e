using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>The plain request of <c>account/auth/profile/initiateRequest</c> (contract §7.1). Member order is the wire order.</summary>
internal sealed class ProfileWireRequest
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

    [JsonPropertyName("profileFields")]
    public required string[] ProfileFields { get; init; }

    [JsonPropertyName("lang")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lang { get; init; }

    [JsonPropertyName("callbackContentType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CallbackContentType { get; init; }
}

/// <summary>The plain request of <c>account/eme/initiateRequest</c> (contract §8). Member order is the wire order.</summary>
internal sealed class EMeWireRequest
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

    [JsonPropertyName("eMEFields")]
    public required string[] EMeFields { get; init; }

    [JsonPropertyName("formName")]
    public required string FormName { get; init; }

    // Optional members are left out rather than sent empty: S4 sends what it has, CorpID answers D20002 for empty ones [I].
    [JsonPropertyName("formNum")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormNum { get; init; }

    [JsonPropertyName("formDesc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormDesc { get; init; }

    // Sent only when asked for (addendum §A3.2); its place among the members is unknown, so it goes last.
    [JsonPropertyName("callbackContentType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CallbackContentType { get; init; }
}

/// <summary>The plain request of <c>anonymous/eme/initiateRequest</c> (contract §9.1): no token, source or redirectURI.</summary>
internal sealed class AnonymousEMeWireRequest
{
    [JsonPropertyName("businessID")]
    public required string BusinessId { get; init; }

    [JsonPropertyName("lang")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Lang { get; init; }

    [JsonPropertyName("eMEFields")]
    public required string[] EMeFields { get; init; }

    [JsonPropertyName("formName")]
    public required string FormName { get; init; }

    [JsonPropertyName("formNum")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormNum { get; init; }

    [JsonPropertyName("formDesc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FormDesc { get; init; }
}

/// <summary>The plain request of <c>anonymous/eme/getResult</c> (contract §9.1 step 5).</summary>
internal sealed class AnonymousResultWireRequest
{
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }
}

/// <summary>The plain request of the synchronous <c>profiles</c> (contract §7.2, S5's shape) [I].</summary>
internal sealed class ProfilesWireRequest
{
    [JsonPropertyName("accessToken")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("openID")]
    public required string OpenId { get; init; }

    [JsonPropertyName("profileFields")]
    public required string[] ProfileFields { get; init; }

    [JsonPropertyName("eMEFields")]
    public required string[] EMeFields { get; init; }
}

/// <summary>Source-generated JSON metadata for the form-filling requests (trimming and AOT safe).</summary>
[JsonSerializable(typeof(ProfileWireRequest))]
[JsonSerializable(typeof(EMeWireRequest))]
[JsonSerializable(typeof(AnonymousEMeWireRequest))]
[JsonSerializable(typeof(AnonymousResultWireRequest))]
[JsonSerializable(typeof(ProfilesWireRequest))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class FormFillingWireJsonContext : JsonSerializerContext;
