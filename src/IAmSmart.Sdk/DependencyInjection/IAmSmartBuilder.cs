using IAmSmart.Sdk;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sets up the iAM Smart client in code. Each method returns the builder, so calls chain.</summary>
public sealed class IAmSmartBuilder
{
    internal IAmSmartBuilder(IServiceCollection services, IHttpClientBuilder httpClient)
    {
        Services = services;
        HttpClient = httpClient;
    }

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The SDK's <see cref="System.Net.Http.HttpClient"/> registration, to add handlers or a primary handler.</summary>
    public IHttpClientBuilder HttpClient { get; }

    /// <summary>Changes any setting.</summary>
    /// <param name="configure">Changes the options.</param>
    public IAmSmartBuilder Configure(Action<IAmSmartOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Calls the iAM Smart sandbox (ITE).</summary>
    public IAmSmartBuilder UseSandbox() => Configure(o => o.Environment = IAmSmartEnvironment.Sandbox);

    /// <summary>Calls iAM Smart production.</summary>
    public IAmSmartBuilder UseProduction() => Configure(o => o.Environment = IAmSmartEnvironment.Production);

    /// <summary>Calls another host: a proxy, a WireMock server, a simulator host.</summary>
    /// <param name="baseUrl">The host, for example <c>http://127.0.0.1:5181/</c>.</param>
    public IAmSmartBuilder UseBaseUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Configure(o =>
        {
            o.Environment = IAmSmartEnvironment.Custom;
            o.BaseUrl = baseUrl;
        });
    }

    /// <summary>Sets the client ID and secret from the iAM Smart Self-Service Portal.</summary>
    /// <param name="clientId">The client ID.</param>
    /// <param name="clientSecret">The client secret.</param>
    public IAmSmartBuilder UseClientCredentials(string clientId, string clientSecret) => Configure(o =>
    {
        o.ClientId = clientId;
        o.ClientSecret = clientSecret;
    });

    /// <summary>Loads the encipherment certificate's private key (the KEK) from a PKCS#12 file.</summary>
    /// <param name="pfxPath">The .pfx or .p12 file.</param>
    /// <param name="password">Its password.</param>
    public IAmSmartBuilder UseEnciphermentCertificate(string pfxPath, string? password) => Configure(o =>
    {
        o.EnciphermentCertificate.Path = pfxPath;
        o.EnciphermentCertificate.Password = password;
    });

    /// <summary>Adds a key-encryption key set up in code (an HSM, a KMS). The first added is current; add the old one too during a rollover.</summary>
    /// <param name="key">The key.</param>
    public IAmSmartBuilder UseKeyEncryptionKey(IKeyEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Configure(o => o.KeyEncryptionKeys.Add(key));
    }

    /// <summary>
    /// Keeps pending operations in the registered <see cref="IDistributedCache"/>, so that a callback landing on any
    /// instance of a web farm completes the operation another instance waits for. Register the cache itself too. Not
    /// atomic (see <see cref="DistributedCachePendingOperationStore"/>): for exactly-once callbacks on a web farm use
    /// <c>UseRedisOperations</c> from <c>IAmSmart.Sdk.Redis</c>. Without either, operations live in this process only.
    /// </summary>
    public IAmSmartBuilder UseDistributedCacheOperationStore()
    {
        Services.TryAddSingleton<IPendingOperationStore>(sp => new DistributedCachePendingOperationStore(
            sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<TimeProvider>()));
        return this;
    }

    /// <summary>Keeps pending operations in a store of your own.</summary>
    /// <param name="store">The store.</param>
    public IAmSmartBuilder UseOperationStore(IPendingOperationStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.TryAddSingleton(store);
        return this;
    }
}
