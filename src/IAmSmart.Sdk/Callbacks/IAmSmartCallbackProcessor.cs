using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// Reads the callbacks iAM Smart POSTs to the e-service (contract §2.3): parses the envelope
/// <c>{txID, code, message, content, secretKey}</c>, unwraps <c>secretKey</c> with the KEK ring, decrypts
/// <c>content</c>, accepts the business object both wrapped (<c>{"content":{…}}</c>) and bare, and maps the return
/// code to a <see cref="CallbackStatus"/> and <see cref="UserOutcome"/>.
/// </summary>
/// <remarks>
/// Reading does not make the callback's content key current, and does not prove the callback came from iAM Smart: the
/// KEK is a public key, so anyone can encrypt to it. <see cref="Operations.PendingOperations.AcceptCallbackAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/>
/// correlates the callback with an operation this e-service started (unguessable <c>businessID</c> and <c>state</c>)
/// and only then adopts its key. See docs/security.md.
/// </remarks>
public class IAmSmartCallbackProcessor
{
    private readonly ContentKeySession _session;

    internal IAmSmartCallbackProcessor(ContentKeySession session) => _session = session;

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartCallbackProcessor() => _session = null!;

    /// <summary>Reads and decrypts a JSON callback body.</summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="CallbackRejectedException">The body is malformed or cannot be decrypted.</exception>
    public virtual Task<IAmSmartCallback> ReadAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        => ReadAsync(body, contentType: null, cancellationToken);

    /// <summary>
    /// Reads and decrypts a callback body of either shape iAM Smart sends (addendum §A3): JSON, or
    /// <c>multipart/form-data</c> whose envelope part is <c>sigMetada</c> or the first JSON part; the other parts come
    /// back as <see cref="IAmSmartCallback.Attachments"/>.
    /// </summary>
    /// <param name="body">The request body exactly as received.</param>
    /// <param name="contentType">The request's <c>Content-Type</c> header (with its boundary); <see langword="null"/> for JSON.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="CallbackRejectedException">The content type is unsupported, or the body is malformed or cannot be decrypted.</exception>
    public virtual async Task<IAmSmartCallback> ReadAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        using var parts = await CallbackContent.ReadAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        return (await ReadCoreAsync(parts, copyAttachments: true, cancellationToken).ConfigureAwait(false)).Callback;
    }

    /// <summary>
    /// Reads a callback and also returns the content key it carried and a fingerprint of what it says.
    /// <paramref name="copyAttachments"/>: whether the callback gets its own copy of the attachments, as it must when it
    /// outlives <paramref name="parts"/> (handed to a waiter); without it, its attachments are <paramref name="parts"/>' buffers.
    /// </summary>
    internal async Task<DecryptedCallback> ReadCoreAsync(CallbackParts parts, bool copyAttachments, CancellationToken cancellationToken)
    {
        var envelopeBytes = parts.Envelope;
        var attachments = parts.Attachments;
        ResponseEnvelope envelope;
        try
        {
            // The envelope's own reader reads member by member and would take the last of two: a member named twice is
            // refused first (CallbackJson), so that this SDK reads a callback as any other parser does.
            CallbackJson.Validate(envelopeBytes);
            envelope = ResponseEnvelope.Parse(envelopeBytes.Span, "callback", status: null, contentAsRange: true);
        }
        catch (Exception ex) when (ex is IAmSmartServiceException or JsonException)
        {
            throw new CallbackRejectedException("The callback is not a JSON envelope with a return code, each member named once.", CallbackRejection.Malformed, innerException: ex);
        }

        var succeeded = envelope.IsSuccess;
        if (succeeded && !envelope.HasEncryptedContent)
        {
            // Every result is encrypted (contract §2.3): a success in clear was not made by iAM Smart.
            throw new CallbackRejectedException("The callback reports success but its content is missing or not encrypted.", CallbackRejection.Malformed, envelope.TxId);
        }

        ContentKey? key = null;
        JsonElement? root = null;
        if (envelope.HasEncryptedContent)
        {
            key = await UnwrapKeyAsync(envelope, cancellationToken).ConfigureAwait(false);
            root = Decrypt(envelopeBytes.Span, envelope, key);
        }
        else if (envelope.PlainContent is { } plain)
        {
            // A failure callback may carry only its ids, unencrypted (contract §2.2).
            root = plain;
        }

        var payload = root is { } r ? Unwrap(r) : (JsonElement?)null;
        string? businessId, state;
        try
        {
            businessId = ReadId(payload, root, "businessID");
            state = ReadId(payload, root, "state");
        }
        catch (InvalidOperationException)
        {
            // A JSON escape that is not valid UTF-16 (a lone surrogate such as \uD800): no id of ours looks like that.
            throw new CallbackRejectedException("The callback's businessID or state is not valid text.", CallbackRejection.Malformed, envelope.TxId);
        }
        var code = envelope.Code!;
        var (status, outcome) = succeeded
            ? (CallbackStatus.Succeeded, (UserOutcome?)null)
            : ReturnCodes.TryGet(code, out var info) && info.Outcome is { } userOutcome
                ? (CallbackStatus.UserOutcome, userOutcome)
                : (CallbackStatus.Failed, null);

        // Copies when the callback outlives the pooled buffers the parts were read into.
        var kept = copyAttachments ? attachments.Select(a => a with { Content = a.Content.ToArray() }).ToArray() : attachments;
        var callback = new IAmSmartCallback(status, code, envelope.TxId, businessId, state, payload, outcome, kept);
        return new DecryptedCallback(callback, key, Fingerprint(callback));
    }

    private async Task<ContentKey> UnwrapKeyAsync(ResponseEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.SecretKey is not { } wrapped)
        {
            // Every callback seen carries its key (S4); without one, only the key in use can be tried [I].
            return _session.Keys.Current ?? throw new CallbackRejectedException(
                "The callback carries no secretKey and no content key is in use to decrypt it.", CallbackRejection.Undecryptable, envelope.TxId);
        }

        try
        {
            return await _session.KeyRing.UnwrapAsync(wrapped, publicKeyBase64: null, expiresAt: null, cancellationToken).ConfigureAwait(false);
        }
        catch (IAmSmartException ex) when (ex is IAmSmartCryptographyException or IAmSmartConfigurationException)
        {
            // Go on with a random key through the same decryption, which then fails as tampered content does: a forger
            // timing the answer must not learn whether the PKCS#1 v1.5 padding was valid (Bleichenbacher).
            return new ContentKey(RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes));
        }
    }

    private JsonElement Decrypt(ReadOnlySpan<byte> envelopeBytes, in ResponseEnvelope envelope, ContentKey key)
    {
        var txId = envelope.TxId;

        // The content's Base64 as UTF-8: the body's own bytes, unless JSON escapes in it made the envelope parser unescape it.
        var escaped = envelope.EncryptedContentRange is null ? Encoding.ASCII.GetBytes(envelope.EncryptedContent!) : null;
        var content = escaped ?? envelopeBytes[envelope.EncryptedContentRange!.Value];

        // Decrypted into a pooled buffer, not a new array: a multi-megabyte callback allocates only what it keeps (issue 13 item 5).
        var plaintext = ArrayPool<byte>.Shared.Rent(Math.Max(ContentWireFormat.WorkingSpace(content.Length), 1));
        try
        {
            int length;
            try
            {
                length = _session.Cipher.Decrypt(content, key, plaintext);
            }
            catch (IAmSmartCryptographyException ex)
            {
                throw new CallbackRejectedException(
                    $"The callback content cannot be decrypted ({ex.Failure}): tampered, or not encrypted under the key it carries.", CallbackRejection.Undecryptable, txId, ex);
            }

            try
            {
                using var document = CallbackJson.Parse(plaintext.AsMemory(0, length));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new CallbackRejectedException("The decrypted callback content is not a JSON object.", CallbackRejection.Undecryptable, txId);
                }

                return document.RootElement.Clone();
            }
            catch (JsonException) when (CallbackJson.HasDuplicateMembersOnly(plaintext.AsMemory(0, length)))
            {
                // Decrypted correctly, so encrypted so on purpose: a member named twice (businessID, state, …).
                throw new CallbackRejectedException("The decrypted callback content names a member twice.", CallbackRejection.Malformed, txId);
            }
        }
        catch (JsonException)
        {
            // The JSON exception may quote the plaintext, which is personal data: keep nothing of it.
            throw new CallbackRejectedException("The decrypted callback content is not valid JSON.", CallbackRejection.Undecryptable, txId);
        }
        finally
        {
            SecretBuffers.Return(plaintext);
        }
    }

    // S4 (production) takes the decrypted object's "content" member; the CorpID text suggests the object itself (contract §2.3) [I].
    private static JsonElement Unwrap(JsonElement root)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("content", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? inner
            : root;

    private static string? ReadId(JsonElement? payload, JsonElement? root, string name)
    {
        foreach (var candidate in (ReadOnlySpan<JsonElement?>)[payload, root])
        {
            if (candidate is { ValueKind: JsonValueKind.Object } element
                && element.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(value.GetString()))
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// What the callback says (its code, its payload or else its businessID, its attachments), so that a repeat can be
    /// told from a different callback without keeping the plaintext. Taken of the callback as it is kept: one stored
    /// without some parts (a bulk page, failure or success) is fingerprinted without them, so that a part nobody reads cannot turn a
    /// repeat into a conflict.
    /// </summary>
    /// <exception cref="CallbackRejectedException">The payload is not valid UTF-8.</exception>
    internal static string Fingerprint(IAmSmartCallback callback)
    {
        var (code, payload, businessId, attachments, txId) = (callback.Code ?? string.Empty, callback.Payload, callback.BusinessId, callback.Attachments, callback.TxId);
        // The same bytes as UTF-8 of code + "\n" + the payload's raw text (stored fingerprints stay comparable), hashed
        // from the parsed bytes themselves: no UTF-16 copy of a multi-megabyte payload (issue 13 item 5).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(code));
        hash.AppendData("\n"u8);
        if (payload is { } element)
        {
            var raw = JsonMarshal.GetRawUtf8Value(element);
            if (!Utf8.IsValid(raw))
            {
                // The JSON parser does not check the bytes inside strings, so a decrypted (or plain) payload may still hold
                // bytes that are not UTF-8: text like that has no fingerprint and no reader, so the callback is malformed.
                throw new CallbackRejectedException("The callback payload is not valid UTF-8.", CallbackRejection.Malformed, txId);
            }

            hash.AppendData(raw);
        }
        else
        {
            hash.AppendData(Encoding.UTF8.GetBytes(businessId ?? string.Empty));
        }

        foreach (var attachment in attachments)
        {
            // Length-prefixed, so that moving bytes between parts changes the fingerprint.
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{attachment.Name}\n{attachment.Content.Length}\n"));
            hash.AppendData(attachment.Content.Span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>A callback as read, with the content key it carried and the fingerprint of its code and payload.</summary>
internal sealed record DecryptedCallback(IAmSmartCallback Callback, ContentKey? Key, string Fingerprint);
