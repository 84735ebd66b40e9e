using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using Microsoft.Extensions.Time.Testing;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// Clients, a KEK and callbacks built the way iAM Smart builds them (contract §2.3; as tests/…/Support/CallbackBuilder.cs
/// does): a fresh 32-byte content key per callback, wrapped under the KEK's public key with RSA-2048 PKCS#1 v1.5, and the
/// payload AES-256-GCM encrypted under it.
/// </summary>
internal static class CallbackInputs
{
    public const string TxId = "<T=0123456789abcdef0123456789abcdef>";

    /// <summary>A new RSA-2048 key pair, generated for the run (no key material is kept in the repository).</summary>
    public static RSA NewKek() => RSA.Create(2048);

    /// <summary>Options with the benchmark credentials and <paramref name="kek"/> as the only KEK (a copy: the caller keeps its own).</summary>
    public static IAmSmartOptions Options(RSA kek)
    {
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            BaseUrl = new Uri("https://iamsmart.test/"),
            ClientId = BenchmarkInputs.ClientId,
            ClientSecret = BenchmarkInputs.ClientSecret,
        };
        options.KeyEncryptionKeys.Add(RsaKeyEncryptionKey.FromPem(kek.ExportPkcs8PrivateKeyPem()));
        return options;
    }

    /// <summary>A client with an in-memory store on <paramref name="time"/>; it never reaches the network (the handler refuses every request).</summary>
    public static IAmSmartClient Client(RSA kek, TimeProvider time, InMemoryPendingOperationStore store)
        => IAmSmartClient.Create(Options(kek), new RefusingHandler(), timeProvider: time, operationStore: store);

    /// <summary>The step-up business object of an operation (the smallest callback payload).</summary>
    public static byte[] StepUpPayload(string businessId, string state)
        => Encoding.UTF8.GetBytes($$"""{"businessID":"{{businessId}}","state":"{{state}}","isPassed":true}""");

    /// <summary>A success callback body for <paramref name="payload"/> under a fresh content key, and that key's raw bytes.</summary>
    public static (byte[] Body, byte[] KeyBytes, string WrappedKey, string Content) Success(RSA kekPublic, byte[] payload)
    {
        var keyBytes = RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes);
        var content = AesGcmContentCipher.Instance.Encrypt(payload, new ContentKey(keyBytes));
        var wrapped = Convert.ToBase64String(kekPublic.Encrypt(keyBytes, RSAEncryptionPadding.Pkcs1));
        var body = Encoding.UTF8.GetBytes($$"""{"txID":"{{TxId}}","code":"D00000","message":"SUCCESS","content":"{{content}}","secretKey":"{{wrapped}}"}""");
        return (body, keyBytes, wrapped, content);
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new InvalidOperationException("The benchmarks never call iAM Smart.");
    }
}

/// <summary>
/// A clock the benchmark moves by hand: <see cref="FakeTimeProvider"/> under the name the benchmarks use. Nothing the
/// benchmarks run creates a timer on it, so its <see cref="FakeTimeProvider.Advance"/> only moves the time.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : FakeTimeProvider(start);
