using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// Memory per bulk-signing result page (issue 15 item 2): a genuine <c>multipart/form-data</c> page of about 1 MB (100
/// signatures) or 14 MB (1000, the most one page carries) goes through the endpoint that
/// <c>MapIAmSmartBulkSigningCallbacks</c> maps, as <see cref="CallbackMemoryBenchmarks"/> does for JSON callbacks: parts
/// <c>sigFile</c> (Base64 of the list of signatures, encrypted under the page's content key) and <c>sigMetada</c> (the
/// envelope), then decrypt, parse, correlate, seal and store the page, which completes the operation. <c>Alloc/body</c>
/// is the allocation per page divided by the body size.
/// </summary>
/// <remarks>
/// As in <see cref="CallbackMemoryBenchmarks"/>, no server is in the measured path, the operation and its page (a fresh
/// content key wrapped under the KEK's public key) are made before each iteration and removed after it, and pooled
/// buffers are reused after the warm-up. The request body is a <see cref="MemoryStream"/>; the SDK reads it as it reads
/// a socket, without asking its length.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(CallbackMemoryBenchmarks.Config))]
public class BulkSigningCallbackMemoryBenchmarks
{
    private const string Boundary = "b0undary-7MA4YWxk";

    private readonly List<(string BusinessId, byte[] Body)> _pages = [];
    private RSA _kek = null!;
    private IAmSmartClient _client = null!;
    private InMemoryPendingOperationStore _store = null!;
    private WebApplication _app = null!;
    private RequestDelegate _endpoint = null!;

    /// <summary>The approximate size of the page body, in MB.</summary>
    [Params(1, 14)]
    public int BodyMegabytes { get; set; }

    /// <summary>Pages that arrive at once (one: the column shared with <see cref="CallbackMemoryBenchmarks"/> reads it).</summary>
    [Params(1)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kek = CallbackInputs.NewKek();
        _store = new InMemoryPendingOperationStore();
        _client = CallbackInputs.Client(_kek, TimeProvider.System, _store);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IServer, NoServer>();
        builder.Services.AddSingleton(_client);
        _app = builder.Build();
        _app.MapIAmSmartBulkSigningCallbacks();
        _endpoint = ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Single().RequestDelegate!;

        // Once, outside any measurement: the page is accepted and completes its operation (CompleteIteration checks).
        PreparePages();
        Console.WriteLine($"// bulk page body: {_pages[0].Body.Length} bytes ({_pages[0].Body.Length / 1048576.0:F2} MB)");
        Pages().GetAwaiter().GetResult();
        CompleteIteration();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.Dispose();
        _kek.Dispose();
    }

    /// <summary>Begins a bulk operation and builds its one result page, as iAM Smart would.</summary>
    [IterationSetup]
    public void PreparePages()
    {
        _pages.Clear();
        var operation = _client.Operations.BeginAsync(IAmSmartFunctions.BulkSigning).GetAwaiter().GetResult();
        var (body, keyBytes) = Envelope(operation);
        _pages.Add((operation.BusinessId, Multipart(SigFile(keyBytes), body)));
        GC.Collect();
    }

    /// <summary>Checks that the page completed its operation (outside the measurement), then removes both.</summary>
    [IterationCleanup]
    public void CompleteIteration()
    {
        foreach (var (businessId, _) in _pages)
        {
            if (_store.GetAsync(businessId).GetAwaiter().GetResult()?.Completion is null)
            {
                throw new InvalidOperationException("A bulk page did not complete its operation.");
            }

            _store.RemoveAsync(businessId).GetAwaiter().GetResult();
            _store.RemoveAsync(businessId + "#page-1").GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "POST bulk result page to MapIAmSmartBulkSigningCallbacks")]
    public Task Pages()
    {
        var body = _pages[0].Body;
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/signin-iamsmart-callback/bulk-signing";
        context.Request.ContentType = "multipart/form-data; boundary=" + Boundary;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        return _endpoint(context);
    }

    private (byte[] Body, byte[] KeyBytes) Envelope(PendingOperation operation)
    {
        var payload = Encoding.UTF8.GetBytes(
            $$"""{"businessID":"{{operation.BusinessId}}","state":"{{operation.State}}","cert":"Y2VydA==","totalCallbacks":1,"callbackSeq":1,"totalSignNum":{{Signatures}},"failSignNum":0}""");
        var (body, keyBytes, _, _) = CallbackInputs.Success(_kek, payload);
        return (body, keyBytes);
    }

    // 100 signatures a megabyte up to 1000 (the most per page), each sized so that the page is about BodyMegabytes.
    private int Signatures => Math.Min(100 * BodyMegabytes, 1000);

    private string SigFile(byte[] keyBytes)
    {
        // Body ≈ 4/3 × the list: each signature's Base64 gets 3/4 of its share of the body, less its JSON.
        var share = BodyMegabytes * 1024L * 1024 * 3 / 4 / Signatures;
        var signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes((int)((share - 120) * 3 / 4)));
        var list = new StringBuilder("{\"signatures\":[");
        for (var i = 0; i < Signatures; i++)
        {
            list.Append(CultureInfo.InvariantCulture, $$"""{"id":"doc-{{i}}","hash":"aGFzaA==","timestamp":1556450176000,"signature":"{{signature}}"}""").Append(i + 1 < Signatures ? "," : "]}");
        }

        return AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(list.ToString()), new ContentKey(keyBytes));
    }

    private static byte[] Multipart(string sigFile, byte[] envelope)
    {
        var head = Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"sigFile\"; filename=\"signatures.txt\"\r\nContent-Type: text/plain\r\n\r\n{sigFile}\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"sigMetada\"\r\nContent-Type: application/json;charset=UTF-8\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        return [.. head, .. envelope, .. tail];
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
