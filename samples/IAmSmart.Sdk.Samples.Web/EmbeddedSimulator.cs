using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Hosting;

namespace IAmSmart.Sdk.Samples.Web;

/// <summary>
/// The default mode's stand-in for iAM Smart: the SDK's simulator served over real HTTP on a free loopback port inside
/// this process, so the browser really leaves the bank's site for "iAM Smart" and comes back, and the SDK's
/// back-channel calls (getKey, getToken) really go over HTTP. A bank's own application has nothing like this; it talks
/// to the sandbox or production. In the default mode it is a service of the app
/// (<c>app.Services.GetService&lt;EmbeddedSimulator&gt;()</c>, <see langword="null"/> otherwise), so tests can find it.
/// </summary>
public sealed class EmbeddedSimulator : IAsyncDisposable
{
    private EmbeddedSimulator(IAmSmartSimulator simulator, SimulatorServer server)
    {
        Simulator = simulator;
        Server = server;
    }

    public IAmSmartSimulator Simulator { get; }

    public SimulatorServer Server { get; }

    /// <summary>Where the simulator listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => Server.BaseAddress;

    internal static async Task<EmbeddedSimulator> StartAsync(CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions();

        // The real iAM Smart accepts only the redirect URIs registered for the e-service in its portal (D20008
        // otherwise). The simulator accepts any loopback URI by default; forget that, so that the sample registers its
        // own URLs once it knows its port, exactly as a bank registers its URLs in the portal.
        options.RegisteredRedirectUris.Clear();

        var simulator = new IAmSmartSimulator(options);
        try
        {
            var server = await SimulatorServer.StartAsync(simulator, new Uri("http://127.0.0.1:0"), cancellationToken: cancellationToken);
            return new EmbeddedSimulator(simulator, server);
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    /// <summary>Points the SDK at the simulator server: its address, the credentials and the test KEK it accepts.</summary>
    internal void ConfigureClient(IAmSmartOptions options) => Simulator.ConfigureClientOptions(options, BaseAddress);

    /// <summary>
    /// Registers the sample's browser-redirect path and server-callback path for every address the sample listens on,
    /// under both loopback names, because the redirect URI is built from the host name the browser used.
    /// </summary>
    /// <param name="listenAddresses">The addresses Kestrel bound, with the real port when 0 was asked for.</param>
    /// <param name="redirectPath">The handler's callback path (the browser comes back here).</param>
    /// <param name="serverCallbackPath">The path of <c>MapIAmSmartCallbacks</c> (iAM Smart POSTs results here).</param>
    internal IReadOnlyList<string> RegisterSampleUrls(IEnumerable<string> listenAddresses, string redirectPath, string serverCallbackPath)
    {
        var registered = new List<string>();
        foreach (var address in listenAddresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                continue;
            }

            foreach (var host in (string[])["127.0.0.1", "localhost"])
            {
                foreach (var path in (string[])[redirectPath, serverCallbackPath])
                {
                    var url = new UriBuilder(uri.Scheme, host, uri.Port, path).Uri.AbsoluteUri;
                    Simulator.RegisterRedirectUri(url);
                    registered.Add(url);
                }
            }
        }

        return registered;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Simulator.Dispose();
    }
}
