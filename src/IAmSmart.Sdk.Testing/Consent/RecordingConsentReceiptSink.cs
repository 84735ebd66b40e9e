using IAmSmart.Sdk.Consent;

namespace IAmSmart.Sdk.Testing.Consent;

/// <summary>
/// A consent-receipt sink for tests: keeps every <see cref="ConsentReceipt"/> the SDK writes, in memory, so that a test
/// can assert what was recorded. Pass it as the client's <c>consentReceiptSink</c> (or register it as the
/// <see cref="IConsentReceiptSink"/>). Safe to use from several threads; never use it in production, where receipts
/// belong in durable storage.
/// </summary>
public sealed class RecordingConsentReceiptSink : IConsentReceiptSink
{
    private readonly List<ConsentReceipt> _receipts = [];

    /// <summary>A snapshot of the receipts written so far, oldest first.</summary>
    public IReadOnlyList<ConsentReceipt> All
    {
        get
        {
            lock (_receipts)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>Forgets every receipt written so far.</summary>
    public void Clear()
    {
        lock (_receipts)
        {
            _receipts.Clear();
        }
    }

    /// <summary>Records <paramref name="receipt"/>.</summary>
    /// <param name="receipt">The receipt the SDK wrote.</param>
    /// <param name="cancellationToken">Not used: recording never waits.</param>
    /// <returns>A completed task.</returns>
    public Task WriteAsync(ConsentReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        lock (_receipts)
        {
            _receipts.Add(receipt);
        }

        return Task.CompletedTask;
    }
}
