using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Consent;

/// <summary>
/// Where consent receipts go: an audit table, an append-only log, a message queue. Register your own with
/// <c>services.AddSingleton&lt;IConsentReceiptSink, MySink&gt;()</c> (the SDK registers its default with TryAdd) or
/// pass it to <see cref="IAmSmartClient.Create"/>.
/// </summary>
/// <remarks>
/// A receipt is written each time a result is read, so reading the same result twice writes it twice: key the store
/// on <see cref="ConsentReceipt.BusinessId"/>. An exception thrown here reaches the caller that read the result, which can
/// read it again while the operation is kept.
/// </remarks>
public interface IConsentReceiptSink
{
    /// <summary>Records a receipt.</summary>
    /// <param name="receipt">The receipt; it holds no personal data.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task WriteAsync(ConsentReceipt receipt, CancellationToken cancellationToken);
}

/// <summary>The default sink: one structured log line per receipt (event id 30), with ids, field names, outcome and times, and no personal data.</summary>
public sealed class LoggingConsentReceiptSink : IConsentReceiptSink
{
    private readonly ILogger _logger;

    /// <summary>Creates the sink.</summary>
    /// <param name="loggerFactory">Where to log; default nowhere.</param>
    public LoggingConsentReceiptSink(ILoggerFactory? loggerFactory = null)
        => _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LoggingConsentReceiptSink>();

    /// <inheritdoc/>
    public Task WriteAsync(ConsentReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        cancellationToken.ThrowIfCancellationRequested();
        Log.ConsentReceipt(_logger, receipt);
        return Task.CompletedTask;
    }
}
