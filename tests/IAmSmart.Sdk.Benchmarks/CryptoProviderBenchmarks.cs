using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using IAmSmart.Sdk.BouncyCastle;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// The two crypto providers side by side on the same inputs: AES-256-GCM decryption of a response content, the HMAC-SHA256
/// request signature over a body, and the RSA-2048 PKCS#1 v1.5 unwrap of a content key (which does not depend on the
/// payload size; it is measured at each size only to sit in the same table).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByMethod)]
public class CryptoProviderBenchmarks : IDisposable
{
    private readonly ContentKey _key = new(BenchmarkInputs.KeyBytes());
    private RSA? _rsa;
    private IContentCipher _cipher = AesGcmContentCipher.Instance;
    private IRequestSigner _signer = new HmacSha256RequestSigner(BenchmarkInputs.ClientSecret);
    private IKeyEncryptionKey? _kek;
    private string _content = string.Empty;
    private string _body = string.Empty;
    private byte[] _wrapped = [];

    [Params("BCL", "BouncyCastle")]
    public string Provider { get; set; } = "BCL";

    [Params(200, 500)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A JSON-like payload of exactly PayloadBytes bytes.
        var plaintext = Encoding.UTF8.GetBytes("{\"data\":\"" + new string('x', PayloadBytes - 11) + "\"}");
        _body = "{\"content\":\"" + new string('A', PayloadBytes - 14) + "\"}";
        _rsa = RSA.Create(2048);
        var bcl = new RsaKeyEncryptionKey(RSA.Create(_rsa.ExportParameters(includePrivateParameters: true)));
        _wrapped = _rsa.Encrypt(BenchmarkInputs.KeyBytes(), RSAEncryptionPadding.Pkcs1);
        if (Provider == "BouncyCastle")
        {
            _cipher = new BouncyCastleContentCipher(SystemRandomSource.Instance);
            _signer = new BouncyCastleRequestSigner(BenchmarkInputs.ClientSecret);
            _kek = BouncyCastleRsaKeyEncryptionKey.Convert(new KeyEncryptionKeyRing([bcl])).Keys[0];
        }
        else
        {
            _cipher = AesGcmContentCipher.Instance;
            _signer = new HmacSha256RequestSigner(BenchmarkInputs.ClientSecret);
            _kek = bcl;
        }

        _content = _cipher.Encrypt(plaintext, _key);
    }

    [Benchmark]
    public byte[] AesGcmDecrypt() => _cipher.Decrypt(_content, _key);

    [Benchmark]
    public string HmacSign() => _signer.Sign(BenchmarkInputs.ClientId, BenchmarkInputs.Timestamp, BenchmarkInputs.Nonce, _body);

    [Benchmark]
    public async Task<byte[]> RsaUnwrap() => await _kek!.UnwrapAsync(_wrapped, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _rsa?.Dispose();
        (_kek as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
