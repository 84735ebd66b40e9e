using IAmSmart.Sdk;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the iAM Smart client.</summary>
public static class IAmSmartServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the SDK uses; configure it with <c>services.AddHttpClient(IAmSmartServiceCollectionExtensions.HttpClientName)</c>.</summary>
    public const string HttpClientName = "IAmSmart.Sdk";

    /// <summary>Adds the iAM Smart client, bound to a configuration section (usually <c>configuration.GetSection("IAmSmart")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="IAmSmartOptions"/>.</param>
    /// <returns>A builder for further settings.</returns>
    public static IAmSmartBuilder AddIAmSmart(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = AddIAmSmartCore(services);
        // Bound by the configuration-binding source generator (no reflection): see IAmSmart.Sdk.csproj.
        services.Configure<IAmSmartOptions>(configuration);
        return builder;
    }

    /// <summary>Adds the iAM Smart client, set up in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets up the client, for example <c>b =&gt; b.UseSandbox().UseClientCredentials(id, secret).UseEnciphermentCertificate(pfx, password)</c>.</param>
    /// <returns>The builder.</returns>
    public static IAmSmartBuilder AddIAmSmart(this IServiceCollection services, Action<IAmSmartBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddIAmSmartCore(services);
        configure(builder);
        return builder;
    }

    private static IAmSmartBuilder AddIAmSmartCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IAmSmartOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IAmSmartOptions>, IAmSmartOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RequestStamp(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IRandomSource>()));
        AddCryptoSeams(services);
        services.TryAddSingleton<IConsentReceiptSink>(sp => new LoggingConsentReceiptSink(sp.GetService<ILoggerFactory>()));

        var http = services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan) // the resilience handler owns timeouts
            .AddHttpMessageHandler(sp => IAmSmartHttpPipeline.CreateResilienceHandler(
                sp.GetRequiredService<IOptions<IAmSmartOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()))
            .AddHttpMessageHandler(sp => IAmSmartHttpPipeline.CreateSigningHandler(
                sp.GetRequiredService<IOptions<IAmSmartOptions>>().Value, sp.GetRequiredService<RequestStamp>(), sp.GetRequiredService<IRequestSigner>()));

        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return IAmSmartHttpPipeline.CreateChannel(
                GetOptions(sp), () => factory.CreateClient(HttpClientName), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => IAmSmartHttpPipeline.CreateSession(
            GetOptions(sp),
            sp.GetRequiredService<KeyEncryptionKeyRing>(),
            sp.GetRequiredService<IContentCipher>(),
            sp.GetRequiredService<IContentKeySource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));

        services.TryAddSingleton(sp =>
        {
            var options = GetOptions(sp);
            var transport = new IAmSmartTransport(sp.GetRequiredService<IAmSmartChannel>(), sp.GetRequiredService<ContentKeySession>());
            return new IAmSmartClient(
                transport, options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), sp.GetService<IPendingOperationStore>(),
                consentReceiptSink: sp.GetRequiredService<IConsentReceiptSink>());
        });

        return new IAmSmartBuilder(services, http);
    }

    // Every crypto seam, each with TryAdd: a service the application registered first wins, and the BCL is the default.
    private static void AddCryptoSeams(IServiceCollection services)
    {
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.TryAddSingleton<IRequestSigner>(sp => IAmSmartHttpPipeline.CreateDefaultSigner(GetOptions(sp)));
        services.TryAddSingleton<IContentCipher>(sp => new AesGcmContentCipher(sp.GetRequiredService<IRandomSource>()));
        services.TryAddSingleton(sp => GetOptions(sp).CreateKeyRing());
        services.TryAddSingleton(sp => IAmSmartHttpPipeline.CreateDefaultKeySource(
            sp.GetRequiredService<IAmSmartChannel>(), sp.GetRequiredService<KeyEncryptionKeyRing>(), sp.GetRequiredService<TimeProvider>()));
    }

    private static IAmSmartOptions GetOptions(IServiceProvider services) => services.GetRequiredService<IOptions<IAmSmartOptions>>().Value;
}
