using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.ContractTests.Infrastructure;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// The in-process WireMock.Net server and the translation of the Java-format mappings: every mapping is served, the
/// regexes match whole values as in Java WireMock, and a field the loader does not translate is refused.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class WireMockNetServerTests(WireMockServer server)
{
    [Fact]
    public void Every_mapping_file_is_served_on_loopback()
    {
        Assert.Equal(ContractData.Mappings().Count, server.MappingCount);
        Assert.Equal(ContractData.Mappings().Count, server.Running.Mappings.Count(m => !m.IsAdminInterface));
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
    }

    [Theory]
    [InlineData("1557048906183", true)]
    [InlineData("15570489061830", false)] // 14 digits: WireMock.Net's own regex matcher would accept a part of it
    [InlineData("x1557048906183", false)]
    public async Task Header_patterns_match_the_whole_value(string timestamp, bool served)
    {
        using var session = await ContractSession.StartAsync(server);
        using var response = await SendGetTokenAsync(session, timestamp, "{\"content\":\"AAAADabc\"}");

        Assert.Equal(served ? 200 : 404, (int)response.StatusCode);
        var logged = Assert.Single(await session.JournalAsync());
        Assert.Equal(served, logged.WasMatched);
        if (served)
        {
            Assert.StartsWith("getToken: success", logged.MappingName, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"content\":\"AAAADabc\"} ")] // the whole-body regex must match the whole body
    [InlineData("{\"content\":\"AAAADabc\",\"x\":1}")]
    [InlineData("{\"content\":\"xAAAADabc\"}")]
    [InlineData("")]
    public async Task Body_patterns_are_all_required(string body)
    {
        using var session = await ContractSession.StartAsync(server);
        using var response = await SendGetTokenAsync(session, "1557048906183", body);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.False(Assert.Single(await session.JournalAsync()).WasMatched);
    }

    [Theory]
    [InlineData("""{"request":{"urlPath":"/x","method":"GET"},"response":{"status":200,"fixedDelayMilliseconds":10}}""")]
    [InlineData("""{"request":{"urlPath":"/x","headers":{"a":{"contains":"b"}}},"response":{"status":200}}""")]
    [InlineData("""{"request":{"urlPath":"/x","bodyPatterns":[{"equalToJson":"{}"}]},"response":{"status":200}}""")]
    [InlineData("""{"request":{"urlPath":"/x","bodyPatterns":[{"matchesJsonPath":"$..content"}]},"response":{"status":200}}""")]
    [InlineData("""{"request":{"url":"/x"},"response":{"status":200}}""")]
    [InlineData("""{"request":{"urlPath":"/x"},"response":{"status":200},"persistent":true}""")]
    public void A_field_the_loader_does_not_translate_is_refused(string mapping)
    {
        var before = server.Running.Mappings.Count;

        Assert.ThrowsAny<Exception>(() => JavaMappingLoader.Add(server.Running, JsonNode.Parse(mapping)!.AsObject()));
        Assert.Equal(before, server.Running.Mappings.Count);
    }

    private async Task<HttpResponseMessage> SendGetTokenAsync(ContractSession session, string timestamp, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "api/v1/auth/getToken"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(RequestJournal.TestIdHeader, session.TestId);
        foreach (var (name, value) in new[] { ("clientID", ContractData.ClientId), ("signatureMethod", "HmacSHA256"), ("timestamp", timestamp), ("nonce", "abc"), ("signature", "abc%3D") })
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
