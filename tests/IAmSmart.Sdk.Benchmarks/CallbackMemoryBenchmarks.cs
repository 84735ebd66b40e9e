using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// Memory per large callback (issue 13 item 5): a genuine e-ME success callback of about 1 MB or 14 MB (an address-proof
/// file, Base64 inside the encrypted content) goes through the endpoint that <c>MapIAmSmartCallbacks</c> maps, as a request
/// arrives: JSON body stream, <c>Content-Length</c>, the concurrency gate, the pooled body buffer, then
/// <c>AcceptCallbackAsync</c> (decrypt, parse, correlate, seal, store). One at a time, and eight at once (the default
/// <c>MaxConcurrentCallbacks</c>). <c>Allocated</c> is per invocation, that is for all the callbacks that arrived together;
/// the column <c>Alloc/body</c> divides it by concurrency × the body size (about <see cref="BodyMegabytes"/> MiB; the exact
/// size is printed in the log), the multiple the issue asks for (target at most 2x the body).
/// </summary>
/// <remarks>
/// No server is in the measured path: the endpoint's request delegate is called with a <see cref="DefaultHttpContext"/>
/// whose body is a read-only <see cref="MemoryStream"/> over the prepared bytes, so the figure is the SDK's allocation,
/// not a test host's copies. The operations and their callbacks (a fresh content key each, wrapped under the KEK's
/// public key: iAM Smart's work) are made before each iteration and the completed operations removed after it; both
/// are outside the measured time and allocation. The body buffers come from the shared array pool, so after the warm-up
/// iterations they are reused, as they are in a running e-service.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CallbackMemoryBenchmarks
{
    private readonly List<(string BusinessId, byte[] Body)> _callbacks = [];
    private RSA _kek = null!;
    private IAmSmartClient _client = null!;
    private InMemoryPendingOperationStore _store = null!;
    private WebApplication _app = null!;
    private RequestDelegate _endpoint = null!;
    private string _file = string.Empty;

    /// <summary>The approximate size of the callback body, in MB.</summary>
    [Params(1, 14)]
    public int BodyMegabytes { get; set; }

    /// <summary>How many callbacks arrive at once.</summary>
    [Params(1, 8)]
    public int Concurrency { get; set; }

    /// <summary>The size of one callback body as built, in bytes (the denominator of the multiple).</summary>
    public int BodyBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _kek = CallbackInputs.NewKek();
        _store = new InMemoryPendingOperationStore();
        _client = CallbackInputs.Client(_kek, TimeProvider.System, _store);

        // Body ≈ 4/3 × (payload + GCM overhead): a file of 0.75 × 0.75 × the body fills the payload as Base64.
        var fileBytes = (int)(BodyMegabytes * 1024L * 1024 * 9 / 16);
        _file = Convert.ToBase64String(RandomNumberGenerator.GetBytes(fileBytes));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IServer, NoServer>(); // never started: requests are handed to the endpoint directly
        builder.Services.AddSingleton(_client);
        _app = builder.Build();
        _app.MapIAmSmartCallbacks();
        _endpoint = ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Single().RequestDelegate!;

        // Check once, outside any measurement, that the callbacks are accepted (each completes its operation, which
        // CompleteIteration checks), not cheaply rejected.
        PrepareCallbacks();
        BodyBytes = _callbacks[0].Body.Length;
        Callbacks().GetAwaiter().GetResult();
        Console.WriteLine($"// callback body: {BodyBytes} bytes ({BodyBytes / 1048576.0:F2} MB)");
        CompleteIteration();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _client.Dispose();
        _kek.Dispose();
    }

    /// <summary>Begins one operation per callback of the coming invocation and builds its callback, as iAM Smart would.</summary>
    [IterationSetup]
    public void PrepareCallbacks()
    {
        _callbacks.Clear();
        for (var i = 0; i < Concurrency; i++)
        {
            var operation = _client.Operations.BeginAsync(IAmSmartFunctions.EMe).GetAwaiter().GetResult();
            var payload = Encoding.UTF8.GetBytes(
                $$$"""{"businessID":"{{{operation.BusinessId}}}","state":"{{{operation.State}}}","formData":{"enNameSurname":"CHAN","addressDocFile":"{{{_file}}}"}}""");
            _callbacks.Add((operation.BusinessId, CallbackInputs.Success(_kek, payload).Body));
        }

        GC.Collect(); // the bodies just built are not the measured iteration's garbage
    }

    /// <summary>Checks that every callback completed its operation (outside the measurement), then removes them.</summary>
    [IterationCleanup]
    public void CompleteIteration()
    {
        foreach (var (businessId, _) in _callbacks)
        {
            var stored = _store.GetAsync(businessId).GetAwaiter().GetResult();
            if (stored?.Completion is null)
            {
                throw new InvalidOperationException("A callback did not complete its operation.");
            }

            _store.RemoveAsync(businessId).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "POST callback to MapIAmSmartCallbacks (per callback)")]
    public Task Callbacks()
    {
        if (Concurrency == 1)
        {
            return _endpoint(Request(_callbacks[0].Body));
        }

        var tasks = new Task[_callbacks.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var body = _callbacks[i].Body;
            tasks[i] = Task.Run(() => _endpoint(Request(body)));
        }

        return Task.WhenAll(tasks);
    }

    private DefaultHttpContext Request(byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = _app.Services };
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/signin-iamsmart-callback";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        return context;
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

    internal sealed class Config : ManualConfig
    {
        public Config()
        {
            // One invocation per iteration: each needs its own operations and multi-megabyte callbacks. In process: the
            // figure is allocation, not time, and no boilerplate project has to be built on a loaded machine.
            AddJob(Job.ShortRun.WithInvocationCount(1).WithUnrollFactor(1).WithStrategy(RunStrategy.Monitoring)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new MultipleOfBodyColumn());
        }
    }

    /// <summary>Allocated bytes per callback as a multiple of the callback body.</summary>
    private sealed class MultipleOfBodyColumn : IColumn
    {
        public string Id => nameof(MultipleOfBodyColumn);

        public string ColumnName => "Alloc/body";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Metric;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Allocated per callback divided by the callback body size (BodyMegabytes MiB)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            long? bytes = summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            if (bytes is null)
            {
                return "-";
            }

            var megabytes = Convert.ToDouble(benchmarkCase.Parameters[nameof(BodyMegabytes)], CultureInfo.InvariantCulture);
            var concurrency = Convert.ToDouble(benchmarkCase.Parameters[nameof(Concurrency)], CultureInfo.InvariantCulture);
            return (bytes.Value / (concurrency * megabytes * 1024 * 1024)).ToString("F2", CultureInfo.InvariantCulture) + "x";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
