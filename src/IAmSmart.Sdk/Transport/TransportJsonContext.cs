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

    /// <summary>
    /// How long the key lives. Measured from the server's own <c>issueAt</c>, so that the caller can add it to its own
    /// clock: a server clock that differs from ours must not make a fresh key look expired, or an expired one fresh.
    /// </summary>
    public TimeSpan? Lifetime()
    {
        var lifetimeMs = ExpiresIn > AbsoluteTimeThreshold ? ExpiresIn - IssueAt : ExpiresIn;
        return lifetimeMs > 0 ? TimeSpan.FromMilliseconds(lifetimeMs) : null;
    }
}

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetKeyContent))]
internal sealed partial class TransportJsonContext : JsonSerializerContext;
