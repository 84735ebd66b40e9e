using System.Buffers;
using System.Text.Json;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Keeps the fields a request asked for and drops the rest, so that the e-service collects only what it stated a
/// purpose for (PDPO data protection principle 1), and names what was released and what was dropped for the receipt.
/// </summary>
internal static class ReleasedData
{
    private static readonly string[] CorrelationMembers = ["businessID", "state"];

    /// <summary>The kept data and the field names, or <see langword="null"/> data when the payload is not a JSON object.</summary>
    public static (EMeData? Data, string[] Released, string[] Discarded) Select(JsonElement payload, IReadOnlyList<string> requested)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (null, [], []);
        }

        // Case-insensitive, as the e-ME model reads member names: "IdNo" is still idNo.
        var released = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var discarded = new List<string>();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in payload.EnumerateObject())
            {
                if (CorrelationMembers.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
                {
                    member.WriteTo(writer);
                }
                else if (requested.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
                {
                    if (HasValue(member.Value))
                    {
                        released.Add(member.Name);
                        member.WriteTo(writer);
                    }
                }
                else if (HasValue(member.Value))
                {
                    // The name comes from the sender: recorded only if it looks like a field name.
                    discarded.Add(DataRequestValidation.IsWellFormedFieldName(member.Name) ? member.Name : "(unnamed)");
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var data = EMeData.FromJson(document.RootElement);
        return (data, [.. requested.Where(released.Contains)], [.. discarded]);
    }

    private static bool HasValue(JsonElement value)
        => value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => value.GetString()!.Length > 0,
            _ => true,
        };
}
