using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>
/// Starts the official WireMock standalone server (from the npm package in tests/contracts) on 127.0.0.1 with the
/// contract mappings, and stops it when the test collection is done. It never installs anything: when Java or the jar
/// is missing, tests are skipped with a message saying what to install, or fail when the CI variable is <c>true</c>.
/// </summary>
public sealed partial class WireMockServer : IAsyncLifetime
{
    /// <summary>Overrides where the WireMock standalone jar is.</summary>
    public const string JarVariable = "IAMSMART_WIREMOCK_JAR";

    private const string InstallHint =
        "Install the contract-test prerequisites: Java 17+ (`apt-get install openjdk-17-jre-headless`) and WireMock (`npm ci --prefix tests/contracts`).";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The server's base address, for example <c>http://127.0.0.1:41203/</c>, once started.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:1/");

    /// <summary>A client for WireMock's admin API and for raw calls.</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>Why the server is not running because a prerequisite is missing, if so.</summary>
    public string? MissingPrerequisite { get; private set; }

    /// <summary>Why the server failed to start although every prerequisite was found, if so.</summary>
    public string? StartFailure { get; private set; }

    /// <summary>The directory WireMock serves: the fixtures copied next to the test assembly.</summary>
    public static string RootDirectory => Path.Combine(AppContext.BaseDirectory, "contracts");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test (or fails it on CI) unless the server is running.</summary>
    public void RequireRunning()
    {
        if (StartFailure is not null)
        {
            Assert.Fail(StartFailure);
        }

        if (MissingPrerequisite is not null)
        {
            if (IsCi)
            {
                Assert.Fail($"CI=true and a contract-test prerequisite is missing: {MissingPrerequisite} {InstallHint}");
            }

            Assert.Skip($"{MissingPrerequisite} {InstallHint}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var java = FindJava();
        var jar = FindJar();
        if (java is null || jar is null)
        {
            MissingPrerequisite = string.Join(' ', new[]
            {
                java is null ? "No `java` was found on PATH or in JAVA_HOME." : null,
                jar is null ? $"The WireMock standalone jar was not found under tests/contracts/node_modules/wiremock (or in ${JarVariable})." : null,
            }.Where(s => s is not null));
            return;
        }

        if (!Directory.Exists(Path.Combine(RootDirectory, "mappings")))
        {
            StartFailure = $"The contract mappings were not copied to {RootDirectory}/mappings; rebuild the test project.";
            return;
        }

        try
        {
            await StartAsync(java, jar).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            StartFailure = $"WireMock ({jar}) did not start: {ex.Message}{Environment.NewLine}Its output:{Environment.NewLine}{Output()}";
            await StopAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Http.Dispose();
    }

    /// <summary>Resets every WireMock scenario to <c>Started</c>; the error contracts that answer once use them.</summary>
    public async Task ResetScenariosAsync()
    {
        using var response = await Http.PostAsync(new Uri(BaseUrl, "__admin/scenarios/reset"), content: null).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private async Task StartAsync(string java, string jar)
    {
        var start = new ProcessStartInfo(java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RootDirectory,
        };

        // A small, quick-starting JVM: the machine is shared and WireMock serves a handful of requests per test.
        foreach (var arg in new[]
        {
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-jar", jar,
            "--port", "0",
            "--bind-address", "127.0.0.1",
            "--root-dir", RootDirectory,
            "--container-threads", "16",
            "--jetty-acceptor-threads", "1",
            "--disable-gzip",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Append(e.Data);
            if (PortLine().Match(e.Data) is { Success: true } match)
            {
                port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(e.Data);
            }
        };
        _process.Exited += (_, _) => port.TrySetException(new InvalidOperationException($"java exited with code {SafeExitCode()} before WireMock was ready."));

        if (!_process.Start())
        {
            throw new InvalidOperationException("java could not be started.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(StartTimeout);
        int boundPort;
        try
        {
            boundPort = await port.Task.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"WireMock did not report its port within {StartTimeout.TotalSeconds:0} s.");
        }

        BaseUrl = new Uri($"http://127.0.0.1:{boundPort.ToString(CultureInfo.InvariantCulture)}/");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        // Bounded wait until the admin API answers with the mappings loaded.
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            try
            {
                using var health = await Http.GetAsync(new Uri(BaseUrl, "__admin/health"), deadline.Token).ConfigureAwait(false);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"WireMock did not become healthy within {StartTimeout.TotalSeconds:0} s.");
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"java exited with code {SafeExitCode()} before WireMock was healthy.");
            }

            await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                    using var _ = await Http.PostAsync(new Uri(BaseUrl, "__admin/shutdown"), content: null, shutdown.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                    // It is killed below.
                }

                using var exited = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(exited.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(StopTimeout);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process was never started.
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "?";
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void Append(string line)
    {
        lock (_output)
        {
            if (_output.Length < 20_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string? FindJava()
    {
        var executable = OperatingSystem.IsWindows() ? "java.exe" : "java";
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrEmpty(javaHome) && File.Exists(Path.Combine(javaHome, "bin", executable)))
        {
            return Path.Combine(javaHome, "bin", executable);
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, executable))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Finds the jar: <see cref="JarVariable"/>, else tests/contracts/node_modules/wiremock/build/*.jar above the test assembly.</summary>
    private static string? FindJar()
    {
        var configured = Environment.GetEnvironmentVariable(JarVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var build = Path.Combine(dir.FullName, "tests", "contracts", "node_modules", "wiremock", "build");
            if (Directory.Exists(build))
            {
                return Directory.EnumerateFiles(build, "wiremock-standalone-*.jar").Order(StringComparer.Ordinal).LastOrDefault();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^port:\s+(\d+)\s*$")]
    private static partial Regex PortLine();
}

/// <summary>The tests that talk to WireMock share one server and run one after another (scenarios are global state).</summary>
[CollectionDefinition(Name)]
public sealed class WireMockContractServer : ICollectionFixture<WireMockServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "WireMock contract server";
}
