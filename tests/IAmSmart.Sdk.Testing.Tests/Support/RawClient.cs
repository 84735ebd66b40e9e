using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>
/// A small hand-made iAM Smart client for functions the SDK has no typed client for yet, and for breaking the rules on
/// purpose. Signs and encrypts only with the core's public <see cref="HmacSha256RequestSigner"/> and <see cref="AesGcmContentCipher"/>.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private readonly IAmSmartSimulator _simulator;
    private readonly HttpClient _http;
    private readonly HmacSha256RequestSigner _signer;
    private long _lastTimestamp;

    public RawClient(IAmSmartSimulator simulator, HttpMessageHandler? handler = null, Uri? baseAddress = null)
    {
        _simulator = simulator;
        _http = new HttpClient(handler ?? simulator.CreateHandler()) { BaseAddress = new Uri(baseAddress ?? simulator.BaseUrl, "api/v1/") };
        _signer = new HmacSha256RequestSigner(simulator.ClientSecret);
    }

    public ContentKey? Key { get; set; }

    public HttpClient Http => _http;

    public long NextTimestamp()
    {
        _lastTimestamp = Math.Max(_lastTimestamp + 1, _simulator.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return _lastTimestamp;
    }

    /// <summary>Posts a body with correct headers, unless a test overrides some.</summary>
    public async Task<HttpResponseMessage> PostAsync(
        string path, string body, string? nonce = null, long? timestamp = null, string? signature = null, Action<HttpRequestMessage>? tamper = null)
    {
        var ts = (timestamp ?? NextTimestamp()).ToString(CultureInfo.InvariantCulture);
        nonce ??= Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("clientID", _simulator.ClientId);
        request.Headers.TryAddWithoutValidation("signatureMethod", "HmacSHA256");
        request.Headers.TryAddWithoutValidation("timestamp", ts);
        request.Headers.TryAddWithoutValidation("nonce", nonce);
        request.Headers.TryAddWithoutValidation("signature", signature ?? _signer.Sign(_simulator.ClientId, ts, nonce, body));
        tamper?.Invoke(request);
        return await _http.SendAsync(request);
    }

    public async Task<JsonObject> PostEnvelopeAsync(string path, string body, string? nonce = null, long? timestamp = null, string? signature = null, Action<HttpRequestMessage>? tamper = null)
    {
        using var response = await PostAsync(path, body, nonce, timestamp, signature, tamper);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // business errors are HTTP 200 with a code
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>getKey, then unwraps the key with the test KEK through the core's key ring.</summary>
    public async Task<ContentKey> GetKeyAsync()
    {
        var envelope = await PostEnvelopeAsync("security/getKey", "{}");
        Assert.Equal("D00000", (string?)envelope["code"]);
        var content = envelope["content"]!.AsObject();
        using var kek = _simulator.CreateKeyEncryptionKey();
        var ring = new KeyEncryptionKeyRing([kek]);
        Key = await ring.UnwrapAsync((string)content["secretKey"]!, (string)content["pubKey"]!, expiresAt: null);
        return Key;
    }

    public string Encrypt(JsonObject request) => AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(request.ToJsonString()), Key!);

    /// <summary>An encrypted call: returns the envelope code and the decrypted content on success.</summary>
    public async Task<Reply> CallAsync(string path, JsonObject request)
    {
        Key ??= await GetKeyAsync();
        var envelope = await PostEnvelopeAsync(path, "{\"content\":\"" + Encrypt(request) + "\"}");
        var code = (string)envelope["code"]!;
        JsonObject? content = null;
        if (code == "D00000" && envelope["content"] is JsonValue value)
        {
            content = (JsonObject)JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt((string)value!, Key!))!;
        }

        return new Reply(code, (string?)envelope["message"], (string?)envelope["txID"], content);
    }

    public async Task<JsonObject> GetTokenAsync(string code)
    {
        var reply = await CallAsync("auth/getToken", new JsonObject { ["code"] = code, ["grantType"] = "authorization_code" });
        Assert.Equal("D00000", reply.Code);
        return reply.Content!;
    }

    public void Dispose() => _http.Dispose();

    internal sealed record Reply(string Code, string? Message, string? TxId, JsonObject? Content);
}
