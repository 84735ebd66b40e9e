using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>IAmSmart.Sdk</c>. Subscribe with
/// OpenTelemetry's <c>AddSource("IAmSmart.Sdk")</c> and <c>AddMeter("IAmSmart.Sdk")</c>. Tags carry the operation, the
/// return code and the txID, never personal data.
/// </summary>
public static class IAmSmartTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "IAmSmart.Sdk";

    private static readonly string? Version = typeof(IAmSmartTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The source of one span per API call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter of the SDK's instruments.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>API calls, tagged with <c>operation</c> and <c>code</c>.</summary>
    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>("iamsmart.client.requests", "{request}", "iAM Smart API calls made");

    /// <summary>Duration of API calls in seconds, tagged with <c>operation</c> and <c>code</c>.</summary>
    internal static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram<double>("iamsmart.client.request.duration", "s", "Duration of iAM Smart API calls");

    /// <summary>Content keys fetched or adopted, tagged with <c>reason</c> (fetch, callback).</summary>
    internal static Counter<long> ContentKeyChanges { get; } = Meter.CreateCounter<long>("iamsmart.content_key.changes", "{key}", "Content encryption keys fetched or adopted");

    /// <summary>Callbacks rejected, tagged with <c>reason</c>; counts every one, including those whose log line was suppressed.</summary>
    internal static Counter<long> CallbackRejections { get; } = Meter.CreateCounter<long>("iamsmart.callbacks.rejected", "{callback}", "iAM Smart callbacks rejected");

    /// <summary>Tag names used on spans and metrics.</summary>
    internal static class Tags
    {
        public const string Operation = "iamsmart.operation";
        public const string Code = "iamsmart.code";
        public const string TxId = "iamsmart.tx_id";
    }
}
