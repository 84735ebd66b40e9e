using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// The vector file and the plaintext samples, read at run time from the copies next to the test assembly, so the tests
/// hold for any vector file of the same schema (regenerate the mappings with generate-fixtures.mjs after changing it).
/// </summary>
public static class ContractData
{
    private static readonly Lazy<JsonObject> LazyVectors = new(() => Load("iamsmart-vectors.json").AsObject());

    /// <summary>The whole vector file.</summary>
    public static JsonObject Vectors => LazyVectors.Value;

    /// <summary>The e-service client ID the mappings require (the first signature vector's).</summary>
    public static string ClientId => Text(Vectors["requestSignatures"]![0]!["clientID"]);

    /// <summary>The client secret that goes with <see cref="ClientId"/>.</summary>
    public static string ClientSecret => Text(Vectors["requestSignatures"]![0]!["clientSecret"]);

    /// <summary>The test KEK's private key (PKCS#8 PEM).</summary>
    public static string KekPrivateKeyPem => Text(Vectors["kek"]!["privateKeyPkcs8Pem"]);

    /// <summary>The CEK the getKey mapping hands out, wrapped under the test KEK.</summary>
    public static ContentKey GetKeyCek => ContentKey.FromBase64(Text(Vectors["getKeyResponse"]!["expectedCek"]));

    /// <summary>The <c>issueAt</c> of the getKey response: the tests' clock starts there, so the CEK is fresh.</summary>
    public static DateTimeOffset GetKeyIssuedAt
        => DateTimeOffset.FromUnixTimeMilliseconds(Vectors["getKeyResponse"]!["content"]!["issueAt"]!.GetValue<long>());

    /// <summary>The vector file's callbacks (wrapped and bare shapes).</summary>
    public static JsonArray Callbacks => Vectors["callbacks"]!.AsArray();

    /// <summary>A new key-encryption key from the vector file's private key.</summary>
    public static RsaKeyEncryptionKey CreateKek() => RsaKeyEncryptionKey.FromPem(KekPrivateKeyPem);

    /// <summary>A plaintext sample (<c>samples/…</c>) with its <c>${vector:…}</c> references resolved, as the generator does.</summary>
    /// <param name="relativePath">For example <c>responses/getToken.json</c>.</param>
    public static JsonNode Sample(string relativePath) => ResolveVectorReferences(Load(Path.Combine("samples", relativePath)));

    /// <summary>A generated callback fixture (<c>callbacks/…</c>).</summary>
    /// <param name="name">For example <c>eme-result</c>.</param>
    public static JsonObject Callback(string name) => Load(Path.Combine("callbacks", name + ".json")).AsObject();

    /// <summary>The <c>txID</c> a function's success mapping answers, for example for <c>profiles</c>.</summary>
    /// <param name="function">The fixture name of the function.</param>
    public static string SuccessTxId(string function)
        => Text(Mappings()[function + "-success"]["response"]?["jsonBody"]?["txID"]);

    /// <summary>Every WireMock mapping, by file name without extension.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Mappings()
        => Directory.EnumerateFiles(Path.Combine(WireMockServer.RootDirectory, "mappings"), "*.json")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => JsonNode.Parse(File.ReadAllText(f))!.AsObject(), StringComparer.Ordinal);

    /// <summary>Reads a string value, failing clearly when the vector file lacks it.</summary>
    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("The vector file lacks a value the contract tests need.");

    private static JsonNode Load(string relativePath)
    {
        var path = Path.Combine(WireMockServer.RootDirectory, relativePath);
        return JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is empty.");
    }

    private static JsonNode ResolveVectorReferences(JsonNode node)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith("${vector:", StringComparison.Ordinal) && text.EndsWith('}'):
                return Lookup(text["${vector:".Length..^1]).DeepClone();
            case JsonArray array:
                return new JsonArray([.. array.Select(item => item is null ? null : ResolveVectorReferences(item))]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, child) in obj)
                {
                    result[name] = child is null ? null : ResolveVectorReferences(child);
                }

                return result;
            default:
                return node.DeepClone();
        }
    }

    private static JsonNode Lookup(string path)
    {
        JsonNode? node = Vectors;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(part, out var index) => index < array.Count ? array[index] : null,
                JsonObject obj => obj[part],
                _ => null,
            };
        }

        return node ?? throw new InvalidOperationException($"The vector file has no value at '{path}'.");
    }
}
