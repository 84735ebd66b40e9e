using System.Diagnostics;
using System.Net;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// The resilience rules hold in both wirings: <c>AddIAmSmart</c> (the named <see cref="HttpClient"/> from
/// HttpClientFactory) and <see cref="IAmSmartClient.Create"/> (no dependency injection). TransportTests and
/// ReturnCodeRetryTests cover the rules in depth through <c>Create</c>; these run the same scenarios through both, and are
/// the only tests of the attempt and total timeouts.
/// </summary>
public sealed class ResilienceWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<bool> Wirings => new() { true, false };

    [Fact]
    public async Task With_DI_the_resilience_handler_is_outside_the_signing_handler()
    {
        await using var provider = Provider(new FakeIAmSmartHandler(), null, _ => { });

        var chain = Chain(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(IAmSmartServiceCollectionExtensions.HttpClientName));

        // Outside the signing handler, so each attempt is signed afresh.
        var signing = chain.FindIndex(h => h is RequestSigningHandler);
        Assert.True(signing > 0, string.Join(", ", chain.Select(h => h.GetType().Name)));
        Assert.Contains("Resilience", chain[signing - 1].GetType().Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task A_retry_safe_call_is_retried_with_a_fresh_signature_honouring_retry_after_and_logged_as_event_7_only(bool di)
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, n) => n switch
            {
                1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                2 => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromMilliseconds(10)) } },
                _ => FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse()),
            });
        using var logs = new CapturingLoggerProvider();
        await using var client = new Wired(di, handler, logs, _ => { });

        var key = await client.Client.ContentKeys.GetAsync(Ct);

        Assert.Equal(VectorClient.Cek(), key);
        var attempts = handler.To(IAmSmartFunctions.GetKey.Path).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(3, attempts.Select(r => r.Header("nonce")).Distinct().Count());
        Assert.Equal(3, attempts.Select(r => r.Header("timestamp")).Count());
        Assert.Equal(3, attempts.Select(r => r.Header("signature")).Distinct().Count());
        Assert.Equal(3, attempts.Select(r => r.Body).Count(b => b == attempts[0].Body)); // the same request, sent again
        var retries = logs.Entries.Where(e => e.Id.Id == 7).Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("after HTTP 503", retries[0], StringComparison.Ordinal);
        Assert.Contains("after HTTP 429", retries[1], StringComparison.Ordinal);
        Assert.Contains("in 10 ms", retries[1], StringComparison.Ordinal); // the Retry-After delay, not the backoff
        // No second record of the same retries (Polly's own telemetry, for one): the warnings are the SDK's event 7.
        Assert.All(logs.Entries.Where(e => e.Level >= LogLevel.Warning), e => Assert.Equal(7, e.Id.Id));
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task A_call_that_is_not_retry_safe_is_sent_once_after_a_5xx(bool di)
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .On(IAmSmartFunctions.GetToken.Path, (_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway));
        await using var client = new Wired(di, handler, null, _ => { });

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Client.Auth.GetTokenAsync("code-1", Ct));

        Assert.False(IAmSmartFunctions.GetToken.IsRetrySafe);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task A_code_that_needs_a_new_request_is_not_retried_even_under_a_5xx(bool di)
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.Failure("D70002"), HttpStatusCode.ServiceUnavailable));
        await using var client = new Wired(di, handler, null, _ => { });

        await Assert.ThrowsAnyAsync<IAmSmartException>(() => client.Client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.True(ReturnCodes.TryGet("D70002", out var info) && info.NeedsNewRequest);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task An_attempt_that_does_not_answer_in_the_attempt_timeout_is_abandoned_and_a_retry_safe_call_retried(bool di)
    {
        var fake = new FakeIAmSmartHandler().OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse());
        var handler = new SilentFirst(fake, silentAttempts: 1);
        await using var client = new Wired(di, handler, null, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(500));

        var key = await client.Client.ContentKeys.GetAsync(Ct);

        Assert.Equal(VectorClient.Cek(), key);
        // The first attempt was cancelled by the attempt timeout, not waited out (at least 2: a loaded machine may time
        // out the second too).
        Assert.True(handler.FirstAttemptCancelled);
        Assert.InRange(handler.Attempts, 2, 4);
    }

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task A_call_that_never_answers_ends_at_the_total_timeout_as_a_transient_error(bool di)
    {
        var handler = new SilentFirst(new FakeIAmSmartHandler(), silentAttempts: int.MaxValue);
        await using var client = new Wired(di, handler, null, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.TotalTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 10; // the most allowed: 11 attempts of 150 ms would outlast 1 s, so the total timeout ends it
        });
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.True(ex.IsTransient);
        Assert.InRange(handler.Attempts, 2, 7);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(20));
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

    private static IAmSmartOptions Options(Action<IAmSmartOptions> configure)
    {
        var options = VectorClient.Options();
        options.RetryBaseDelay = TimeSpan.Zero;
        options.MaxRetries = 3;
        configure(options);
        return options;
    }

    private static ServiceProvider Provider(HttpMessageHandler handler, CapturingLoggerProvider? logs, Action<IAmSmartOptions> configure)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        }

        var wanted = Options(configure);
        services.AddIAmSmart(b =>
        {
            b.Configure(o =>
            {
                o.Environment = wanted.Environment;
                o.BaseUrl = wanted.BaseUrl;
                o.ClientId = wanted.ClientId;
                o.ClientSecret = wanted.ClientSecret;
                o.RetryBaseDelay = wanted.RetryBaseDelay;
                o.MaxRetries = wanted.MaxRetries;
                o.AttemptTimeout = wanted.AttemptTimeout;
                o.TotalTimeout = wanted.TotalTimeout;
                o.KeyEncryptionKeys.Add(VectorClient.Kek());
            });
            b.HttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>A client from either wiring, over <paramref name="handler"/>, disposed with what made it.</summary>
    private sealed class Wired(bool di, HttpMessageHandler handler, CapturingLoggerProvider? logs, Action<IAmSmartOptions> configure) : IAsyncDisposable
    {
        private readonly ServiceProvider? _provider = di ? Provider(handler, logs, configure) : null;
        private readonly IAmSmartClient? _created = di ? null : IAmSmartClient.Create(Options(configure), handler, logs?.CreateFactory());

        public IAmSmartClient Client => _provider?.GetRequiredService<IAmSmartClient>() ?? _created!;

        public async ValueTask DisposeAsync()
        {
            _created?.Dispose();
            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }
        }
    }

    /// <summary>Answers nothing (waits until cancelled) for the first attempts, then passes requests on.</summary>
    private sealed class SilentFirst(HttpMessageHandler inner, int silentAttempts) : DelegatingHandler(inner)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public bool FirstAttemptCancelled { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (attempt <= silentAttempts)
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    FirstAttemptCancelled |= attempt == 1;
                    throw;
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
