using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The one place that builds, encrypts, sends and unwraps every iAM Smart API call: serialize with a source-generated
/// JSON context, encrypt with the content key, wrap as <c>{"content":"…"}</c>, send (the handlers sign and retry),
/// read the envelope, map the return code, decrypt and deserialize. On D30002–D30004 it fetches a new content key and
/// sends once more (<see cref="ReturnCodes.IsContentKeyError"/>). It knows nothing of the business meaning of the calls it carries.
/// </summary>
internal sealed class IAmSmartTransport : IContentKeySource
{
    // S4 (production) signs and sends "{}" for getKey/revokeKey; S5–S7 send an empty body. Both are accepted (contract §3).
    internal const string KeyRequestBody = "{}";

    // Request bodies are written as the production client writes them (S4): '+', '/', '=', CJK text such as a department
    // name, and & < > ' stay literal instead of becoming \uXXXX. The default encoder escapes them so that JSON is safe to
    // embed in HTML; that does not apply here: the body is encrypted, sent server to server, and never put in a page.
    // Writing the same bytes the production client writes keeps what iAM Smart decrypts identical, so a server that
    // compares or stores text verbatim sees no difference. This is the one place request JSON is written, so every
    // source-generated context (whose attribute cannot name an encoder) gets it. Still escaped: '"', '\\', control
    // characters, and characters outside the Basic Multilingual Plane (emoji), which the relaxed encoder always escapes.
    private static readonly JsonWriterOptions RequestWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _apiBase;
    private readonly KeyEncryptionKeyRing _keyRing;
    private readonly IContentCipher _cipher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // The x-forwarded-for value of a view made by ForEndUser; null on the client's own transport.
    private readonly string? _endUserIp;

    public IAmSmartTransport(
        Func<HttpClient> httpClient,
        Uri apiBase,
        KeyEncryptionKeyRing keyRing,
        IContentCipher cipher,
        TimeProvider time,
        TimeSpan contentKeyRefreshMargin,
        ILoggerFactory? loggerFactory)
    {
        _httpClient = httpClient;
        _apiBase = apiBase;
        _keyRing = keyRing;
        _cipher = cipher;
        _time = time;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<IAmSmartTransport>();
        Keys = new ContentKeyManager(this, time, contentKeyRefreshMargin, loggerFactory.CreateLogger<ContentKeyManager>());
    }

    // A view for the calls made on behalf of one end user: everything is shared (keys included, so getKey and
    // revokeKey stay client-wide and carry no end-user IP); only the header differs.
    private IAmSmartTransport(IAmSmartTransport shared, string endUserIp)
    {
        _httpClient = shared._httpClient;
        _apiBase = shared._apiBase;
        _keyRing = shared._keyRing;
        _cipher = shared._cipher;
        _time = shared._time;
        _logger = shared._logger;
        Keys = shared.Keys;
        _endUserIp = endUserIp;
    }

    /// <summary>A transport that sends <paramref name="endUserIp"/> as <see cref="EndUserIpHeader.Name"/> on each business call.</summary>
    public IAmSmartTransport ForEndUser(IPAddress endUserIp) => new(this, EndUserIpHeader.Format(endUserIp));

    /// <summary>The end-user IP this transport sends, as sent; <see langword="null"/> when none.</summary>
    public string? EndUserIp => _endUserIp;

    /// <summary>The content keys of this client.</summary>
    public ContentKeyManager Keys { get; }

    /// <summary>The key-encryption keys of this client.</summary>
    public KeyEncryptionKeyRing KeyRing => _keyRing;

    /// <summary>The content cipher of this client.</summary>
    public IContentCipher Cipher => _cipher;

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
        var plaintext = _cipher.Decrypt(encryptedContent, key);
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

    async Task<ContentKey> IContentKeySource.FetchAsync(CancellationToken cancellationToken)
    {
        var envelope = await SendRawAsync(IAmSmartFunctions.GetKey, KeyRequestBody, cancellationToken).ConfigureAwait(false);
        if (envelope.PlainContent is not { } content)
        {
            throw new IAmSmartServiceException("iAM Smart security.getKey returned no key.", isTransient: false, envelope.Code, envelope.TxId);
        }

        var issued = content.Deserialize(TransportJsonContext.Default.GetKeyContent)
            ?? throw new IAmSmartServiceException("iAM Smart security.getKey returned an empty key.", isTransient: false, envelope.Code, envelope.TxId);
        if (string.IsNullOrEmpty(issued.SecretKey))
        {
            throw new IAmSmartServiceException("iAM Smart security.getKey returned no secretKey.", isTransient: false, envelope.Code, envelope.TxId);
        }

        var expiresAt = issued.Lifetime() is { } lifetime ? _time.GetUtcNow() + lifetime : (DateTimeOffset?)null;
        return await _keyRing.UnwrapAsync(issued.SecretKey, issued.PubKey, expiresAt, cancellationToken).ConfigureAwait(false);
    }

    async Task IContentKeySource.RevokeAsync(CancellationToken cancellationToken)
        => await SendRawAsync(IAmSmartFunctions.RevokeKey, KeyRequestBody, cancellationToken).ConfigureAwait(false);

    private async Task<(ResponseEnvelope Envelope, ContentKey Key)> SendEncryptedAsync<TRequest>(
        IAmSmartFunction operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var plaintext = SerializeRequest(request, requestType);
        try
        {
            var key = await Keys.GetAsync(cancellationToken).ConfigureAwait(false);
            var envelope = await SendRawAsync(operation, WrapContent(_cipher.Encrypt(plaintext, key)), cancellationToken, throwOnError: false).ConfigureAwait(false);
            if (ReturnCodes.IsContentKeyError(envelope.Code))
            {
                // The server refused the key before acting on the request, so sending once more is safe for every call (contract §3; S4).
                Log.ContentKeyRejected(_logger, operation.Name, envelope.Code!);
                key = await Keys.RefreshAsync(key, cancellationToken).ConfigureAwait(false);
                envelope = await SendRawAsync(operation, WrapContent(_cipher.Encrypt(plaintext, key)), cancellationToken, throwOnError: false).ConfigureAwait(false);
            }

            ThrowIfFailed(envelope, operation);
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

    private async Task<ResponseEnvelope> SendRawAsync(IAmSmartFunction operation, string body, CancellationToken cancellationToken, bool throwOnError = true)
    {
        using var activity = IAmSmartTelemetry.ActivitySource.StartActivity($"iAM Smart {operation.Name}", ActivityKind.Client);
        activity?.SetTag(IAmSmartTelemetry.Tags.Operation, operation.Name);
        var started = _time.GetTimestamp();
        string code = "none";
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_apiBase, operation.Path))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            message.Options.Set(RequestSigningHandler.BodyKey, body);
            message.Options.Set(ResilienceHandler.OperationKey, operation);
            if (_endUserIp is not null)
            {
                // A plain header outside the signed message (addendum §A7); the signing handler never reads it.
                message.Headers.TryAddWithoutValidation(EndUserIpHeader.Name, _endUserIp);
            }

            using var response = await _httpClient().SendAsync(message, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var envelope = ReadEnvelope(bytes, response.StatusCode, operation);
            code = envelope.Code!;
            activity?.SetTag(IAmSmartTelemetry.Tags.Code, code);
            activity?.SetTag(IAmSmartTelemetry.Tags.TxId, envelope.TxId);
            if (envelope.IsSuccess)
            {
                Log.CallCompleted(_logger, operation.Name, code, envelope.TxId, _time.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                activity?.SetStatus(ActivityStatusCode.Error, code);
                Log.CallFailed(_logger, operation.Name, code, envelope.TxId, envelope.Message);
            }

            if (throwOnError)
            {
                ThrowIfFailed(envelope, operation);
            }

            return envelope;
        }
        catch (Exception ex) when (ex is not IAmSmartException && ex is not OperationCanceledException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new IAmSmartServiceException(
                $"iAM Smart {operation.Name} could not be reached or did not answer in time: {ex.GetType().Name}.", isTransient: true, innerException: ex);
        }
        finally
        {
            var tags = new TagList { { IAmSmartTelemetry.Tags.Operation, operation.Name }, { IAmSmartTelemetry.Tags.Code, code } };
            IAmSmartTelemetry.Requests.Add(1, tags);
            IAmSmartTelemetry.RequestDuration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static ResponseEnvelope ReadEnvelope(byte[] body, HttpStatusCode status, IAmSmartFunction operation)
    {
        try
        {
            return ResponseEnvelope.Parse(body, operation.Name, status);
        }
        catch (IAmSmartServiceException) when ((int)status >= 400)
        {
            // Business errors come as HTTP 200 with a code (contract §2.2); a bare HTTP error is the gateway's.
            var transient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
            throw new IAmSmartServiceException(
                $"iAM Smart {operation.Name} answered HTTP {(int)status} ({status}).", transient, statusCode: status);
        }
    }

    private static void ThrowIfFailed(in ResponseEnvelope envelope, IAmSmartFunction operation)
    {
        if (!envelope.IsSuccess)
        {
            throw ReturnCodes.ToException(envelope.Code!, envelope.Message, envelope.TxId, envelope.StatusCode, operation.Name);
        }
    }
}
