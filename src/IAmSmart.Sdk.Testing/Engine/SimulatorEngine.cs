using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// The one request-processing core of the simulator. The in-process handler and the loopback server both turn their
/// requests into <see cref="SimulatorRequest"/> and call <see cref="HandleAsync"/>; nothing else knows the rules.
/// </summary>
internal sealed partial class SimulatorEngine : IDisposable
{
    // Functions are routed by IAmSmartFunction.Route (version segment and path) below the API root, as the SDK resolves them.
    private const string ApiPrefix = "/" + IAmSmartEndpoints.ApiRoot;
    private const string DecidePath = IAmSmartEndpoints.ApiVersion + "/auth/simulator/decide";

    // Written as a Java server writes it: '<', '>' and Chinese characters as they are, not as \uXXXX escapes.
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ContentKeyVault _vault;
    private readonly RequestAuthenticator _authenticator;
    private readonly FaultInjector _faults;
    private readonly RSA _kek;
    private readonly byte[] _kekSpki;
    private readonly Dictionary<string, Func<RequestParameters, JsonObject?>> _functions;
    private readonly Lock _state = new();

    public SimulatorEngine(SimulatorOptions options, RSA kek, SimulatorCertificateAuthority authority, SimulatorScript script, CallbackLog callbacks)
    {
        _options = options;
        _time = options.TimeProvider;
        _kek = kek;
        _kekSpki = kek.ExportSubjectPublicKeyInfo();
        Authority = authority;
        Script = script;
        Callbacks = callbacks;
        _vault = new ContentKeyVault(options);
        _authenticator = new RequestAuthenticator(options);
        _faults = new FaultInjector(options.Faults);
        _functions = new(StringComparer.Ordinal)
        {
            [IAmSmartFunctions.GetToken.Route] = GetToken,
            [IAmSmartFunctions.StepUp.Route] = StepUp,
            [IAmSmartFunctions.Profile.Route] = Profile,
            [IAmSmartFunctions.Profiles.Route] = Profiles,
            [IAmSmartFunctions.EMe.Route] = EMe,
            [IAmSmartFunctions.HashSigning.Route] = HashSigning,
            [IAmSmartFunctions.PdfSigning.Route] = PdfSigning,
            [IAmSmartFunctions.SigningAck.Route] = SigningAck,
            [IAmSmartFunctions.AnonymousEMe.Route] = AnonymousEMe,
            [IAmSmartFunctions.AnonymousEMeResult.Route] = AnonymousEMeResult,
            [IAmSmartFunctions.AnonymousHashSigning.Route] = AnonymousHashSigning,
            [IAmSmartFunctions.AnonymousHashSigningResult.Route] = AnonymousHashSigningResult,
            [IAmSmartFunctions.AnonymousPdfSigning.Route] = AnonymousPdfSigning,
            [IAmSmartFunctions.AnonymousPdfSigningResult.Route] = AnonymousPdfSigningResult,
            [IAmSmartFunctions.BulkSigning.Route] = BulkSigning,
            [IAmSmartFunctions.AnonymousBulkSigning.Route] = AnonymousBulkSigning,
            [IAmSmartFunctions.BulkSigningToken.Route] = BulkSigningToken,
            [IAmSmartFunctions.BulkSigningStatus.Route] = BulkSigningStatus,
            [IAmSmartFunctions.BulkSigningCancel.Route] = BulkSigningCancel,
            [IAmSmartFunctions.BulkSigningAck.Route] = BulkSigningAck,
            [IAmSmartFunctions.AppHashSigning.Route] = AppHashSigning,
            [IAmSmartFunctions.AppPdfSigning.Route] = AppPdfSigning,
            [IAmSmartFunctions.AppBulkSigning.Route] = AppBulkSigning,
        };
        if (options.DeliverCallbacksAutomatically)
        {
            _deliveryTimer = _time.CreateTimer(_ => DeliverInBackground(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public SimulatorCertificateAuthority Authority { get; }

    public SimulatorScript Script { get; }

    public CallbackLog Callbacks { get; }

    /// <summary>Retires the content key at once, as a scheduled rotation would: the next request under it gets D30002.</summary>
    public void RotateContentKey() => _vault.Retire();

    /// <summary>Answers one request.</summary>
    public async Task<SimulatorResponse> HandleAsync(SimulatorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var apiIndex = request.Path.IndexOf(ApiPrefix, StringComparison.Ordinal);
        if (apiIndex < 0)
        {
            return request.Method == HttpMethods.Get && request.Path.TrimEnd('/').Length == 0 ? IndexPage() : Status(HttpStatusCode.NotFound);
        }

        var function = request.Path[(apiIndex + ApiPrefix.Length)..].TrimEnd('/');
        if (function == IAmSmartFunctions.GetQr.Route)
        {
            return request.Method == HttpMethods.Get ? LoginPage(request.Query) : Status(HttpStatusCode.MethodNotAllowed);
        }

        if (function == DecidePath)
        {
            return request.Method == HttpMethods.Post ? Decide(request.Body.Span) : Status(HttpStatusCode.MethodNotAllowed);
        }

        var isKeyFunction = function == IAmSmartFunctions.GetKey.Route || function == IAmSmartFunctions.RevokeKey.Route;
        if (!isKeyFunction && !_functions.ContainsKey(function))
        {
            return Status(HttpStatusCode.NotFound);
        }

        if (request.Method != HttpMethods.Post)
        {
            return Status(HttpStatusCode.MethodNotAllowed);
        }

        // A gateway refuses an oversized body before anything else (contract §2.2: 413 above 10 MB).
        if (request.IsOversized || request.Body.Length > _options.MaxRequestBodyBytes)
        {
            return Status(HttpStatusCode.RequestEntityTooLarge);
        }

        // Injected faults strike before any processing, so a retry after one is always safe.
        switch (_faults.NextCallFault())
        {
            case InjectedFault.ServerError:
                return Status(HttpStatusCode.ServiceUnavailable);
            case InjectedFault.Timeout:
                await Task.Delay(_options.Faults.TimeoutDuration, _time, cancellationToken).ConfigureAwait(false);
                return Status(HttpStatusCode.GatewayTimeout);
        }

        try
        {
            _authenticator.Verify(request.Headers, request.Body.Span);
            if (function == IAmSmartFunctions.GetKey.Route)
            {
                return GetKey();
            }

            if (function == IAmSmartFunctions.RevokeKey.Route)
            {
                _vault.Retire();
                return Envelope(ReturnCodes.Success, "SUCCESS", null);
            }

            var (parameters, key) = DecryptRequest(request.Body.Span);
            var content = _functions[function](parameters);
            var response = Envelope(ReturnCodes.Success, "SUCCESS", JsonValue.Create(Encrypt(content ?? [], key)));
            DeliverInBackground();
            return response;
        }
        catch (SimulatorApiException ex)
        {
            return Envelope(ex.Code, ex.Message, null);
        }
    }

    public void Dispose()
    {
        _deliveryTimer?.Dispose();
        _deliveryGate.Dispose();
    }

    private SimulatorResponse GetKey()
    {
        var issued = _vault.GetOrIssue();
        var content = new JsonObject
        {
            ["secretKey"] = WrapKey(issued),
            ["pubKey"] = Convert.ToBase64String(_kekSpki),
            ["issueAt"] = issued.IssuedAt.ToUnixTimeMilliseconds(),
            ["expiresIn"] = (long)issued.Lifetime.TotalMilliseconds,
        };
        return Envelope(ReturnCodes.Success, "SUCCESS", content);
    }

    private string WrapKey(ContentKeyVault.IssuedKey key) => Convert.ToBase64String(_kek.Encrypt(key.Bytes.ToArray(), RSAEncryptionPadding.Pkcs1));

    private (RequestParameters Parameters, ContentKey Key) DecryptRequest(ReadOnlySpan<byte> body)
    {
        string? content;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("content", out var element))
            {
                throw SimulatorApiException.Missing("content");
            }

            content = element.ValueKind == JsonValueKind.String ? element.GetString() : throw SimulatorApiException.Invalid("content");
        }
        catch (JsonException)
        {
            throw SimulatorApiException.Invalid("content");
        }

        if (string.IsNullOrEmpty(content))
        {
            throw SimulatorApiException.Empty("content");
        }

        // Content under an expired, revoked, rotated or unknown key does not decrypt under the current one.
        var key = _vault.Current()?.Key ?? throw ContentKeyRefused();
        byte[] plaintext;
        try
        {
            plaintext = AesGcmContentCipher.Instance.Decrypt(content, key);
        }
        catch (IAmSmartCryptographyException)
        {
            throw ContentKeyRefused();
        }

        try
        {
            return JsonNode.Parse(plaintext) is JsonObject json
                ? (new RequestParameters(json), key)
                : throw SimulatorApiException.Invalid("content");
        }
        catch (JsonException)
        {
            throw SimulatorApiException.Invalid("content");
        }
    }

    private static SimulatorApiException ContentKeyRefused() => new("D30002", "content encryption key not exist or expired");

    private static string Encrypt(JsonObject content, ContentKey key)
        => AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(content.ToJsonString(WireJson)), key);

    private static string NewTxId() => $"<T={Guid.NewGuid():N}>";

    private static SimulatorResponse Envelope(string code, string message, JsonNode? content)
    {
        var envelope = new JsonObject { ["txID"] = NewTxId(), ["code"] = code, ["message"] = message };
        if (content is not null)
        {
            envelope["content"] = content;
        }

        // Business errors are HTTP 200 with a code (contract §2.2).
        return new SimulatorResponse(HttpStatusCode.OK, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(envelope.ToJsonString(WireJson)));
    }

    private static SimulatorResponse Status(HttpStatusCode status) => new(status, null, ReadOnlyMemory<byte>.Empty);

    private static class HttpMethods
    {
        public const string Get = "GET";
        public const string Post = "POST";
    }
}
