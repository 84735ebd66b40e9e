using System.Net;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Testing.Hosting;

/// <summary>
/// Serves an <see cref="IAmSmartSimulator"/> over real HTTP on Kestrel, bound to the loopback interface unless told
/// otherwise, so that a browser, another process or a real HTTP stack can talk to it. Callbacks are POSTed over HTTP
/// to the redirect URI when the simulator has no other sink. Stop it with <see cref="StopAsync"/> or by disposing it.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable? _ownedSink;

    private SimulatorServer(WebApplication app, Uri baseAddress, IAmSmartSimulator simulator, IDisposable? ownedSink)
    {
        _app = app;
        _ownedSink = ownedSink;
        BaseAddress = baseAddress;
        Simulator = simulator;
    }

    /// <summary>The address it listens on, for example <c>http://127.0.0.1:5181/</c>; with port 0 the port chosen.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The simulator it serves.</summary>
    public IAmSmartSimulator Simulator { get; }

    /// <summary>Starts a server.</summary>
    /// <param name="simulator">The simulator to serve.</param>
    /// <param name="url">Where to listen: <c>http://127.0.0.1:PORT</c> (port 0 picks a free one), <c>http://localhost:PORT</c>, or another address with <paramref name="allowRemote"/>. Default <c>http://127.0.0.1:0</c>.</param>
    /// <param name="allowRemote">Allows a non-loopback address. The simulator holds test keys and accepts anyone who knows the test secret: keep it off shared networks.</param>
    /// <param name="loggerFactory">Where Kestrel logs; default nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The URL is not http, or not loopback without <paramref name="allowRemote"/>.</exception>
    public static async Task<SimulatorServer> StartAsync(
        IAmSmartSimulator simulator, Uri? url = null, bool allowRemote = false, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        url ??= new Uri("http://127.0.0.1:0");
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("The simulator serves plain http on loopback; put a TLS proxy in front of it for https.", nameof(url));
        }

        var address = url.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(url.Host, out var parsed) ? parsed : null;
        if (address is null || (!IPAddress.IsLoopback(address) && !allowRemote))
        {
            throw new ArgumentException($"The simulator binds to loopback only (127.0.0.1 or localhost); '{url.Host}' needs allowRemote.", nameof(url));
        }

        // Callbacks go over HTTP to the e-service, unless the caller chose another sink.
        HttpCallbackSink? ownedSink = null;
        if (simulator.Options.CallbackSink is null)
        {
            ownedSink = new HttpCallbackSink(handler: null);
            simulator.Options.CallbackSink = ownedSink;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, url.Port);
            // The engine enforces its own limit (HTTP 413) on a bounded read; Kestrel's must not answer first.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var maxBody = simulator.Options.MaxRequestBodyBytes;
        app.Run(context => ServeAsync(simulator, context, maxBody));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new SimulatorServer(app, new Uri(bound.TrimEnd('/') + "/"), simulator, ownedSink);
    }

    /// <summary>Client options that call this server over HTTP. See <see cref="IAmSmartSimulator.ConfigureClientOptions"/>.</summary>
    public IAmSmartOptions CreateClientOptions() => Simulator.CreateClientOptions(BaseAddress);

    /// <summary>A client that calls this server over real HTTP, sharing the simulator's clock.</summary>
    public IAmSmartClient CreateClient() => IAmSmartClient.Create(CreateClientOptions(), primaryHandler: null, loggerFactory: null, Simulator.Options.TimeProvider);

    /// <summary>Stops listening; requests in progress may finish.</summary>
    /// <param name="cancellationToken">Makes the stop less graceful.</param>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Completes when the server stops.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownedSink is not null && ReferenceEquals(Simulator.Options.CallbackSink, _ownedSink))
        {
            Simulator.Options.CallbackSink = null;
        }

        _ownedSink?.Dispose();
    }

    private static async Task ServeAsync(IAmSmartSimulator simulator, HttpContext context, int maxBody)
    {
        var request = context.Request;
        var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));
        var (body, oversized) = await SimulatorRequest.ReadBodyAsync(request.Body, request.ContentLength, maxBody, context.RequestAborted).ConfigureAwait(false);
        var answer = await simulator.HandleAsync(
            new SimulatorRequest(request.Method, request.PathBase + request.Path, request.QueryString.Value, headers, body, oversized), context.RequestAborted).ConfigureAwait(false);

        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location.AbsoluteUri;
        }

        if (answer.ContentType is not null)
        {
            context.Response.ContentType = answer.ContentType;
            await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
