using System.Text.Json;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// How the JSON of a callback is parsed, wherever one is read (the envelope, the decrypted payload, the BSQC token): the
/// one place that says a member named twice is refused.
/// </summary>
/// <remarks>
/// <para>
/// A callback reaches a public endpoint: anyone can post one, so it is hostile until its state is proven. JSON leaves a
/// member named twice undefined (RFC 8259 §4): System.Text.Json takes the last, other parsers the first or both. A body
/// like <c>{"code":"D00000","code":"D80001"}</c> then says one thing to a WAF or an audit log and another to this SDK.
/// No callback of iAM Smart names a member twice, so such a body is refused as <see cref="CallbackRejection.Malformed"/>.
/// </para>
/// <para>
/// Responses of the iAM Smart server are not held to this: they answer the SDK's own request over TLS, from a server the
/// SDK authenticated, so nobody in between chooses their bytes, and refusing a quirk there would turn it into an outage
/// of every call. The bulk-signing <c>sigFile</c> is read by a serializer context of its own, with the same rule
/// (<c>BulkCallbackJsonContext</c>).
/// </para>
/// </remarks>
internal static class CallbackJson
{
    /// <summary>The options every callback document is parsed with: no member named twice, the default depth limit.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses callback JSON.</summary>
    /// <exception cref="JsonException">It is not JSON, or an object in it names a member twice.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> json) => JsonDocument.Parse(json, DocumentOptions);

    /// <summary>
    /// Checks callback JSON without keeping it: the envelope, which its own reader then reads member by member. The same
    /// rule as <see cref="Parse"/> (valid JSON, one value, no member named twice, names compared unescaped), in one pass
    /// of a reader: a <see cref="JsonDocument"/> would rent an index the size of the body, and under concurrent large
    /// callbacks (8 × 14 MiB) the shared pool, trimmed by the gen2 collections they set off, allocated those afresh
    /// (4.27× the body against 1.56×, <c>CallbackMemoryBenchmarks</c>).
    /// </summary>
    /// <exception cref="JsonException">It is not JSON, or an object in it names a member twice.</exception>
    public static void Validate(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        var names = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName when !names.Peek().Add(reader.GetString()!):
                        throw new JsonException("An object names a member twice.");
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            // A name that is not valid UTF-8 cannot be read as text: not JSON this SDK accepts, as Parse would say.
            throw new JsonException("A member name is not valid UTF-8.", ex);
        }
    }

    /// <summary>
    /// Whether <paramref name="json"/>, refused by <see cref="Parse"/>, is JSON all the same: then its only defect is a
    /// member named twice. For the decrypted content, where JSON that is not JSON at all means the wrong key or
    /// tampering (<see cref="CallbackRejection.Undecryptable"/>), but a duplicate was encrypted on purpose (<see cref="CallbackRejection.Malformed"/>).
    /// Only called after a refusal, so a genuine callback is parsed once.
    /// </summary>
    public static bool HasDuplicateMembersOnly(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
