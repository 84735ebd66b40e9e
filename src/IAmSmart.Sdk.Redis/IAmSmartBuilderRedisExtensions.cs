using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis store of pending operations.</summary>
public static class IAmSmartBuilderRedisExtensions
{
    /// <summary>
    /// Keeps pending operations in Redis, so that a callback landing on any instance of a web farm completes the
    /// operation exactly once, whichever instance waits for it. Replaces any store registered before.
    /// </summary>
    /// <param name="builder">The SDK's builder from <c>AddIAmSmart</c>.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Changes the other settings (key prefix, expiry slack).</param>
    public static IAmSmartBuilder UseRedisOperations(this IAmSmartBuilder builder, string configuration, Action<RedisOperationStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RedisOperationStoreOptions { Configuration = configuration };
        configure?.Invoke(options);
        options.Validate();
        builder.Services.RemoveAll<IPendingOperationStore>();
        builder.Services.AddSingleton<IPendingOperationStore>(sp => new RedisPendingOperationStore(options, sp.GetService<TimeProvider>()));
        return builder;
    }
}
