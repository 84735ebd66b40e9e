using System.Net;
using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The SDK's resilience pipeline on Microsoft.Extensions.Http.Resilience: a total timeout, retries with jittered
/// exponential backoff for transient failures of calls marked retry-safe only (honouring <c>Retry-After</c>), and an
/// attempt timeout. A response that carries a return code is judged by <see cref="ReturnCodes"/> alone (retried only
/// when the code is <see cref="ReturnCodeClass.Retryable"/>); one without a readable code by its transport: connection
/// errors, attempt timeouts, 408, 429, 5xx. With dependency injection the pipeline is added by
/// <c>AddResilienceHandler</c>; without, <see cref="CreateHandler"/> wraps it in the package's <c>ResilienceHandler</c>.
/// </summary>
internal static class IAmSmartResilience
{
    /// <summary>The name of the pipeline under the SDK's named <see cref="HttpClient"/>.</summary>
    public const string PipelineName = "iamsmart";

    /// <summary>The category of the retry log records (event 7), unchanged since the hand-written handler.</summary>
    public const string LogCategory = "IAmSmart.Sdk.Transport.ResilienceHandler";

    /// <summary>The key under which the transport names the function a request calls (and so whether it may be repeated).</summary>
    public static readonly HttpRequestOptionsKey<IAmSmartFunction> OperationKey = new("IAmSmart.Operation");

    /// <summary>The handler for the chain built without dependency injection.</summary>
    public static DelegatingHandler CreateHandler(IAmSmartResilienceSettings settings, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, settings, time, loggerFactory);
        return new ResilienceHandler(builder.Build());
    }

    /// <summary>Adds the SDK's strategies to <paramref name="builder"/>: total timeout, retry, attempt timeout.</summary>
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, IAmSmartResilienceSettings settings, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        var logger = loggerFactory?.CreateLogger(LogCategory) ?? NullLogger.Instance;
        builder.TimeProvider = time;
        // The SDK logs retries itself (event 7) and meters calls in IAmSmartTelemetry; Polly's own telemetry would add a
        // second record of every attempt.
        builder.TelemetryListener = null;
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.TotalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1), // Polly needs at least one; ShouldHandle says no when MaxRetries is 0
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
                ShouldHandle = async args =>
                    settings.MaxRetries > 0
                    && FunctionOf(args.Context) is { IsRetrySafe: true } operation
                    && await IsTransientAsync(args.Outcome, operation, args.Context.CancellationToken).ConfigureAwait(false),
                OnRetry = async args =>
                {
                    var request = args.Context.GetRequestMessage();
                    var operation = FunctionOf(args.Context);
                    var outcome = args.Outcome.Exception?.GetType().Name ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}";
                    if (operation is not null && args.Outcome.Result is { } response
                        && await ReadCodeAsync(response, operation, args.Context.CancellationToken).ConfigureAwait(false) is { } code)
                    {
                        outcome += " " + code; // a retry under HTTP 200 is decided by its code: say which
                    }

                    // The package's handler would send the same message again, but a sent message is not to be sent
                    // twice: a handler below may have read and disposed its content (the in-process simulator does).
                    // The next attempt takes its message from the context.
                    if (request is not null && Clone(request) is { } clone)
                    {
                        args.Context.SetRequestMessage(clone);
                    }

                    Log.Retrying(logger, operation?.Name ?? "call", args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
                },
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout });
    }

    // The package's handler puts the request on the context; the channel put the function on the request.
    private static IAmSmartFunction? FunctionOf(ResilienceContext context)
        => context.GetRequestMessage() is { } request && request.Options.TryGetValue(OperationKey, out var operation) ? operation : null;

    // A new message with the same method, address, headers, options and body. The body comes from the text the channel
    // kept in the options for the signer, not from the sent content, which may already be disposed. A request with a
    // body but no such text is not the channel's: null leaves it to the package (the same message again).
    private static HttpRequestMessage? Clone(HttpRequestMessage request)
    {
        request.Options.TryGetValue(RequestSigningHandler.BodyKey, out var body);
        if (request.Content is not null && body is null)
        {
            return null;
        }

        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            // The signing handler inside replaces the nonce, timestamp and signature of each attempt.
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        if (request.Content is not null)
        {
            clone.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body!));
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }

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
}

/// <summary>The resilience settings the pipeline needs; the options class implements it.</summary>
internal interface IAmSmartResilienceSettings
{
    TimeSpan AttemptTimeout { get; }

    TimeSpan TotalTimeout { get; }

    int MaxRetries { get; }

    TimeSpan RetryBaseDelay { get; }
}
