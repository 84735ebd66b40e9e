using IAmSmart.Sdk.Crypto;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// Composes the HTTP handlers, the channel, the content-key session and the transport, the same way with and without
/// dependency injection. The crypto seams (signer, cipher, key source, random source) come in from outside: with DI each
/// is a service registered with <c>TryAdd</c>; without DI, <see cref="IAmSmartClient.Create"/> uses the BCL defaults
/// made here.
/// </summary>
internal static class IAmSmartHttpPipeline
{
    /// <summary>The retry handler outside, the signing handler inside it, so that each attempt is signed afresh.</summary>
    public static (DelegatingHandler Outermost, DelegatingHandler Innermost) CreateHandlers(
        IAmSmartOptions options, RequestStamp stamp, TimeProvider time, ILoggerFactory? loggerFactory, IRequestSigner? signer = null)
    {
        var signing = CreateSigningHandler(options, stamp, signer ?? CreateDefaultSigner(options));
        var resilience = CreateResilienceHandler(options, time, loggerFactory);
        resilience.InnerHandler = signing;
        return (resilience, signing);
    }

    public static ResilienceHandler CreateResilienceHandler(IAmSmartOptions options, TimeProvider time, ILoggerFactory? loggerFactory)
        => new(options, time, loggerFactory?.CreateLogger<ResilienceHandler>());

    /// <param name="options">The client's settings.</param>
    /// <param name="stamp">The client's timestamp source; it must outlive the handler, which HttpClientFactory recycles.</param>
    /// <param name="signer">The request signer.</param>
    public static RequestSigningHandler CreateSigningHandler(IAmSmartOptions options, RequestStamp stamp, IRequestSigner signer)
        => new(options.ClientId, signer, stamp);

    /// <summary>The default request signer: HMAC-SHA256 with the client secret, through the BCL.</summary>
    public static IRequestSigner CreateDefaultSigner(IAmSmartOptions options) => new HmacSha256RequestSigner(options.ClientSecret);

    public static IAmSmartChannel CreateChannel(IAmSmartOptions options, Func<HttpClient> httpClient, TimeProvider time, ILoggerFactory? loggerFactory)
        => new(httpClient, options.ResolveApiBase(), time, loggerFactory);

    /// <summary>The default key source: getKey and revokeKey over <paramref name="channel"/>, unwrapped with <paramref name="keyRing"/>.</summary>
    public static IContentKeySource CreateDefaultKeySource(IAmSmartChannel channel, KeyEncryptionKeyRing keyRing, TimeProvider time)
        => new ExchangedContentKeySource(new IAmSmartKeyClient(channel), keyRing, time);

    public static ContentKeySession CreateSession(
        IAmSmartOptions options, KeyEncryptionKeyRing keyRing, IContentCipher cipher, IContentKeySource keySource, TimeProvider time, ILoggerFactory? loggerFactory)
        => new(keyRing, cipher, keySource, time, options.ContentKeyRefreshMargin, loggerFactory);

    /// <summary>A transport with the BCL defaults for every crypto seam not given: the path without dependency injection.</summary>
    public static IAmSmartTransport CreateTransport(
        IAmSmartOptions options, Func<HttpClient> httpClient, TimeProvider time, ILoggerFactory? loggerFactory, IContentCipher? cipher = null)
    {
        var channel = CreateChannel(options, httpClient, time, loggerFactory);
        var keyRing = options.CreateKeyRing();
        var session = CreateSession(
            options, keyRing, cipher ?? AesGcmContentCipher.Instance, CreateDefaultKeySource(channel, keyRing, time), time, loggerFactory);
        return new IAmSmartTransport(channel, session);
    }
}
