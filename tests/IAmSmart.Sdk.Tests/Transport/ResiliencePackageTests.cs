using System.Net;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// The retry and timeout rules run on Microsoft.Extensions.Http.Resilience in both wirings: <c>AddResilienceHandler</c>
/// under dependency injection, the package's <c>ResilienceHandler</c> over the same pipeline in <see cref="IAmSmartClient.Create"/>.
/// The signing handler sits inside it in both, so each attempt carries a fresh nonce and timestamp.
/// </summary>
public sealed class ResiliencePackageTests
{
    private const string PackageHandler = "Microsoft.Extensions.Http.Resilience.ResilienceHandler";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Without_DI_the_chain_is_the_package_handler_outside_the_signing_handler()
    {
        var options = VectorClient.Options();
        var (outermost, innermost) = IAmSmartHttpPipeline.CreateHandlers(options, new RequestStamp(TimeProvider.System), TimeProvider.System, null);

        Assert.Equal(PackageHandler, outermost.GetType().FullName);
        Assert.IsType<RequestSigningHandler>(innermost);
        Assert.Same(innermost, outermost.InnerHandler);
    }

    [Fact]
    public async Task With_DI_the_named_client_has_the_package_handler_outside_the_signing_handler()
    {
        await using var provider = Provider(new FakeIAmSmartHandler(), null);

        var chain = Chain(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(IAmSmartServiceCollectionExtensions.HttpClientName));

        var resilience = chain.FindIndex(h => h.GetType().FullName == PackageHandler);
        var signing = chain.FindIndex(h => h is RequestSigningHandler);
        Assert.True(resilience >= 0, string.Join(", ", chain.Select(h => h.GetType().Name)));
        Assert.Equal(resilience + 1, signing);
    }

    [Fact]
    public async Task With_DI_a_retry_safe_call_is_retried_with_a_fresh_signature_honouring_retry_after_and_logged_as_before()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, n) => n switch
            {
                1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                2 => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromMilliseconds(10)) } },
                _ => FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse()),
            });
        using var logs = new CapturingLoggerProvider();
        await using var provider = Provider(handler, logs);

        var key = await provider.GetRequiredService<IAmSmartClient>().ContentKeys.GetAsync(Ct);

        Assert.Equal(VectorClient.Cek(), key);
        var attempts = handler.To(IAmSmartFunctions.GetKey.Path).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(3, attempts.Select(r => r.Header("nonce")).Distinct().Count());
        Assert.Equal(3, attempts.Select(r => r.Header("signature")).Distinct().Count());
        var retries = logs.Entries.Where(e => e.Id.Id == 7).Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("after HTTP 503", retries[0], StringComparison.Ordinal);
        Assert.Contains("after HTTP 429", retries[1], StringComparison.Ordinal);
        Assert.Contains("in 10 ms", retries[1], StringComparison.Ordinal); // the Retry-After delay, not the backoff
        // Polly's own telemetry is off: the retry records are the SDK's, as with the hand-written handler.
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Warning), e => Assert.Equal(7, e.Id.Id));
    }

    [Fact]
    public async Task With_DI_a_call_that_is_not_retry_safe_is_sent_once_after_a_5xx()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .On(IAmSmartFunctions.GetToken.Path, (_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway));
        await using var provider = Provider(handler, null);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(
            () => provider.GetRequiredService<IAmSmartClient>().Auth.GetTokenAsync("code-1", Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task With_DI_a_code_that_needs_a_new_request_is_not_retried()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.Failure("D70002"), HttpStatusCode.ServiceUnavailable));
        await using var provider = Provider(handler, null);

        await Assert.ThrowsAnyAsync<IAmSmartException>(() => provider.GetRequiredService<IAmSmartClient>().ContentKeys.GetAsync(Ct).AsTask());

        Assert.True(ReturnCodes.TryGet("D70002", out var info) && info.NeedsNewRequest);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? h = handler; h is not null; h = (h as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(h);
        }

        return chain;
    }

    private static ServiceProvider Provider(FakeIAmSmartHandler handler, CapturingLoggerProvider? logs)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        }

        services.AddIAmSmart(b =>
        {
            b.Configure(o =>
            {
                var vector = VectorClient.Options();
                o.Environment = vector.Environment;
                o.BaseUrl = vector.BaseUrl;
                o.ClientId = vector.ClientId;
                o.ClientSecret = vector.ClientSecret;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.MaxRetries = 3;
                o.KeyEncryptionKeys.Add(VectorClient.Kek());
            });
            b.HttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
        });
        return services.BuildServiceProvider();
    }
}
