using System.Text;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>The invented credentials, key and getToken-sized payloads every benchmark uses, in one place.</summary>
internal static class BenchmarkInputs
{
    public const string ClientId = "1f99d4bfb37374f6d275aa898790e8c9";
    public const string ClientSecret = "9c9384f2b60e42fc3e6e983ec69530c0";
    public const string Timestamp = "1557053922000";
    public const string Nonce = "7c2972107d8b9d9e60adf71989a88b47";

    public const string TokenJson = """{"accessToken":"5ddc9ccf32fa2c6ed3dff1730e047ad9","tokenType":"Bearer","issueAt":1557053922938,"expiresIn":14400000,"openID":"caO58FEFUhjuZx8WsCmhPhGnKJVvVkilNbcn22FuUCI%3D","lastModifiedDate":1560849218006,"userType":"sign","scope":"eidapi_auth eidapi_formFilling eidapi_sign"}""";

    /// <summary>A fixed 32-byte content key (bytes 0..31).</summary>
    public static byte[] KeyBytes() => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public static byte[] ClientSecretBytes() => Encoding.UTF8.GetBytes(ClientSecret);

    /// <summary>The <c>txID, code, message, content</c> envelope of a successful response around <paramref name="content"/>.</summary>
    public static byte[] SuccessEnvelope(string content)
        => Encoding.UTF8.GetBytes($$"""{"txID":"<T=bb785d3c5cc2b092821aba4f1ac60d03>","code":"D00000","message":"SUCCESS","content":"{{content}}"}""");
}
