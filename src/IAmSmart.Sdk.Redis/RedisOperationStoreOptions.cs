namespace IAmSmart.Sdk.Redis;

/// <summary>Settings of <see cref="RedisPendingOperationStore"/>.</summary>
public sealed class RedisOperationStoreOptions
{
    /// <summary>The StackExchange.Redis configuration string, for example <c>redis.bank.internal:6379,ssl=true,password=…</c>.</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>
    /// The prefix of every key the store writes (one hash per operation, under <c>prefix + businessID</c>). Default
    /// <c>iamsmart:operation:</c>. Give each e-service (client ID) sharing one Redis its own prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "iamsmart:operation:";

    /// <summary>
    /// How long past an operation's expiry Redis keeps its key, so that instances whose clocks run a little behind still
    /// find it. Expiry itself is decided on the SDK's clock; this only bounds when Redis frees the memory. Default 1 minute.
    /// </summary>
    public TimeSpan ExpirySlack { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException("RedisOperationStoreOptions.Configuration is empty: give the Redis connection string, for example \"localhost:6379\".", nameof(Configuration));
        }

        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("RedisOperationStoreOptions.KeyPrefix is empty: keys need a prefix of their own in a shared Redis.", nameof(KeyPrefix));
        }

        if (ExpirySlack < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ExpirySlack), ExpirySlack, "RedisOperationStoreOptions.ExpirySlack cannot be negative.");
        }
    }
}
