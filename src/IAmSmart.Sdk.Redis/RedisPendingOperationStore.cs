using System.Text.Json;
using IAmSmart.Sdk.Operations;
using StackExchange.Redis;

namespace IAmSmart.Sdk.Redis;

/// <summary>
/// Keeps pending operations in Redis, shared by every instance of a web farm, with the two atomic steps exactly-once
/// callbacks need: adding is create-if-absent and completing is compare-and-set, each one Lua script that Redis runs
/// without interleaving. An operation is one hash: <c>operation</c> (its JSON), <c>expiresAt</c> (ms since the epoch)
/// and, once completed, <c>completion</c> (the callback still encrypted, so Redis never holds personal data in clear) and
/// <c>verified</c> (whether it proved the state).
/// </summary>
/// <remarks>
/// Expiry is decided on the SDK's clock (<see cref="TimeProvider"/>), passed to every script; the Redis TTL, set a
/// little later (<see cref="RedisOperationStoreOptions.ExpirySlack"/>), only frees the memory.
/// </remarks>
public sealed class RedisPendingOperationStore : IPendingOperationStore, IAsyncDisposable, IDisposable
{
    // KEYS[1] the hash; ARGV: operation JSON, expiresAt ms, now ms, TTL ms. 1 when added, 0 when an unexpired one exists.
    private const string AddScript = """
        local expires = redis.call('HGET', KEYS[1], 'expiresAt')
        if expires and tonumber(expires) > tonumber(ARGV[3]) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'operation', ARGV[1], 'expiresAt', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    // KEYS[1] the hash; ARGV: completion JSON, retain-until ms, now ms, TTL ms for the retention, "1" when the completion
    // proved the state. Stores it when there is no completion, or when the stored one did not prove the state and this
    // one does (PendingOperation.AcceptsCompletion). Returns nil for an unknown or expired operation, else
    // {operation, completion, expiresAt} as stored afterwards.
    private const string CompleteScript = """
        local fields = redis.call('HMGET', KEYS[1], 'operation', 'expiresAt', 'completion', 'verified')
        if not fields[1] or tonumber(fields[2]) <= tonumber(ARGV[3]) then return false end
        if not fields[3] or (fields[4] ~= '1' and ARGV[5] == '1') then
          redis.call('HSET', KEYS[1], 'completion', ARGV[1], 'verified', ARGV[5])
          if tonumber(ARGV[2]) > tonumber(fields[2]) then
            redis.call('HSET', KEYS[1], 'expiresAt', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
          end
        end
        return redis.call('HMGET', KEYS[1], 'operation', 'completion', 'expiresAt')
        """;

    private static readonly RedisValue[] Fields = ["operation", "completion", "expiresAt"];

    private readonly RedisOperationStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly bool _ownsConnection;

    /// <summary>Creates a store that connects to Redis on first use and owns that connection.</summary>
    /// <param name="options">The connection string and key prefix.</param>
    /// <param name="timeProvider">The clock that decides expiry; default the system clock.</param>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public RedisPendingOperationStore(RedisOperationStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _connection = new(async () => await ConnectionMultiplexer.ConnectAsync(options.Configuration).ConfigureAwait(false));
        _ownsConnection = true;
    }

    // For tests that share one connection between stores.
    internal RedisPendingOperationStore(IConnectionMultiplexer connection, RedisOperationStoreOptions options, TimeProvider? timeProvider = null)
    {
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _connection = new(Task.FromResult(connection));
        _ownsConnection = false;
    }

    /// <inheritdoc/>
    public async Task<bool> TryAddAsync(PendingOperation operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var json = JsonSerializer.Serialize(operation, RedisJsonContext.Default.PendingOperation);
        var result = await (await DatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(
            AddScript,
            [Key(operation.BusinessId)],
            [json, operation.ExpiresAt.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), TimeToLive(operation.ExpiresAt, now)]).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc/>
    public async Task<PendingOperation?> GetAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        cancellationToken.ThrowIfCancellationRequested();
        var values = await (await DatabaseAsync().ConfigureAwait(false)).HashGetAsync(Key(businessId), Fields).ConfigureAwait(false);
        return Read(values[0], values[1], values[2]);
    }

    /// <inheritdoc/>
    public async Task<PendingOperation?> TryCompleteAsync(string businessId, PendingOperationCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        ArgumentNullException.ThrowIfNull(completion);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var json = JsonSerializer.Serialize(completion, RedisJsonContext.Default.PendingOperationCompletion);
        var result = await (await DatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(
            CompleteScript,
            [Key(businessId)],
            [json, completion.RetainUntil.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), TimeToLive(completion.RetainUntil, now), completion.StateVerified ? "1" : "0"]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var values = (RedisValue[])result!;
        return Read(values[0], values[1], values[2]);
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(string businessId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        cancellationToken.ThrowIfCancellationRequested();
        await (await DatabaseAsync().ConfigureAwait(false)).KeyDeleteAsync(Key(businessId)).ConfigureAwait(false);
    }

    /// <summary>Closes the connection, if this store opened it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection, if this store opened it.</summary>
    public void Dispose()
    {
        if (_ownsConnection && _connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection.Value.ConfigureAwait(false)).GetDatabase();

    private RedisKey Key(string businessId) => _options.KeyPrefix + businessId;

    private long TimeToLive(DateTimeOffset expiresAt, DateTimeOffset now)
        => Math.Max(1, (long)(expiresAt - now + _options.ExpirySlack).TotalMilliseconds);

    private PendingOperation? Read(RedisValue operationJson, RedisValue completionJson, RedisValue expiresAt)
    {
        if (operationJson.IsNull || !expiresAt.TryParse(out long expiresAtMs))
        {
            return null;
        }

        PendingOperation? operation;
        PendingOperationCompletion? completion = null;
        try
        {
            operation = JsonSerializer.Deserialize((string)operationJson!, RedisJsonContext.Default.PendingOperation);
            if (!completionJson.IsNull)
            {
                completion = JsonSerializer.Deserialize((string)completionJson!, RedisJsonContext.Default.PendingOperationCompletion);
            }
        }
        catch (JsonException)
        {
            // Written by another version or damaged: treat as absent rather than fail every callback for it.
            return null;
        }

        if (operation is null || DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMs) <= _time.GetUtcNow())
        {
            return null;
        }

        return completion is null ? operation : operation.CompletedBy(completion);
    }
}
