using System.Reflection;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// The fixtures agree with the vector file they were generated from and with the SDK's paths; and the tests' own
/// signature check agrees with the vector file. When these fail, run: node tests/contracts/generate-fixtures.mjs
/// </summary>
public sealed class FixtureConsistencyTests
{
    public static TheoryData<string> OperationNames
        => [.. IAmSmartFunctions.All.Where(f => f.IsServerToServer).Select(f => f.Name)];

    public static TheoryData<string> MappingNames => [.. ContractData.Mappings().Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void The_journal_signature_check_reproduces_every_signature_vector()
    {
        var vectors = ContractData.Vectors["requestSignatures"]!.AsArray();

        Assert.NotEmpty(vectors);
        foreach (var v in vectors)
        {
            Assert.Equal(
                ContractData.Text(v!["signatureHeader"]),
                RequestJournal.ExpectedSignature(
                    ContractData.Text(v["clientSecret"]), ContractData.Text(v["clientID"]), ContractData.Text(v["signatureMethod"]),
                    ContractData.Text(v["timestamp"]), ContractData.Text(v["nonce"]), ContractData.Text(v["body"])));
        }
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void Every_SDK_operation_has_a_success_mapping_on_its_path(string operationName)
    {
        var operation = IAmSmartFunctions.All.Single(f => f.Name == operationName);

        var mappings = ContractData.Mappings().Values.Where(m => m["metadata"]?["case"]?.GetValue<string>() == "success");

        Assert.Single(mappings, m => m["request"]!["urlPath"]?.GetValue<string>() == "/" + IAmSmartEndpoints.ApiRoot + operation.Route);
    }

    [Theory]
    [MemberData(nameof(MappingNames))]
    public void Every_mapping_requires_the_signed_headers_of_the_vector_client(string name)
    {
        var headers = ContractData.Mappings()[name]["request"]!["headers"]!.AsObject();

        Assert.Equal(ContractData.ClientId, headers["clientID"]!["equalTo"]!.GetValue<string>());
        Assert.Equal("HmacSHA256", headers["signatureMethod"]!["equalTo"]!.GetValue<string>());
        Assert.NotNull(headers["timestamp"]!["matches"]);
        Assert.NotNull(headers["nonce"]!["matches"]);
        Assert.NotNull(headers["signature"]!["matches"]);
    }

    [Theory]
    [MemberData(nameof(MappingNames))]
    public void Every_encrypted_success_answer_decrypts_under_the_getKey_cek_to_its_sample(string name)
    {
        var mapping = ContractData.Mappings()[name];
        var metadata = mapping["metadata"]!;
        var body = mapping["response"]!["jsonBody"];
        if (metadata["responseSample"] is not JsonValue sample)
        {
            // Error contracts, the key functions and ackResult answer no encrypted content.
            Assert.True(body?["content"] is null or JsonObject, $"{name} answers encrypted content without naming its sample.");
            return;
        }

        var plaintext = AesGcmContentCipher.Instance.Decrypt(ContractData.Text(body!["content"]), ContractData.GetKeyCek);

        var expected = ContractData.Sample(sample.GetValue<string>()["samples/".Length..]);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(plaintext)), $"mappings/{name}.json does not decrypt to its sample: regenerate the fixtures.");
    }

    [Fact]
    public void The_getKey_mapping_answers_the_vector_getKey_response()
    {
        var expected = ContractData.Vectors["getKeyResponse"]!.DeepClone().AsObject();
        expected.Remove("expectedCek");

        var answered = ContractData.Mappings()["getKey-success"]["response"]!["jsonBody"];

        Assert.True(JsonNode.DeepEquals(expected, answered), "mappings/getKey-success.json is not the vector file's getKeyResponse: regenerate the fixtures.");
    }

    [Fact]
    public void The_vector_getKey_content_names_the_test_kek()
    {
        var kek = ContractData.CreateKek();

        var pubKey = ContractData.Text(ContractData.Vectors["getKeyResponse"]!["content"]!["pubKey"]);

        Assert.Equal(Convert.ToBase64String(kek.SubjectPublicKeyInfo.Span), pubKey);
    }
}
