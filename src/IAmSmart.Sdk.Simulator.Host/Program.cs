using IAmSmart.Sdk.Testing;
using IAmSmart.Sdk.Testing.Hosting;

// The iAM Smart simulator as a real HTTP server for local development:
//   dotnet run --project src/IAmSmart.Sdk.Simulator.Host -- --urls http://127.0.0.1:5181
// Options: --urls URL, --client-id ID, --client-secret SECRET, --redirect-uri URI (repeatable; '*' suffix = prefix),
//          --keys-dir DIR (where the test KEK and CA certificates are written), --allow-remote.
var urls = Argument(args, "--urls") ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS")?.Split(';')[0] ?? "http://127.0.0.1:5181";
var options = new SimulatorOptions();
options.ClientId = Argument(args, "--client-id") ?? options.ClientId;
options.ClientSecret = Argument(args, "--client-secret") ?? options.ClientSecret;
foreach (var uri in Arguments(args, "--redirect-uri"))
{
    options.RegisteredRedirectUris.Add(uri);
}

using var simulator = new IAmSmartSimulator(options);
await using var server = await SimulatorServer.StartAsync(simulator, new Uri(urls), allowRemote: args.Contains("--allow-remote"));

// The e-service runs in another process, so it needs the test KEK's private key and the CA's trust anchors on disk.
var keysDir = Argument(args, "--keys-dir") ?? Path.Combine(Path.GetTempPath(), "iamsmart-simulator");
Directory.CreateDirectory(keysDir);
var kekPath = Path.Combine(keysDir, "test-kek.pem");
await File.WriteAllTextAsync(kekPath, simulator.ExportEnciphermentKeyPem());
await File.WriteAllTextAsync(Path.Combine(keysDir, "test-root-ca.pem"), simulator.CertificateAuthority.RootCertificate.ExportCertificatePem());
await File.WriteAllTextAsync(Path.Combine(keysDir, "test-issuing-ca.pem"), simulator.CertificateAuthority.IssuingCertificate.ExportCertificatePem());

Console.WriteLine($"""
    iAM Smart simulator (NOT the real iAM Smart; invented personas only) listening on {server.BaseAddress}
      IAmSmart:Environment                      = Simulator
      IAmSmart:BaseUrl                          = {server.BaseAddress}
      IAmSmart:ClientId                         = {simulator.ClientId}
      IAmSmart:ClientSecret                     = {simulator.ClientSecret}
      IAmSmart:EnciphermentCertificate:PemPath  = {kekPath}
      registered redirect URIs                  = {string.Join(", ", options.RegisteredRedirectUris)}
      personas                                  = {string.Join(", ", simulator.Personas.Select(p => p.Id))}
    Press Ctrl+C to stop.
    """);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await server.WaitForShutdownAsync(stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: dispose stops the server.
}

static string? Argument(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static IEnumerable<string> Arguments(string[] args, string name)
{
    for (var i = 0; i < args.Length - 1; i++)
    {
        if (args[i] == name)
        {
            yield return args[i + 1];
        }
    }
}
