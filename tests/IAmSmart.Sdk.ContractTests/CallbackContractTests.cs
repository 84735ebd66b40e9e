using System.Text.Json.Nodes;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Callback contracts (contract §2.3): iAM Smart POSTs {txID, code, message, content, secretKey}; secretKey is the CEK
/// it used, wrapped under the e-service's KEK, and may be a new one. No server is needed.
/// </summary>
public sealed class CallbackContractTests
{
    public static TheoryData<int> VectorCallbacks => [.. Enumerable.Range(0, ContractData.Callbacks.Count)];

    // The bulk-signing callbacks (bdss-*: a token callback without code, multipart-only result pages) have their own
    // tests in BulkSigningContractTests.
    public static TheoryData<string> CallbackFixtures
        => [.. Directory.EnumerateFiles(Path.Combine(WireMockServer.RootDirectory, "callbacks"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Where(name => !name.StartsWith("bdss-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The fixtures that also carry their envelope as a multipart body (addendum §A3).</summary>
    public static TheoryData<string> MultipartCallbackFixtures
        => [.. CallbackFixtures.Select(row => row.Data).Where(name => ContractData.Callback(name)["multipart"] is not null)];

    [Fact]
    public void The_fixtures_include_a_multipart_and_a_key_member_callback()
    {
        var names = CallbackFixtures.Select(row => row.Data).ToList();
        Assert.NotEmpty(MultipartCallbackFixtures);
        Assert.Contains(names, name => ContractData.Callback(name)["body"]!["key"] is not null);
    }

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task A_vector_callback_secretKey_unwraps_to_a_new_cek_under_the_test_kek(int index)
    {
        var callback = ContractData.Callbacks[index]!;
        var ring = new KeyEncryptionKeyRing([ContractData.CreateKek()]);

        var key = await ring.UnwrapAsync(ContractData.Text(callback["body"]!["secretKey"]), publicKeyBase64: null, expiresAt: null, TestContext.Current.CancellationToken);

        Assert.Equal(ContentKey.FromBase64(ContractData.Text(callback["expectedCek"])), key);
        Assert.NotEqual(ContractData.GetKeyCek, key);
    }

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task A_vector_callback_content_decrypts_to_the_expected_payload_in_either_shape(int index)
    {
        var callback = ContractData.Callbacks[index]!;
        var ring = new KeyEncryptionKeyRing([ContractData.CreateKek()]);
        var key = await ring.UnwrapAsync(ContractData.Text(callback["body"]!["secretKey"]), null, null, TestContext.Current.CancellationToken);

        var plaintext = JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt(ContractData.Text(callback["body"]!["content"]), key))!.AsObject();

        // The wrapped shape is {"content":{…}} (S4); the bare shape is the business object itself (contract §2.3).
        var payload = ContractData.Text(callback["shape"]) switch
        {
            "wrapped" => plaintext["content"],
            "bare" => plaintext,
            var other => throw new Xunit.Sdk.XunitException($"Unknown callback shape '{other}' in the vector file."),
        };
        Assert.True(JsonNode.DeepEquals(callback["expectedPayload"], payload), $"callback {index}: payload differs from expectedPayload.");
        Assert.Equal("D00000", ContractData.Text(callback["body"]!["code"]));
    }

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task Adopting_the_callback_key_makes_it_current_without_a_getKey(int index)
    {
        var callback = ContractData.Callbacks[index]!;
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            // Nothing listens here: a getKey would fail the test.
            BaseUrl = new Uri("http://127.0.0.1:9/"),
            ClientId = ContractData.ClientId,
            ClientSecret = ContractData.ClientSecret,
            MaxRetries = 0,
        };
        options.KeyEncryptionKeys.Add(ContractData.CreateKek());
        var client = IAmSmartClient.Create(options);
        var ring = options.CreateKeyRing();
        var key = await ring.UnwrapAsync(ContractData.Text(callback["body"]!["secretKey"]), null, null, TestContext.Current.CancellationToken);

        Assert.True(client.ContentKeys.Adopt(key));
        Assert.False(client.ContentKeys.Adopt(key));

        Assert.Equal(key, client.ContentKeys.Current);
        Assert.Equal(key, await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(CallbackFixtures))]
    public async Task A_generated_callback_fixture_decrypts_to_its_sample(string name)
    {
        var fixture = ContractData.Callback(name);
        var body = fixture["body"]!.AsObject();

        Assert.Matches("^D\\d{5}$", ContractData.Text(body["code"]));
        Assert.StartsWith("<T=", ContractData.Text(body["txID"]), StringComparison.Ordinal);
        if (fixture["payloadSample"] is null)
        {
            // A failure callback without content (contract §2.3: content may be missing).
            Assert.NotEqual("D00000", ContractData.Text(body["code"]));
            Assert.Null(body["content"]);
            return;
        }

        var ring = new KeyEncryptionKeyRing([ContractData.CreateKek()]);
        // The wrapped CEK is under "secretKey" or, as the spec's scope tables name it, "key" (addendum §A3.1).
        var key = await ring.UnwrapAsync(ContractData.Text(body["secretKey"] ?? body["key"]), null, null, TestContext.Current.CancellationToken);
        var plaintext = JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt(ContractData.Text(body["content"]), key));
        var expected = ContractData.Sample(ContractData.Text(fixture["payloadSample"])["samples/".Length..]);
        Assert.True(JsonNode.DeepEquals(expected, plaintext), $"callbacks/{name}.json does not decrypt to its sample: regenerate the fixtures.");
    }

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task The_callback_processor_reads_a_vector_callback_in_either_shape(int index)
    {
        var callback = ContractData.Callbacks[index]!;
        using var client = OfflineClient();
        var body = System.Text.Encoding.UTF8.GetBytes(callback["body"]!.ToJsonString());

        var read = await client.Callbacks.ReadAsync(body, TestContext.Current.CancellationToken);

        Assert.True(read.IsSuccess);
        Assert.Equal(ContractData.Text(callback["body"]!["txID"]), read.TxId);
        Assert.Equal(ContractData.Text(callback["expectedPayload"]!["businessID"]), read.BusinessId);
        Assert.Equal(ContractData.Text(callback["expectedPayload"]!["state"]), read.State);
        Assert.True(JsonNode.DeepEquals(callback["expectedPayload"], JsonNode.Parse(read.Payload!.Value.GetRawText())));
    }

    [Theory]
    [MemberData(nameof(CallbackFixtures))]
    public async Task The_callback_processor_maps_each_generated_callback_to_its_outcome(string name)
    {
        var fixture = ContractData.Callback(name);
        using var client = OfflineClient();
        var code = ContractData.Text(fixture["body"]!["code"]);

        var read = await client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(fixture["body"]!.ToJsonString()), TestContext.Current.CancellationToken);

        Assert.Equal(code, read.Code);
        Assert.Equal(code == "D00000", read.IsSuccess);
        if (!read.IsSuccess)
        {
            Assert.True(Transport.ReturnCodes.TryGet(code, out var info));
            Assert.Equal(info.Outcome, read.Outcome);
        }
    }

    // A client that must not call iAM Smart: nothing listens at its base URL.
    private static IAmSmartClient OfflineClient()
    {
        var options = new IAmSmartOptions
        {
            Environment = IAmSmartEnvironment.Custom,
            BaseUrl = new Uri("http://127.0.0.1:9/"),
            ClientId = ContractData.ClientId,
            ClientSecret = ContractData.ClientSecret,
            MaxRetries = 0,
        };
        options.KeyEncryptionKeys.Add(ContractData.CreateKek());
        return IAmSmartClient.Create(options);
    }

    [Theory]
    [MemberData(nameof(MultipartCallbackFixtures))]
    public async Task A_multipart_callback_fixture_reads_the_same_as_its_json_body(string name)
    {
        var fixture = ContractData.Callback(name);
        var multipart = fixture["multipart"]!;

        using var client = OfflineClient();
        var asJson = await client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(fixture["body"]!.ToJsonString()), TestContext.Current.CancellationToken);
        var asMultipart = await client.Callbacks.ReadAsync(
            System.Text.Encoding.UTF8.GetBytes(ContractData.Text(multipart["body"])), ContractData.Text(multipart["contentType"]), TestContext.Current.CancellationToken);

        Assert.Equal(asJson.Code, asMultipart.Code);
        Assert.Equal(asJson.BusinessId, asMultipart.BusinessId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(asJson.Payload!.Value.GetRawText()), JsonNode.Parse(asMultipart.Payload!.Value.GetRawText())));
    }
}
