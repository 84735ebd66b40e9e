using System.Net;
using System.Net.Sockets;

namespace IAmSmart.Sdk.Redis.Tests;

/// <summary>
/// A TCP proxy on a loopback port that delays every chunk it forwards, in each direction, by a random 0.2–2 ms, as a
/// Redis on another host of the data centre would: races between instances then have real windows to fall into.
/// Bounded: it stops accepting and closes every connection when disposed.
/// </summary>
internal sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;

    public LatencyProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's loopback endpoint, for a Redis configuration string.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_accepting, .. _pumps]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_target, _stop.Token);
                client.NoDelay = server.NoDelay = true;
                lock (_pumps)
                {
                    _pumps.Add(PumpAsync(client, server));
                    _pumps.Add(PumpAsync(server, client));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    // Reads and writes run apart: each chunk is written when its delay is over, in order, while later chunks keep being
    // read, so the proxy adds latency without capping throughput (a pipelined Redis connection stays pipelined).
    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var chunks = System.Threading.Channels.Channel.CreateUnbounded<(byte[] Data, long DueTicks)>(new() { SingleReader = true, SingleWriter = true });
        var writing = WriteDelayedAsync(chunks.Reader, to);
        try
        {
            var source = from.GetStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await source.ReadAsync(buffer, _stop.Token)) > 0)
            {
                var due = Environment.TickCount64 * TimeSpan.TicksPerMillisecond + TimeSpan.FromMicroseconds(Random.Shared.Next(200, 2000)).Ticks;
                chunks.Writer.TryWrite((buffer.AsSpan(0, read).ToArray(), due));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Closed by either side, or stopped.
        }
        finally
        {
            chunks.Writer.TryComplete();
            await writing;
            from.Dispose();
            to.Dispose();
        }
    }

    private async Task WriteDelayedAsync(System.Threading.Channels.ChannelReader<(byte[] Data, long DueTicks)> chunks, TcpClient to)
    {
        try
        {
            var destination = to.GetStream();
            await foreach (var (data, due) in chunks.ReadAllAsync(_stop.Token))
            {
                var wait = due - (Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromTicks(wait), _stop.Token);
                }

                await destination.WriteAsync(data, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Closed by either side, or stopped.
        }
    }
}
