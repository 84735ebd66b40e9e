using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.Transport;

/// <summary>The plain <c>content</c> of a <c>security/getKey</c> response (contract §3).</summary>
internal sealed class GetKeyContent
{
    // A lifetime above this is an absolute time: the CorpID sample shows one, and S6 accepts both [I].
    private const long AbsoluteTimeThreshold = 1_000_000_000_000;

    [JsonPropertyName("secretKey")]
    public string? SecretKey { get; set; }

    [JsonPropertyName("pubKey")]
    public string? PubKey { get; set; }

    [JsonPropertyName("issueAt")]
    public long IssueAt { get; set; }

    [JsonPropertyName("expiresIn")]
    public long ExpiresIn { get; set; }

    public DateTimeOffset? ExpiresAt()
    {
        if (ExpiresIn <= 0)
        {
            return null;
        }

        var expiresAtMs = ExpiresIn > AbsoluteTimeThreshold ? ExpiresIn : IssueAt + ExpiresIn;
        return DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMs);
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetKeyContent))]
internal sealed partial class TransportJsonContext : JsonSerializerContext;
