using System.Text.Json;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Callbacks;

namespace IAmSmart.Sdk.Tests.Support;

/// <summary>
/// The known-answer vector file copied into TestVectors/. Tests read every value from it, so that a file of the same
/// schema with other keys and values passes too.
/// </summary>
internal static class TestVectors
{
    private static readonly Lazy<JsonObject> Root = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestVectors", "iamsmart-vectors.json")))!.AsObject());

    public static JsonArray Section(string name) => Root.Value[name]!.AsArray();

    public static JsonObject Object(string name) => Root.Value[name]!.AsObject();

    /// <summary>Callbacks built as iAM Smart builds them, their content keys wrapped under the file's KEK public key.</summary>
    public static CallbackBuilder Callbacks => LazyCallbacks.Value;

    private static readonly Lazy<CallbackBuilder> LazyCallbacks = new(() => new CallbackBuilder(Object("kek").Str("pubKey")));

    /// <summary>Indexes of a section's entries, for theories (the entry is looked up in the test).</summary>
    public static TheoryData<int> Indexes(string section)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Section(section).Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static long Long(this JsonNode node, string name) => node[name]!.GetValue<long>();

    /// <summary>The client ID and secret of the file (every requestSignatures entry uses the same pair).</summary>
    public static (string ClientId, string ClientSecret) Credentials()
    {
        var first = Section("requestSignatures")[0]!;
        return (first.Str("clientID"), first.Str("clientSecret"));
    }

    /// <summary>Whether two JSON texts hold the same value, ignoring member order and white space.</summary>
    public static bool JsonEquals(string a, string b) => JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));

    public static string ToJson(this JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
