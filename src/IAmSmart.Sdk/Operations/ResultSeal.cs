using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// Seals an accepted callback, as read, for the store: AES-256-GCM under a key derived from the client secret, which
/// every instance of the e-service has and the store does not. A waiter on another instance, or a later
/// <see cref="PendingOperations.GetResultAsync"/>, opens it with one AES-GCM decryption instead of unwrapping the
/// callback's content key with the KEK's RSA private key again: each callback costs one RSA decryption in all (issue 12).
/// </summary>
/// <remarks>
/// The trade: whoever can read the store <em>and</em> knows the client secret can open a sealed result, where the
/// callback as received needed the KEK's private key. Both secrets belong to the e-service; keep the client secret at
/// least as safe as the store.
/// </remarks>
internal sealed class ResultSeal
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    // Domain separation: this key seals stored results and nothing else.
    public ResultSeal(string clientSecret) => _key = ClientSecretKeys.Derive(clientSecret, "IAmSmart.Sdk sealed callback result v1"u8);

    /// <summary>Seals the callback: a 12-byte random nonce, the AES-256-GCM ciphertext, and the 16-byte tag.</summary>
    public byte[] Seal(IAmSmartCallback callback)
    {
        var sealedResult = new SealedResult(
            callback.Status,
            callback.Code,
            callback.TxId,
            callback.BusinessId,
            callback.State,
            callback.Payload,
            callback.Outcome,
            // The attachments' own memory, not copies: a bulk page's decrypted sigFile (up to 1000 signatures) goes
            // straight from the pooled buffer it was decrypted in to the serializer's Base64 (issue 15 item 2).
            [.. callback.Attachments.Select(a => new SealedAttachment(a.Name, a.FileName, a.ContentType, a.Content))],
            callback.IsStateVerified);
        // Serialized into a pooled, cleared buffer and encrypted from there: the only array of the result's size is the
        // sealed output itself (issue 13 item 5).
        using var plaintext = new PooledBufferWriter(EstimateSize(callback));
        using (var writer = new Utf8JsonWriter(plaintext))
        {
            JsonSerializer.Serialize(writer, sealedResult, SealedResultJsonContext.Default.SealedResult);
        }

        // Raw bytes, not Base64 text: a stored address-proof PDF is then about its own size in memory, not 2.7 times.
        var length = plaintext.WrittenSpan.Length;
        var output = new byte[NonceSize + length + TagSize];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), plaintext.WrittenSpan, output.AsSpan(NonceSize, length), output.AsSpan(NonceSize + length));
        return output;
    }

    // Room for the payload as parsed, the attachments as Base64 and the other members, so the buffer rarely grows.
    private static int EstimateSize(IAmSmartCallback callback)
    {
        long size = 1024 + (callback.Payload is { } payload ? JsonMarshal.GetRawUtf8Value(payload).Length : 0);
        foreach (var attachment in callback.Attachments)
        {
            size += 256 + ((attachment.Content.Length + 2L) / 3 * 4);
        }

        return (int)Math.Min(size, Array.MaxLength);
    }

    /// <exception cref="IAmSmartCryptographyException">The seal was not made with this client secret, or was altered.</exception>
    public IAmSmartCallback Open(byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new IAmSmartCryptographyException("A sealed callback result is truncated.", ContentDecryptionFailure.Truncated);
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), plaintext);
            var result = JsonSerializer.Deserialize(plaintext, SealedResultJsonContext.Default.SealedResult)
                ?? throw new IAmSmartCryptographyException("A sealed callback result is empty.", ContentDecryptionFailure.AuthenticationFailed);
            return new IAmSmartCallback(
                result.Status,
                result.Code,
                result.TxId,
                result.BusinessId,
                result.State,
                result.Payload,
                result.Outcome,
                [.. result.Attachments.Select(a => new CallbackAttachment(a.Name, a.FileName, a.ContentType, a.Content))],
                result.StateVerified);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new IAmSmartCryptographyException("A sealed callback result failed authentication: another client secret sealed it, or it was altered.", ContentDecryptionFailure.AuthenticationFailed, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

internal sealed record SealedResult(
    CallbackStatus Status,
    string? Code,
    string? TxId,
    string? BusinessId,
    string? State,
    JsonElement? Payload,
    UserOutcome? Outcome,
    SealedAttachment[] Attachments,
    bool StateVerified);

// ReadOnlyMemory<byte> is written and read as Base64, as byte[] was: results sealed before this change still open.
internal sealed record SealedAttachment(string? Name, string? FileName, string? ContentType, ReadOnlyMemory<byte> Content);

[JsonSerializable(typeof(SealedResult))]
internal sealed partial class SealedResultJsonContext : JsonSerializerContext;
