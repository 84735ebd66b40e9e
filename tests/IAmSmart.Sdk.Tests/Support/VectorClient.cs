using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Support;

/// <summary>Builds clients wired to a <see cref="FakeIAmSmartHandler"/> with the vector file's credentials, KEK and CEK.</summary>
internal static class VectorClient
{
    public static IAmSmartOptions Options(TimeProvider? time = null)
    {
        var (clientId, secret) = TestVectors.Credentials();
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            BaseUrl = new Uri("https://iamsmart.test/"),
            ClientId = clientId,
            ClientSecret = secret,
            RetryBaseDelay = TimeSpan.Zero,
        };
        options.KeyEncryptionKeys.Add(Kek());
        return options;
    }

    public static RsaKeyEncryptionKey Kek() => RsaKeyEncryptionKey.FromPem(TestVectors.Object("kek").Str("privateKeyPkcs8Pem"));

    public static ContentKey Cek() => ContentKey.FromBase64(TestVectors.Object("getKeyResponse").Str("expectedCek"));

    /// <summary>The vector file's getKey response, verbatim.</summary>
    public static string GetKeyResponse()
    {
        var response = TestVectors.Object("getKeyResponse").DeepClone().AsObject();
        response.Remove("expectedCek");
        return response.ToJson();
    }

    /// <summary>A handler that issues the vector CEK and answers <paramref name="path"/> with <paramref name="plaintext"/> encrypted under it.</summary>
    public static FakeIAmSmartHandler HandlerAnswering(string path, string plaintext)
        => new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => GetKeyResponse())
            .OnJson(path, (_, _) => Success(plaintext));

    public static string Success(string plaintext, ContentKey? key = null)
        => $$"""{"txID":"<T=00000000000000000000000000000001>","code":"D00000","message":"SUCCESS","content":"{{AesGcmContentCipher.Instance.Encrypt(System.Text.Encoding.UTF8.GetBytes(plaintext), key ?? Cek())}}"}""";

    public static string Failure(string code, string message = "failure")
        => $$"""{"txID":"<T=00000000000000000000000000000002>","code":"{{code}}","message":"{{message}}"}""";

    /// <summary>The plaintext JSON of a request body <c>{"content":"…"}</c> encrypted under the vector CEK.</summary>
    public static System.Text.Json.Nodes.JsonObject DecryptRequest(string body)
    {
        var content = System.Text.Json.Nodes.JsonNode.Parse(body)!["content"]!.GetValue<string>();
        return System.Text.Json.Nodes.JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt(content, Cek()))!.AsObject();
    }

    public static IAmSmartClient Create(FakeIAmSmartHandler handler, IAmSmartOptions? options = null, TimeProvider? time = null)
        => IAmSmartClient.Create(options ?? Options(), handler, timeProvider: time);
}
