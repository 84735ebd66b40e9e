using System.Net;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>
/// <c>MapIAmSmartBulkSigningCallbacks</c>: the BSQC token (JSON) and the paged <c>multipart/form-data</c> results reach
/// the bulk operation; malformed multipart is a 400 with a fixed reason, never a 500.
/// </summary>
public sealed class BulkSigningCallbackEndpointTests
{
    private const string Path = "/iamsmart/callback/bulk-signing";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IAmSmartTestHost> StartAsync() => IAmSmartTestHost.StartAsync(beforeAuthentication: app => app.MapIAmSmartBulkSigningCallbacks());

    private static Task<HttpResponseMessage> PostAsync(IAmSmartTestHost host, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return host.Client.PostAsync(Path, content, Ct);
    }

    private static async Task<BulkSigningOperation> StartBulkAsync(IAmSmartTestHost host)
    {
        host.IAmSmart.OnJson(IAmSmartFunctions.BulkSigning.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""));
        var client = host.Services.GetRequiredService<IAmSmartClient>();
        var uri = new Uri("https://rp.example" + Path);
        return await client.Signing.StartBulkSigningAsync(new BulkSigningRequest
        {
            BusinessId = "bulk-web-1",
            State = "bulk-web-state-1",
            AccessToken = new AccessToken("tok", "open", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(4), IAmSmartUserType.SigningCapable, IAmSmartScope.ParseList("eidapi_auth eidapi_bulksign")),
            TokenCallbackUri = uri,
            ResultCallbackUri = uri,
            Source = IAmSmartSource.PcBrowser,
            ServiceName = "Account opening",
            RequestName = "Pack",
            Documents = [new BulkHashDocument { Id = "d1", DocumentName = "Mandate", HashCode = "aGFzaA==" }],
        }, Ct);
    }

    [Fact]
    public async Task The_token_and_a_result_page_are_acknowledged_and_complete_the_operation()
    {
        await using var host = await StartAsync();
        var operation = await StartBulkAsync(host);
        var token = """{"txID":"<T=1>","content":{"businessID":"bulk-web-1","state":"bulk-web-state-1","BSQCToken":"bsqc-web"}}"""u8.ToArray();
        var payload = """{"businessID":"bulk-web-1","state":"bulk-web-state-1","cert":"Y2VydA==","totalCallbacks":1,"callbackSeq":1,"totalSignNum":1,"failSignNum":0}""";
        var (page, pageType) = CallbackBuilder.Multipart(
            TestVectors.Callbacks.Success(payload), """ "signatures": [{"id":"d1","hash":"aGFzaA==","timestamp":1556450176000,"signature":"c2ln"}]""");

        var tokenResponse = await PostAsync(host, token, "application/json");
        var pageResponse = await PostAsync(host, page, pageType);
        var outcome = await operation.WaitForCompletionAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.True(Assert.Single(outcome.Documents).IsSigned);
        Assert.Equal("bsqc-web", await host.Services.GetRequiredService<IAmSmartClient>().Signing.FindBulkSigningTokenAsync("bulk-web-1", Ct));
    }

    [Theory]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"sigMetada\"\r\n", "multipart/form-data; boundary=b")]
    [InlineData("no delimiter at all", "multipart/form-data; boundary=b")]
    [InlineData("--b\r\n\r\n{}\r\n--b--", "multipart/form-data")]
    [InlineData("{\"code\":", "application/json")]
    public async Task Malformed_bodies_are_a_400_with_a_fixed_reason(string body, string contentType)
    {
        await using var host = await StartAsync();

        var response = await PostAsync(host, System.Text.Encoding.UTF8.GetBytes(body), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"code":"rejected","reason":"malformed"}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_page_for_no_bulk_operation_is_a_404()
    {
        await using var host = await StartAsync();
        var payload = """{"businessID":"nobody","state":"s","totalCallbacks":1,"callbackSeq":1}""";
        var (page, pageType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(payload), "[]");

        var response = await PostAsync(host, page, pageType);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
