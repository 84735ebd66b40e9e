using System.Globalization;
using WireMock.Logging;
using WireMock.Settings;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// WireMock.Net, in the test process, on 127.0.0.1 and a free port, serving the contract mappings (WireMock's standard
/// JSON format, translated by <see cref="JavaMappingLoader"/>). It starts with the test collection and stops after it;
/// it needs nothing but the .NET SDK, so the contract tests never skip. Failing to start fails every contract test.
/// </summary>
public sealed class WireMockServer : IAsyncLifetime
{
    private WireMock.Server.WireMockServer? _server;

    /// <summary>The server's base address, for example <c>http://127.0.0.1:41203/</c>, once started.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>A client for raw calls to the server.</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>How many mappings were loaded.</summary>
    public int MappingCount { get; private set; }

    /// <summary>The directory of fixtures copied next to the test assembly (mappings, callbacks, samples).</summary>
    public static string RootDirectory => Path.Combine(AppContext.BaseDirectory, "contracts");

    /// <summary>Every request the server received, oldest first: WireMock.Net's request journal.</summary>
    public IReadOnlyList<ILogEntry> LogEntries => [.. Running.LogEntries];

    /// <summary>The WireMock.Net server itself.</summary>
    public WireMock.Server.WireMockServer Running
        => _server ?? throw new InvalidOperationException("The WireMock.Net server is not running.");

    /// <inheritdoc/>
    public ValueTask InitializeAsync()
    {
        var mappings = Path.Combine(RootDirectory, "mappings");
        if (!Directory.Exists(mappings))
        {
            throw new InvalidOperationException($"The contract mappings were not copied to {mappings}; rebuild the test project.");
        }

        _server = WireMock.Server.WireMockServer.Start(new WireMockServerSettings
        {
            // Loopback only; port 0 lets the system choose a free port, which the server reports once bound.
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            ReadStaticMappings = false,

            // One request at a time, as the tests send them: the "once" scenarios then move state atomically.
            HandleRequestsSynchronously = true,
        });

        try
        {
            var url = _server.Urls.Single();
            var uri = new Uri(url.EndsWith('/') ? url : url + "/");
            if (uri.Host != "127.0.0.1" || uri.Port == 0)
            {
                throw new InvalidOperationException($"WireMock.Net is bound to {url}, not to a port on 127.0.0.1.");
            }

            BaseUrl = uri;
            Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            MappingCount = JavaMappingLoader.LoadFolder(_server, mappings);
            if (MappingCount == 0)
            {
                throw new InvalidOperationException($"No mapping in {mappings}.");
            }
        }
        catch
        {
            Stop();
            throw;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Stop();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Resets every scenario to its start; the error contracts that answer once use them.</summary>
    public void ResetScenarios() => Running.ResetScenarios();

    /// <summary>The port, for messages.</summary>
    public override string ToString() => BaseUrl.Port.ToString(CultureInfo.InvariantCulture);

    private void Stop()
    {
        if (_server is null)
        {
            return;
        }

        _server.Stop();
        _server.Dispose();
        _server = null;
    }
}

/// <summary>The tests that talk to WireMock share one server and run one after another (scenarios are global state).</summary>
[CollectionDefinition(Name)]
public sealed class WireMockContractServer : ICollectionFixture<WireMockServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "WireMock contract server";
}
