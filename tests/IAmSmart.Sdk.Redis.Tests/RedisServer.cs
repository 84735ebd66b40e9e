using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace IAmSmart.Sdk.Redis.Tests;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>) started by the tests on a free loopback port, without persistence, and
/// stopped with them. Where it is not installed the tests that need it are skipped with a message naming the package,
/// except under <c>CI=true</c>, where they fail: CI installs it (<c>.ci/install-prerequisites</c>).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The loopback port of the running server.</summary>
    public int Port { get; private set; }

    /// <summary>The configuration string of the running server.</summary>
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>Why the server is not running, if it is not.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>A connection shared by tests that do not need one of their own.</summary>
    public IConnectionMultiplexer? Connection { get; private set; }

    /// <summary>Skips (outside CI) or fails (under CI) a test that needs the server when it is not running.</summary>
    public void RequireRunning()
    {
        if (Unavailable is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Unavailable);
        }

        Assert.Skip(Unavailable);
    }

    public async ValueTask InitializeAsync()
    {
        var executable = FindOnPath("redis-server");
        if (executable is null)
        {
            Unavailable = "redis-server is not installed: install Debian's redis-server package (apt-get install redis-server) or run bash .ci/install-prerequisites.";
            return;
        }

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Port = port;
        Configuration = ConfigurationFor(port);

        // Bounded wait for the server to answer PING.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
                await connection.GetDatabase().PingAsync();
                Connection = connection;
                return;
            }
            catch (RedisException) when (attempt < 99)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>The configuration string for a Redis (or a proxy to it) on a loopback port.</summary>
    public static string ConfigurationFor(int port) => $"127.0.0.1:{port},abortConnect=false,connectTimeout=2000";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis";
}
