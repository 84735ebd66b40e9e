using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// Reads <see cref="TokenContent"/> by hand. getToken is on every login's path, and the serializer's
/// metadata-driven reader cost several times a plain <see cref="Utf8JsonReader"/> pass on the SDK's benchmark
/// (docs/benchmarks.md). Behaves as the generated reader did: member names are case-sensitive, unknown members are
/// skipped, the numbers may also come as strings, and a later duplicate wins.
/// </summary>
internal sealed class TokenContentConverter : JsonConverter<TokenContent>
{
    // The wire names (contract §5.4).
    private static ReadOnlySpan<byte> AccessTokenName => "accessToken"u8;
    private static ReadOnlySpan<byte> TokenTypeName => "tokenType"u8;
    private static ReadOnlySpan<byte> IssueAtName => "issueAt"u8;
    private static ReadOnlySpan<byte> ExpiresInName => "expiresIn"u8;
    private static ReadOnlySpan<byte> OpenIdName => "openID"u8;
    private static ReadOnlySpan<byte> LastModifiedDateName => "lastModifiedDate"u8;
    private static ReadOnlySpan<byte> UserTypeName => "userType"u8;
    private static ReadOnlySpan<byte> ScopeName => "scope"u8;

    public override TokenContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The token content is not a JSON object.");
        }

        var token = new TokenContent();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(AccessTokenName))
            {
                token.AccessToken = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(TokenTypeName))
            {
                token.TokenType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(IssueAtName))
            {
                token.IssueAt = ReadInt64(ref reader) ?? throw new JsonException("issueAt is null.");
            }
            else if (reader.ValueTextEquals(ExpiresInName))
            {
                token.ExpiresIn = ReadInt64(ref reader) ?? throw new JsonException("expiresIn is null.");
            }
            else if (reader.ValueTextEquals(OpenIdName))
            {
                token.OpenId = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(LastModifiedDateName))
            {
                token.LastModifiedDate = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals(UserTypeName))
            {
                token.UserType = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals(ScopeName))
            {
                token.Scope = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The token content is not a complete JSON object.");
        }

        return token;
    }

    // The SDK only ever reads a token response.
    public override void Write(Utf8JsonWriter writer, TokenContent value, JsonSerializerOptions options)
        => throw new NotSupportedException("getToken content is only read.");

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
        };
    }

    private static long? ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt64(),
            JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a number, found {reader.TokenType}."),
        };
    }
}
