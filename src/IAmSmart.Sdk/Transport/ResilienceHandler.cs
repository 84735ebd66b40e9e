using System.Net;
using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// Timeouts for every call, and retries with jittered exponential backoff for transient failures of calls marked
/// retry-safe only. A response that carries a return code is judged by <see cref="ReturnCodes"/> alone (retried only when
/// the code is <see cref="ReturnCodeClass.Retryable"/>); one without a readable code by its transport: connection errors,
/// attempt timeouts, 408, 429 honouring <c>Retry-After</c>, 5xx.
/// </summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    /// <summary>The key under which the transport marks a request as safe to repeat.</summary>
    public static readonly HttpRequestOptionsKey<IAmSmartFunction> OperationKey = new("IAmSmart.Operation");

    private static readonly ResiliencePropertyKey<IAmSmartFunction?> ContextOperation = new("IAmSmart.Operation");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ResilienceHandler(IAmSmartResilienceSettings settings, TimeProvider time, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(settings.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = async args =>
                    settings.MaxRetries > 0
                    && args.Context.Properties.GetValue(ContextOperation, null) is { IsRetrySafe: true } operation
                    && await IsTransientAsync(args.Outcome, operation, args.Context.CancellationToken).ConfigureAwait(false),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = async args =>
                {
                    var operation = args.Context.Properties.GetValue(ContextOperation, null);
                    var outcome = args.Outcome.Exception?.GetType().Name ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}";
                    if (operation is not null && args.Outcome.Result is { } response
                        && await ReadCodeAsync(response, operation, args.Context.CancellationToken).ConfigureAwait(false) is { } code)
                    {
                        outcome += " " + code; // a retry under HTTP 200 is decided by its code: say which
                    }

                    Log.Retrying(logger, operation?.Name ?? "call", args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            request.Options.TryGetValue(OperationKey, out var operation);
            context.Properties.Set(ContextOperation, operation);
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var attempt = 0;
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        // Each attempt gets its own message: a sent message is not to be sent again.
                        var message = attempt++ == 0 ? state.Request : Clone(state.Request, body);
                        return Outcome.FromResult(await state.Handler.SendCoreAsync(message, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        if (body is not null)
        {
            clone.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => base.SendAsync(request, cancellationToken);

    private static async ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome, IAmSmartFunction operation, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        // The code decides whenever there is one, whatever the HTTP status: a user outcome or a caller error is never
        // repeated, even when a gateway wraps it in a 5xx, and a transient code is repeated even under HTTP 200.
        // Content-key codes are left to the transport, which must fetch a new key first, and codes that need a new
        // request (D70002, D77000) to the caller: the same bytes would only fetch the same failure.
        if (await ReadCodeAsync(response, operation, cancellationToken).ConfigureAwait(false) is { } code)
        {
            return ReturnCodes.IsRepeatable(code);
        }

        return response.StatusCode is HttpStatusCode.RequestTimeout or (HttpStatusCode)429 /* TooManyRequests: not a constant on netstandard2.0 */ || (int)response.StatusCode >= 500;
    }

    // Reading buffers the content, so the transport reads the same bytes afterwards.
    private static async ValueTask<string?> ReadCodeAsync(HttpResponseMessage response, IAmSmartFunction operation, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return ResponseEnvelope.Parse(body, operation.Name, response.StatusCode).Code;
        }
        catch (IAmSmartServiceException)
        {
            return null; // not an envelope: a gateway's page or an empty body
        }
        catch (HttpRequestException)
        {
            return null; // the body could not be read; judged by the status
        }
    }

    // null lets Polly use its own jittered backoff; a Retry-After header overrides it.
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>The resilience settings the handler needs; the options class implements it.</summary>
internal interface IAmSmartResilienceSettings
{
    TimeSpan AttemptTimeout { get; }

    TimeSpan TotalTimeout { get; }

    int MaxRetries { get; }

    TimeSpan RetryBaseDelay { get; }
}
