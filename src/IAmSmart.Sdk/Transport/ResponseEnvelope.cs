using System.Net;
using System.Text.Json;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The envelope of every iAM Smart response and callback: <c>{txID, code, message | msg, content}</c> (contract §2.2).
/// <c>content</c> is a Base64 ciphertext for encrypted functions and a plain object for <c>getKey</c>. A callback adds
/// <c>secretKey</c>, the content key wrapped under the e-service's KEK (contract §2.3); the spec's scope tables call it
/// <c>key</c> while its examples and the production client say <c>secretKey</c>, so both are read, <c>secretKey</c>
/// first (addendum §A3.1) [I].
/// </summary>
internal readonly record struct ResponseEnvelope(
    string? TxId, string? Code, string? Message, string? EncryptedContent, JsonElement? PlainContent, HttpStatusCode? StatusCode, string? SecretKey = null, Range? EncryptedContentRange = null)
{
    /// <summary>Whether the envelope carries encrypted content, as text or as a range of the parsed bytes.</summary>
    public bool HasEncryptedContent => EncryptedContent is not null || EncryptedContentRange is not null;

    /// <summary>Whether the envelope reports success.</summary>
    public bool IsSuccess => string.Equals(Code, ReturnCodes.Success, StringComparison.Ordinal);

    /// <summary>Reads an envelope. Unknown members are ignored.</summary>
    /// <param name="json">The body.</param>
    /// <param name="operation">The operation's name, for messages.</param>
    /// <param name="status">The HTTP status, if any.</param>
    /// <param name="contentAsRange">
    /// Whether to give unescaped encrypted content as <see cref="EncryptedContentRange"/> of <paramref name="json"/>
    /// rather than as a string: a large callback is then decoded from its own bytes.
    /// </param>
    /// <exception cref="IAmSmartServiceException">The body is not a JSON object or has no <c>code</c>.</exception>
    public static ResponseEnvelope Parse(ReadOnlySpan<byte> json, string operation, HttpStatusCode? status, bool contentAsRange = false)
    {
        string? txId = null, code = null, message = null, encrypted = null, secretKey = null, key = null;
        Range? encryptedRange = null;
        JsonElement? plain = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotAnEnvelope(operation, status, "it is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Names are matched on the UTF-8 bytes: no string per member.
                var member = reader.ValueTextEquals("txID"u8) ? Member.TxId
                    : reader.ValueTextEquals("code"u8) ? Member.Code
                    : reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("msg"u8) ? Member.Message // iAM Smart says "message", CorpID "msg" (contract §2.2).
                    : reader.ValueTextEquals("content"u8) ? Member.Content
                    : reader.ValueTextEquals("secretKey"u8) ? Member.SecretKey
                    : reader.ValueTextEquals("key"u8) ? Member.Key
                    : Member.Other;
                reader.Read();
                switch (member)
                {
                    case Member.TxId:
                        txId = ReadScalar(ref reader);
                        break;
                    case Member.Code:
                        code = ReadScalar(ref reader);
                        break;
                    case Member.Message:
                        var text = ReadScalar(ref reader); // read even when already set, so an object value is skipped
                        message ??= text;
                        break;
                    case Member.Content when reader.TokenType == JsonTokenType.String && contentAsRange && !reader.ValueIsEscaped:
                        // The value sits between the token's quotes, byte for byte.
                        var start = (int)reader.TokenStartIndex + 1;
                        encryptedRange = reader.ValueSpan.IsEmpty ? null : start..(start + reader.ValueSpan.Length);
                        encrypted = null;
                        break;
                    case Member.Content when reader.TokenType == JsonTokenType.String:
                        encrypted = reader.GetString();
                        encryptedRange = null;
                        break;
                    case Member.Content when reader.TokenType is JsonTokenType.StartObject:
                        plain = JsonElement.ParseValue(ref reader);
                        break;
                    case Member.SecretKey:
                        secretKey = ReadScalar(ref reader);
                        break;
                    case Member.Key:
                        key = ReadScalar(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw NotAnEnvelope(operation, status, "it is not valid JSON", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8 cannot be read as text: the body is damaged or hostile, not a network fault.
            throw NotAnEnvelope(operation, status, "it holds text that is not valid UTF-8", ex);
        }

        if (string.IsNullOrEmpty(code))
        {
            throw NotAnEnvelope(operation, status, "it has no return code", txId: txId);
        }

        var wrappedKey = string.IsNullOrEmpty(secretKey) ? key : secretKey;
        return new ResponseEnvelope(
            txId, code, message, string.IsNullOrEmpty(encrypted) ? null : encrypted, plain, status, string.IsNullOrEmpty(wrappedKey) ? null : wrappedKey, encryptedRange);
    }

    private enum Member
    {
        Other,
        TxId,
        Code,
        Message,
        Content,
        SecretKey,
        Key,
    }

    private static string? ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    private static IAmSmartServiceException NotAnEnvelope(string operation, HttpStatusCode? status, string why, Exception? inner = null, string? txId = null)
        => new($"iAM Smart {operation} returned a response the SDK cannot read: {why} (HTTP {(int?)status}).", isTransient: false, txId: txId, statusCode: status, innerException: inner);
}
