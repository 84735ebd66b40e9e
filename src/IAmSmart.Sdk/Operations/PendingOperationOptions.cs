namespace IAmSmart.Sdk.Operations;

/// <summary>How long pending operations live and how a waiter looks for their result.</summary>
public sealed class PendingOperationOptions
{
    /// <summary>
    /// How long an operation waits for its callback. Default 18 minutes: iAM Smart says an e-service may treat a request
    /// as failed without a callback by then (contract §2.3, §13).
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(18);

    /// <summary>
    /// How long a bulk-signing operation (with or without login, web or app) waits for its result pages, in place of
    /// <see cref="Lifetime"/>. Default 2 hours [G]: no source bounds it. Bulk signing runs as a queue after the user's
    /// consent (statuses SS001 "Pending for Signing", SS002 "in Progress"), so its result pages may come after the
    /// 18-minute callback timeout (addendum §A4.9 [G]); meanwhile ask <c>enquireStatus</c>
    /// (<c>client.Signing.GetBulkSigningStatusAsync</c>) how the request stands rather than treating it as failed.
    /// </summary>
    public TimeSpan BulkSigningLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a completed operation's result is kept after its callback, for a waiter and for recognising repeats. Default 5 minutes.</summary>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often <see cref="PendingOperations.WaitForCompletionAsync"/> looks in the store for a callback another instance
    /// accepted. A callback accepted by this instance wakes its waiter at once. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The lifetime of an operation of <paramref name="apiFunction"/>: <see cref="BulkSigningLifetime"/> for bulk signing, else <see cref="Lifetime"/>.</summary>
    internal TimeSpan LifetimeOf(IAmSmartFunction apiFunction)
        => apiFunction.Kind == IAmSmartFunctions.BulkSigning.Kind || apiFunction.Kind == IAmSmartFunctions.AnonymousBulkSigning.Kind
            ? BulkSigningLifetime
            : Lifetime;

    internal void Validate()
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "PendingOperationOptions.Lifetime must be positive.");
        }

        if (BulkSigningLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BulkSigningLifetime), BulkSigningLifetime, "PendingOperationOptions.BulkSigningLifetime must be positive.");
        }

        if (CompletedRetention < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CompletedRetention), CompletedRetention, "PendingOperationOptions.CompletedRetention must not be negative.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PendingOperationOptions.PollInterval must be positive.");
        }
    }
}
