using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Diagnostics;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The one place that builds, encrypts, sends and unwraps every iAM Smart API call: serialize with a source-generated
/// JSON context, encrypt with the content key, wrap as <c>{"content":"…"}</c>, send (the handlers sign and retry),
/// read the envelope, map the return code, decrypt and deserialize. On D30001–D30004 it fetches a new content key and
/// sends once more (<see cref="ReturnCodes.IsContentKeyError"/>). It knows nothing of the business meaning of the calls it carries.
/// </summary>
internal sealed class IAmSmartTransport
{
    // Request bodies are written as the production client writes them (S4): '+', '/', '=', CJK text such as a department
    // name, and & < > ' stay literal instead of becoming \uXXXX. The default encoder escapes them so that JSON is safe to
    // embed in HTML; that does not apply here: the body is encrypted, sent server to server, and never put in a page.
    // Writing the same bytes the production client writes keeps what iAM Smart decrypts identical, so a server that
    // compares or stores text verbatim sees no difference. This is the one place request JSON is written, so every
    // source-generated context (whose attribute cannot name an encoder) gets it. Still escaped: '"', '\\', control
    // characters, and characters outside the Basic Multilingual Plane (emoji), which the relaxed encoder always escapes.
    private static readonly JsonWriterOptions RequestWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body of getKey and revokeKey (<see cref="IAmSmartKeyClient.RequestBody"/>).</summary>
    internal const string KeyRequestBody = IAmSmartKeyClient.RequestBody;

    private readonly IAmSmartChannel _channel;
    private readonly ContentKeySession _session;

    /// <summary>Creates a transport that encrypts over <paramref name="channel"/> with the keys and cipher of <paramref name="session"/>.</summary>
    public IAmSmartTransport(IAmSmartChannel channel, ContentKeySession session)
    {
        _channel = channel;
        _session = session;
    }

    /// <summary>
    /// A transport that sends <paramref name="endUserIp"/> as <see cref="EndUserIpHeader.Name"/> on each business call.
    /// Everything else is shared (the key session included, so getKey and revokeKey stay client-wide and carry no end-user IP).
    /// </summary>
    public IAmSmartTransport ForEndUser(IPAddress endUserIp) => new(_channel.ForEndUser(endUserIp), _session);

    /// <summary>The end-user IP this transport sends, as sent; <see langword="null"/> when none.</summary>
    public string? EndUserIp => _channel.EndUserIp;

    /// <summary>The content-key session of this client: key ring, content keys and cipher.</summary>
    public ContentKeySession Session => _session;

    /// <summary>The content keys of this client.</summary>
    public ContentKeyManager Keys => _session.Keys;

    /// <summary>Sends an encrypted call and returns its decrypted, typed content.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        IAmSmartFunction operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        => (await SendWithTxIdAsync(operation, request, requestType, responseType, cancellationToken).ConfigureAwait(false)).Content;

    /// <summary>Sends an encrypted call and returns its decrypted, typed content with the envelope's txID (for audit records).</summary>
    public async Task<(TResponse Content, string? TxId)> SendWithTxIdAsync<TRequest, TResponse>(
        IAmSmartFunction operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var (envelope, key) = await SendEncryptedAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        if (envelope.EncryptedContent is null)
        {
            throw new IAmSmartServiceException(
                $"iAM Smart {operation.Name} reported success but returned no content.", isTransient: false, envelope.Code, envelope.TxId);
        }

        return (DecryptContent(envelope.EncryptedContent, key, responseType, operation.Name, envelope.TxId), envelope.TxId);
    }

    /// <summary>Sends an encrypted call whose success carries no content the caller needs.</summary>
    public async Task<string?> SendWithoutResultAsync<TRequest>(
        IAmSmartFunction operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var (envelope, _) = await SendEncryptedAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        return envelope.TxId;
    }

    /// <summary>Decrypts and deserializes content under a key (responses, and callbacks with their own key).</summary>
    public T DecryptContent<T>(string encryptedContent, ContentKey key, JsonTypeInfo<T> type, string operation, string? txId)
    {
        var plaintext = _session.Cipher.Decrypt(encryptedContent, key);
        try
        {
            return JsonSerializer.Deserialize(plaintext, type)
                ?? throw new IAmSmartServiceException($"iAM Smart {operation} returned empty content.", isTransient: false, txId: txId);
        }
        catch (JsonException ex)
        {
            // The exception's own message may quote the plaintext: keep only its position.
            throw new IAmSmartServiceException(
                $"iAM Smart {operation} returned content that is not the expected JSON (at {ex.Path}, line {ex.LineNumber}).", isTransient: false, txId: txId);
        }
        finally
        {
            // The plaintext holds tokens, openIDs and personal data (getToken, anonymous getResult, profile): once parsed,
            // wipe it rather than leave it in a garbage-collected buffer (docs/security.md, "Personal data").
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private async Task<(ResponseEnvelope Envelope, ContentKey Key)> SendEncryptedAsync<TRequest>(
        IAmSmartFunction operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var plaintext = SerializeRequest(request, requestType);
        try
        {
            var key = await Keys.GetAsync(cancellationToken).ConfigureAwait(false);
            var envelope = await _channel.SendAsync(operation, WrapContent(_session.Cipher.Encrypt(plaintext, key)), cancellationToken, throwOnError: false).ConfigureAwait(false);
            if (ReturnCodes.IsContentKeyError(envelope.Code))
            {
                // The server refused the key before acting on the request, so sending once more is safe for every call (contract §3; S4).
                Log.ContentKeyRejected(_channel.Logger, operation.Name, envelope.Code!);
                key = await Keys.RefreshAsync(key, cancellationToken).ConfigureAwait(false);
                envelope = await _channel.SendAsync(operation, WrapContent(_session.Cipher.Encrypt(plaintext, key)), cancellationToken, throwOnError: false).ConfigureAwait(false);
            }

            IAmSmartChannel.ThrowIfFailed(envelope, operation);
            return (envelope, key);
        }
        finally
        {
            // The request plaintext holds the access token, authorisation code or HKIC hash: wipe it once sent.
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The request's JSON, as the production client writes it (see <see cref="RequestWriterOptions"/>).</summary>
    internal static byte[] SerializeRequest<TRequest>(TRequest request, JsonTypeInfo<TRequest> requestType)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, RequestWriterOptions))
        {
            JsonSerializer.Serialize(writer, request, requestType);
        }

        return buffer.ToArray();
    }

    // Built by hand, not by the serializer: the signature covers these exact bytes, and Base64 needs no escaping.
    internal static string WrapContent(string content) => string.Concat("{\"content\":\"", content, "\"}");
}
