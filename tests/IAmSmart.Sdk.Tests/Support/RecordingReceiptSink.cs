using System.Collections.Concurrent;
using IAmSmart.Sdk.Consent;

namespace IAmSmart.Sdk.Tests.Support;

/// <summary>Keeps every consent receipt written, for assertions.</summary>
internal sealed class RecordingReceiptSink : IConsentReceiptSink
{
    public ConcurrentQueue<ConsentReceipt> Receipts { get; } = new();

    public Task WriteAsync(ConsentReceipt receipt, CancellationToken cancellationToken)
    {
        Receipts.Enqueue(receipt);
        return Task.CompletedTask;
    }
}
