using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// Bounds the Warning lines written for rejected callbacks, so a flood of forged callbacks cannot flood the log: at most
/// <see cref="MaxPerInterval"/> lines per rejection reason per <see cref="Interval"/>; the rest are counted, and the first
/// rejection of that reason after the interval ends writes one summary line with the number suppressed. The metric
/// still counts every rejection. Time comes from the injected <see cref="TimeProvider"/>, so tests need no waiting.
/// </summary>
internal sealed class RejectionLogThrottle(TimeProvider time)
{
    /// <summary>Lines written per reason per interval.</summary>
    public const int MaxPerInterval = 10;

    /// <summary>The length of an interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Logs a rejection unless this reason already used its lines in the current interval.</summary>
    public void Rejected(ILogger logger, string rejection, string? txId)
    {
        IAmSmartTelemetry.CallbackRejections.Add(1, new KeyValuePair<string, object?>("reason", rejection));
        var window = _windows.GetOrAdd(rejection, static _ => new Window());
        var now = time.GetUtcNow();
        bool write;
        long suppressed = 0;
        lock (window)
        {
            if (now - window.Start >= Interval)
            {
                suppressed = window.Suppressed;
                window.Start = now;
                window.Written = 0;
                window.Suppressed = 0;
            }

            write = window.Written < MaxPerInterval;
            if (write)
            {
                window.Written++;
            }
            else
            {
                window.Suppressed++;
            }
        }

        if (suppressed > 0)
        {
            Log.CallbackRejectionsSuppressed(logger, rejection, suppressed, Interval.TotalSeconds);
        }

        if (write)
        {
            Log.CallbackRejected(logger, rejection, txId);
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Written { get; set; }

        public long Suppressed { get; set; }
    }
}
