using IAmSmart.Sdk.Crypto;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Transport;

/// <summary>Composes the HTTP handlers and the transport, the same way with and without dependency injection.</summary>
internal static class IAmSmartHttpPipeline
{
    /// <summary>The retry handler outside, the signing handler inside it, so that each attempt is signed afresh.</summary>
    public static (DelegatingHandler Outermost, DelegatingHandler Innermost) CreateHandlers(
        IAmSmartOptions options, RequestStamp stamp, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        var signing = CreateSigningHandler(options, stamp);
        var resilience = CreateResilienceHandler(options, time, loggerFactory);
        resilience.InnerHandler = signing;
        return (resilience, signing);
    }

    public static ResilienceHandler CreateResilienceHandler(IAmSmartOptions options, TimeProvider time, ILoggerFactory? loggerFactory)
        => new(options, time, loggerFactory?.CreateLogger<ResilienceHandler>());

    /// <param name="options">The client's settings.</param>
    /// <param name="stamp">The client's timestamp source; it must outlive the handler, which HttpClientFactory recycles.</param>
    public static RequestSigningHandler CreateSigningHandler(IAmSmartOptions options, RequestStamp stamp)
        => new(options.ClientId, new HmacSha256RequestSigner(options.ClientSecret), stamp);

    public static IAmSmartTransport CreateTransport(IAmSmartOptions options, Func<HttpClient> httpClient, TimeProvider time, ILoggerFactory? loggerFactory)
        => new(httpClient, options.ResolveApiBase(), options.CreateKeyRing(), AesGcmContentCipher.Instance, time, options.ContentKeyRefreshMargin, loggerFactory);
}
