using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// The parts of <see cref="CallOverheadBenchmarks"/> one by one, to see where the time goes. The <c>Raw…</c> ones are the
/// bare BCL calls under encrypt, decrypt and sign on the same sizes: the SDK's share of each part is the difference.
/// </summary>
[MemoryDiagnoser]
public class ComponentBenchmarks
{
    private readonly HmacSha256RequestSigner _signer = new(BenchmarkInputs.ClientSecret);
    private readonly ContentKey _key = new(BenchmarkInputs.KeyBytes());
    private readonly byte[] _plaintext = Encoding.UTF8.GetBytes("""{"code":"ec95a17527cafeb80899ccb9","grantType":"authorization_code"}""");
    private static readonly byte[] TokenJson = Encoding.UTF8.GetBytes(BenchmarkInputs.TokenJson);
    private string _content = string.Empty;
    private byte[] _envelope = [];
    private readonly AesGcm _aes = new(BenchmarkInputs.KeyBytes(), AesGcmContentCipher.TagSizeInBytes);
    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, BenchmarkInputs.ClientSecretBytes());
    private readonly byte[] _iv = new byte[AesGcmContentCipher.IvSizeInBytes]; // fixed: nothing is sent
    private readonly byte[] _tag = new byte[AesGcmContentCipher.TagSizeInBytes];
    private byte[] _ciphertext = [];
    private byte[] _decrypted = [];
    private byte[] _signingInput = [];

    [GlobalSetup]
    public void Setup()
    {
        _content = AesGcmContentCipher.Instance.Encrypt(_plaintext, _key);
        _envelope = BenchmarkInputs.SuccessEnvelope(_content);
        _ciphertext = new byte[_plaintext.Length];
        _decrypted = new byte[_plaintext.Length];
        _aes.Encrypt(_iv, _plaintext, _ciphertext, _tag);
        _signingInput = Encoding.UTF8.GetBytes(BenchmarkInputs.ClientId + HmacSha256RequestSigner.Method + BenchmarkInputs.Timestamp + BenchmarkInputs.Nonce + _content);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }

    [Benchmark]
    public void RawEncrypt() => _aes.Encrypt(_iv, _plaintext, _ciphertext, _tag);

    [Benchmark]
    public void RawDecrypt() => _aes.Decrypt(_iv, _ciphertext, _tag, _decrypted);

    [Benchmark]
    public void RawHmac()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.AppendData(_signingInput);
        _hmac.GetHashAndReset(mac);
    }

    [Benchmark]
    public string? ParseEnvelope() => IAmSmart.Sdk.Transport.ResponseEnvelope.Parse(_envelope, "auth.getToken", System.Net.HttpStatusCode.OK).EncryptedContent;

    [Benchmark]
    public AccessToken DeserializeToken() => JsonSerializer.Deserialize(TokenJson, AuthJsonContext.Default.TokenContent)!.ToAccessToken(null);

    [Benchmark]
    public string Encrypt() => AesGcmContentCipher.Instance.Encrypt(_plaintext, _key);

    [Benchmark]
    public byte[] Decrypt() => AesGcmContentCipher.Instance.Decrypt(_content, _key);

    [Benchmark]
    public string Sign() => _signer.Sign(BenchmarkInputs.ClientId, BenchmarkInputs.Timestamp, BenchmarkInputs.Nonce, _content);

    [Benchmark]
    public string Nonce() => IAmSmart.Sdk.Transport.RequestStamp.NextNonce();

    [Benchmark]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(new GetTokenRequest { Code = "ec95a17527cafeb80899ccb9" }, AuthJsonContext.Default.GetTokenRequest);
}
