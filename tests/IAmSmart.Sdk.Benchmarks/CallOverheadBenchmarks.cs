using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// The SDK's own cost of one getToken-sized call, without the network: serialize the request, encrypt it, wrap it, sign
/// it; then read the response envelope, decrypt its content and deserialize the token. Target: at most 5 µs and 4 KB
/// allocated per call on a 2-core machine.
/// </summary>
/// <remarks>
/// The baseline is the three BCL crypto calls alone on the same sizes, with no SDK code around them: the part of the
/// call the SDK cannot make cheaper (crypto is BCL-only by decision, docs/design.md). Its ratio to the call shows the
/// SDK's own share on whatever machine runs it, which matters on shared machines whose absolute figures drift.
/// </remarks>
[MemoryDiagnoser]
public class CallOverheadBenchmarks
{
    private readonly HmacSha256RequestSigner _signer = new(BenchmarkInputs.ClientSecret);
    private readonly ContentKey _key = new(BenchmarkInputs.KeyBytes());
    private readonly GetTokenRequest _request = new() { Code = "ec95a17527cafeb80899ccb9" };
    private byte[] _responseBody = [];

    // The baseline's inputs: the same sizes as the call's request, signing input and response (a fixed IV is fine: nothing is sent).
    private readonly AesGcm _aes = new(BenchmarkInputs.KeyBytes(), AesGcmContentCipher.TagSizeInBytes);
    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchmarkInputs.ClientSecretBytes());
    private readonly byte[] _iv = new byte[AesGcmContentCipher.IvSizeInBytes];
    private readonly byte[] _tag = new byte[AesGcmContentCipher.TagSizeInBytes];
    private byte[] _requestPlaintext = [];
    private byte[] _requestCiphertext = [];
    private byte[] _signingInput = [];
    private byte[] _responseCiphertext = [];
    private byte[] _responseTag = [];
    private byte[] _responsePlaintext = [];

    [GlobalSetup]
    public void Setup()
    {
        var content = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(BenchmarkInputs.TokenJson), _key);
        _responseBody = BenchmarkInputs.SuccessEnvelope(content);

        _requestPlaintext = JsonSerializer.SerializeToUtf8Bytes(_request, AuthJsonContext.Default.GetTokenRequest);
        _requestCiphertext = new byte[_requestPlaintext.Length];
        var body = IAmSmartTransport.WrapContent(AesGcmContentCipher.Instance.Encrypt(_requestPlaintext, _key));
        _signingInput = Encoding.UTF8.GetBytes(BenchmarkInputs.ClientId + HmacSha256RequestSigner.Method + BenchmarkInputs.Timestamp + RequestStamp.NextNonce() + body);
        _responsePlaintext = new byte[Encoding.UTF8.GetByteCount(BenchmarkInputs.TokenJson)];
        _responseCiphertext = new byte[_responsePlaintext.Length];
        _responseTag = new byte[AesGcmContentCipher.TagSizeInBytes];
        _aes.Encrypt(_iv, Encoding.UTF8.GetBytes(BenchmarkInputs.TokenJson), _responseCiphertext, _responseTag);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }

    [Benchmark(Baseline = true, Description = "baseline: the three BCL crypto calls alone (AES-GCM encrypt, HMAC-SHA256, AES-GCM decrypt)")]
    public void CryptoPrimitivesOnly()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _aes.Encrypt(_iv, _requestPlaintext, _requestCiphertext, _tag);
        _hmac.AppendData(_signingInput);
        _hmac.GetHashAndReset(mac);
        _aes.Decrypt(_iv, _responseCiphertext, _responseTag, _responsePlaintext);
    }

    [Benchmark(Description = "getToken-sized call: serialize, encrypt, sign, parse, decrypt, deserialize")]
    public AccessToken GetTokenCall()
    {
        // Request leg.
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(_request, AuthJsonContext.Default.GetTokenRequest);
        var body = IAmSmartTransport.WrapContent(AesGcmContentCipher.Instance.Encrypt(plaintext, _key));
        var signature = _signer.Sign(BenchmarkInputs.ClientId, 1557053922000L.ToString(CultureInfo.InvariantCulture), RequestStamp.NextNonce(), body);
        GC.KeepAlive(signature);

        // Response leg.
        var envelope = ResponseEnvelope.Parse(_responseBody, "auth.getToken", System.Net.HttpStatusCode.OK);
        var token = JsonSerializer.Deserialize(AesGcmContentCipher.Instance.Decrypt(envelope.EncryptedContent!, _key), AuthJsonContext.Default.TokenContent)!;
        return token.ToAccessToken(envelope.TxId);
    }
}
