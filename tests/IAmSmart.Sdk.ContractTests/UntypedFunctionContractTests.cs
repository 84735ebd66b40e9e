using System.Text.Json.Nodes;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// The fixtures of functions the SDK has no typed client for yet (profile, profiles, e-ME, anonymous e-ME), exercised
/// with a raw signed and encrypted request built from the SDK's public crypto. This proves the mappings accept a correct
/// request and answer content that decrypts to the sample. Step-up and signing go through their typed clients
/// (StepUpContractTests, SigningContractTests, SigningErrorContractTests).
/// TODO: move each case to the typed form-filling clients (profile, e-ME, anonymous e-ME) when they exist; keep the
/// journal checks.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class UntypedFunctionContractTests(WireMockServer server)
{
    // Function fixture name -> (SDK operation, request sample, response sample).
    private static readonly Dictionary<string, (ApiOperation Operation, string Request, string? Response)> Functions = new(StringComparer.Ordinal)
    {
        ["profile-initiate"] = (ApiOperations.Profile, "profile-initiate.json", "profile-initiate.json"),
        ["profiles"] = (ApiOperations.Profiles, "profiles.json", "profiles.json"),
        ["eme-initiate"] = (ApiOperations.EMe, "eme-initiate.json", "eme-initiate.json"),
        ["anonymous-eme-initiate"] = (ApiOperations.AnonymousEMe, "anonymous-eme-initiate.json", "anonymous-eme-initiate.json"),
        ["anonymous-eme-getResult"] = (ApiOperations.AnonymousEMeResult, "anonymous-getResult.json", "anonymous-eme-getResult.json"),
    };

    public static TheoryData<string> FunctionNames => [.. Functions.Keys];

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public async Task A_correct_request_gets_the_sample_answer_encrypted_under_the_cek(string function)
    {
        var (operation, requestSample, responseSample) = Functions[function];
        using var session = await ContractSession.StartAsync(server);
        var request = ContractData.Sample("requests/" + requestSample);

        var (status, envelope) = await session.PostRawAsync(operation.Path, request, ContractData.GetKeyCek);

        Assert.Equal(200, status);
        Assert.Equal(ReturnCodes.Success, envelope["code"]!.GetValue<string>());
        Assert.Equal("SUCCESS", envelope["message"]!.GetValue<string>());
        Assert.StartsWith("<T=", envelope["txID"]!.GetValue<string>(), StringComparison.Ordinal);
        if (responseSample is null)
        {
            Assert.Null(envelope["content"]);
        }
        else
        {
            var expected = ContractData.Sample("responses/" + responseSample);
            Assert.True(JsonNode.DeepEquals(expected, envelope["content"]), $"{function}: decrypted content differs from samples/responses/{responseSample}.");
        }

        var logged = Assert.Single(await session.JournalAsync());
        Assert.True(logged.IsFor(operation.Path));
        Assert.True(JsonNode.DeepEquals(request, RequestJournal.AssertHonoursContract(logged, ContractData.GetKeyCek)));
    }

    [Theory]
    [InlineData("eme-initiate", "D20009")]
    [InlineData("profile-initiate", "D20008")]
    public async Task An_error_contract_answers_its_code_for_any_encrypted_function(string function, string code)
    {
        var (operation, requestSample, _) = Functions[function];
        using var session = await ContractSession.StartAsync(server, code);

        var (status, envelope) = await session.PostRawAsync(operation.Path, ContractData.Sample("requests/" + requestSample), ContractData.GetKeyCek);

        Assert.Equal(200, status);
        Assert.Equal(code, envelope["code"]!.GetValue<string>());
        Assert.Null(envelope["content"]);
    }

    [Fact]
    public async Task A_request_with_a_bad_body_shape_matches_no_mapping()
    {
        using var session = await ContractSession.StartAsync(server);

        // Plaintext JSON instead of {"content":"AAAAD…"}: the fixtures must refuse it, or they would prove nothing.
        using var content = new StringContent("{\"code\":\"x\",\"grantType\":\"authorization_code\"}", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "api/v1/" + ApiOperations.GetToken.Path)) { Content = content };
        request.Headers.TryAddWithoutValidation(RequestJournal.TestIdHeader, session.TestId);
        foreach (var (name, value) in new[] { ("clientID", ContractData.ClientId), ("signatureMethod", "HmacSHA256"), ("timestamp", "1557048906183"), ("nonce", "abc"), ("signature", "abc%3D") })
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.False(Assert.Single(await session.JournalAsync()).WasMatched);
    }
}
