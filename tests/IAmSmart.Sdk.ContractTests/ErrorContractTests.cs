using System.Net;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Error contracts (contract §2.2, §10) through the typed getToken call. Each test selects its answer with the
/// X-Contract-Case header; the fixture answers that code for any encrypted function, so the same cases serve the
/// typed step-up, signing and form-filling clients (SigningErrorContractTests, FormFillingErrorContractTests).
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class ErrorContractTests(WireMockServer server)
{
    public static TheoryData<string, string> BusinessErrors => new()
    {
        { "D20006", nameof(IAmSmartConfigurationException) },
        { "D20008", nameof(IAmSmartConfigurationException) },
        { "D20009", nameof(IAmSmartExpiredException) },
        { "D20012", nameof(IAmSmartConfigurationException) },
        { "D40004", nameof(IAmSmartExpiredException) },
        { "D70004", nameof(IAmSmartUserOutcomeException) },
        { "D70005", nameof(IAmSmartUserOutcomeException) },
        { "M10001", nameof(IAmSmartConfigurationException) },
        { "M99992", nameof(IAmSmartConfigurationException) },
        { "S00001", nameof(IAmSmartServiceException) },
        { "C00001", nameof(IAmSmartServiceException) },
    };

    [Theory]
    [MemberData(nameof(BusinessErrors))]
    public async Task A_business_error_code_becomes_its_exception_and_is_not_resent(string code, string exceptionType)
    {
        using var session = await ContractSession.StartAsync(server, code);

        var error = await Assert.ThrowsAnyAsync<IAmSmartException>(
            () => session.Client.Auth.GetTokenAsync("ct-" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken));

        Assert.Equal(exceptionType, error.GetType().Name);
        Assert.Equal(code, error.Code);
        // S00001 and C00001 are transient (addendum §A2.1), yet getToken is never resent: its code is single-use.
        Assert.Equal(code is "S00001" or "C00001", error is IAmSmartServiceException { IsTransient: true });
        Assert.StartsWith("<T=", error.TxId, StringComparison.Ordinal);
        Assert.DoesNotContain(ContractData.ClientSecret, error.Message, StringComparison.Ordinal);
        var journal = await session.JournalAsync();
        Assert.Single(journal, r => r.IsFor(IAmSmartFunctions.GetKey.Path));
        var getToken = Assert.Single(journal, r => r.IsFor(IAmSmartFunctions.GetToken.Path));
        RequestJournal.AssertHonoursContract(getToken, ContractData.GetKeyCek);
    }

    [Fact]
    public async Task D30002_on_getToken_fetches_a_new_key_and_resends_getToken_once()
    {
        using var session = await ContractSession.StartAsync(server, "D30002-once");
        var code = "ct-" + Guid.NewGuid().ToString("N");
        var expected = ContractData.Sample("responses/getToken.json");

        var token = await session.Client.Auth.GetTokenAsync(code, TestContext.Current.CancellationToken);

        Assert.Equal(expected["accessToken"]!.GetValue<string>(), token.Token);
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.GetToken.Path, IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.GetToken.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        Assert.Contains("D30002", journal[1].MappingName, StringComparison.Ordinal);
        Assert.Contains("success", journal[3].MappingName, StringComparison.Ordinal);
        foreach (var request in journal.Where(r => r.IsFor(IAmSmartFunctions.GetToken.Path)))
        {
            var plaintext = RequestJournal.AssertHonoursContract(request, ContractData.GetKeyCek);
            Assert.Equal(code, plaintext["code"]!.GetValue<string>());
        }

        Assert.NotEqual(journal[1].Header("nonce"), journal[3].Header("nonce"));
        Assert.NotEqual(journal[1].Body, journal[3].Body);
    }

    [Fact]
    public async Task A_response_that_is_not_json_is_a_service_error()
    {
        using var session = await ContractSession.StartAsync(server, "not-json");

        var error = await Assert.ThrowsAsync<IAmSmartServiceException>(
            () => session.Client.Auth.GetTokenAsync("ct-" + Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken));

        Assert.Null(error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        var journal = await session.JournalAsync();
        Assert.Single(journal, r => r.IsFor(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task A_request_with_a_bad_body_shape_matches_no_mapping()
    {
        using var session = await ContractSession.StartAsync(server);

        // Plaintext JSON instead of {"content":"AAAAD…"}: the fixtures must refuse it, or they would prove nothing.
        using var content = new StringContent("{\"code\":\"x\",\"grantType\":\"authorization_code\"}", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "api/v1/" + IAmSmartFunctions.GetToken.Path)) { Content = content };
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
