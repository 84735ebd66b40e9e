using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Reads a JSON string, number or boolean into a string, so that a value sent as a number where the SDK expects text
/// (the official sample sends <c>"PoBoxNo":24700</c>) is kept as its exact text instead of failing the whole document.
/// An object or array where text is expected still fails, so that the enclosing e-ME field is kept raw and reported in
/// <see cref="EMeData.MalformedMembers"/> rather than silently flattened.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException("Expected a string, number or boolean."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
