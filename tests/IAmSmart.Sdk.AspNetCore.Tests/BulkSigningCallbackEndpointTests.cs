using System.Net;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
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

    private const string PagePayload = """{"businessID":"bulk-web-1","state":"bulk-web-state-1","cert":"Y2VydA==","totalCallbacks":1,"callbackSeq":1,"totalSignNum":1,"failSignNum":0}""";

    private static readonly string Signed = """ "signatures": [{"id":"d1","hash":"aGFzaA==","timestamp":1556450176000,"signature":"c2ln"}]""";

    // Streamed with no Content-Length (chunked), a few KiB per read, as a slow network delivers it.
    private static Task<HttpResponseMessage> PostStreamedAsync(IAmSmartTestHost host, byte[] body, string contentType, int chunk)
    {
        var content = new StreamContent(new TrickleStream(body, chunk), chunk);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return host.Client.PostAsync(Path, content, Ct);
    }

    private static async Task AssertNothingStoredAsync(IAmSmartTestHost host)
    {
        var store = host.Services.GetRequiredService<IAmSmartClient>().Operations.Store;
        Assert.False((await store.GetAsync("bulk-web-1", Ct))!.IsCompleted);
        Assert.Null(await store.GetAsync("bulk-web-1#page-1", Ct));
    }

    [Fact]
    public async Task A_page_with_a_5_MiB_encrypted_sigFile_streamed_in_small_chunks_completes_the_operation()
    {
        await using var host = await StartAsync();
        var operation = await StartBulkAsync(host);
        var keyBytes = CallbackBuilder.NewKey().Bytes;
        var signature = Convert.ToBase64String(new byte[(5 * 1024 * 1024 * 3 / 4 * 3 / 4) & ~3]); // a sigFile part of about 5 MiB of Base64
        var signatures = $$$"""{"signatures":[{"id":"d1","hash":"aGFzaA==","timestamp":1556450176000,"signature":"{{{signature}}}"}]}""";
        var sigFile = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(signatures), new ContentKey(keyBytes));
        var (page, pageType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload, keyBytes: keyBytes), sigFile);
        Assert.True(page.Length > 5 * 1024 * 1024);

        var response = await PostStreamedAsync(host, page, pageType, chunk: 3000);
        var outcome = await operation.WaitForCompletionAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Assert.Single(outcome.Documents);
        Assert.True(document.IsSigned);
        Assert.Equal(signature, document.HashResult!.Signature);
    }

    public static TheoryData<string, string, HttpStatusCode, string> HostilePages()
    {
        var (page, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload), Signed);
        var text = Encoding.UTF8.GetString(page);
        var boundary = type[(type.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var close = $"--{boundary}--\r\n";
        var open = text[..^close.Length];
        var envelopeAt = text.IndexOf($"--{boundary}\r\nContent-Disposition: form-data; name=\"sigMetada\"", StringComparison.Ordinal);
        var envelopePart = text[envelopeAt..^close.Length];
        return new()
        {
            { "truncated: no delimiter after the last part", open, HttpStatusCode.BadRequest, "malformed" },
            { "a second sigMetada", open + envelopePart + close, HttpStatusCode.BadRequest, "malformed" },
            { "a second sigFile", open + text[..envelopeAt] + close, HttpStatusCode.BadRequest, "malformed" },
            { "a base64 Content-Transfer-Encoding", text.Replace("Content-Type: text/plain", "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64", StringComparison.Ordinal), HttpStatusCode.BadRequest, "malformed" },
            { "too many parts", string.Concat(Enumerable.Repeat($"--{boundary}\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\r\n", 40)) + text, HttpStatusCode.BadRequest, "malformed" },
            { "a header block over 8 KiB", text.Replace("Content-Type: text/plain", "X-Pad: " + new string('p', 9000), StringComparison.Ordinal), HttpStatusCode.BadRequest, "malformed" },
            { "a sigMetada part over 1 MiB", text.Replace("\r\n\r\n{", "\r\n\r\n" + new string(' ', 1024 * 1024 + 1) + "{", StringComparison.Ordinal), HttpStatusCode.RequestEntityTooLarge, "payload_too_large" },
        };
    }

    [Theory]
    [MemberData(nameof(HostilePages))]
    public async Task A_hostile_streamed_page_gets_its_status_and_fixed_reason_and_stores_nothing(string why, string body, HttpStatusCode status, string reason)
    {
        await using var host = await StartAsync();
        await StartBulkAsync(host);

        var response = await PostStreamedAsync(host, Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=b0undary-7MA4YWxk", chunk: 1000);

        Assert.True(response.StatusCode == status, $"{why}: {response.StatusCode}");
        Assert.Equal($$"""{"code":"rejected","reason":"{{reason}}"}""", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingStoredAsync(host);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=\"b@d\"")]
    [InlineData("multipart/form-data; boundary=\"b0undary \"")]
    public async Task A_boundary_outside_RFC_2046_is_a_400(string contentType)
    {
        await using var host = await StartAsync();
        await StartBulkAsync(host);
        var (page, _) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload), Signed, boundary: contentType.Split('"')[1]);

        var response = await PostStreamedAsync(host, page, contentType, chunk: 1000);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingStoredAsync(host);
    }

    [Fact]
    public async Task A_chunked_page_over_MaxBodySize_is_a_413_and_stores_nothing()
    {
        await using var host = await IAmSmartTestHost.StartAsync(
            beforeAuthentication: app => app.MapIAmSmartBulkSigningCallbacks(configure: o => o.MaxBodySize = 64 * 1024));
        await StartBulkAsync(host);
        var (page, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload), Signed + new string(' ', 256 * 1024));

        var response = await PostStreamedAsync(host, page, type, chunk: 4096);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"code":"rejected","reason":"payload_too_large"}""", await response.Content.ReadAsStringAsync(Ct));
        await AssertNothingStoredAsync(host);
    }

    /// <summary>A request body that arrives a few bytes per read, asynchronously.</summary>
    private sealed class TrickleStream(byte[] body, int chunk) : AsyncOnlyRequestBody
    {
        private int _position;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var count = Math.Min(Math.Min(chunk, buffer.Length), body.Length - _position);
            body.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return count;
        }
    }
}
