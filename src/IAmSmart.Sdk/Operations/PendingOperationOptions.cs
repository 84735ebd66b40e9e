namespace IAmSmart.Sdk.Operations;

/// <summary>How long pending operations live and how a waiter looks for their result.</summary>
public sealed class PendingOperationOptions
{
    /// <summary>
    /// How long an operation waits for its callback. Default 18 minutes: iAM Smart says an e-service may treat a request
    /// as failed without a callback by then (contract §2.3, §13).
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(18);

    /// <summary>How long a completed operation's result is kept after its callback, for a waiter and for recognising repeats. Default 5 minutes.</summary>
    public TimeSpan CompletedRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often <see cref="PendingOperations.WaitForCompletionAsync"/> looks in the store for a callback another instance
    /// accepted. A callback accepted by this instance wakes its waiter at once. Default 1 second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "PendingOperationOptions.Lifetime must be positive.");
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
