using System.Diagnostics;
using System.Net;
using System.Text;
using IAmSmart.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// Sends one iAM Smart call as it is (the handlers sign and retry it), reads the envelope and maps the return code,
/// with the call's trace, metrics and log lines. Below encryption: the transport encrypts business calls over it, and
/// <see cref="IAmSmartKeyClient"/> sends getKey and revokeKey over it.
/// </summary>
internal sealed class IAmSmartChannel
{
    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _apiBase;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // The x-forwarded-for value of a view made by ForEndUser; null on the client's own channel.
    private readonly string? _endUserIp;

    public IAmSmartChannel(Func<HttpClient> httpClient, Uri apiBase, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        _httpClient = httpClient;
        _apiBase = apiBase;
        _time = time;
        // The category stays the transport's, as before the channel was split from it.
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IAmSmartTransport>();
    }

    private IAmSmartChannel(IAmSmartChannel shared, string endUserIp)
    {
        _httpClient = shared._httpClient;
        _apiBase = shared._apiBase;
        _time = shared._time;
        _logger = shared._logger;
        _endUserIp = endUserIp;
    }

    /// <summary>A channel that sends <paramref name="endUserIp"/> as <see cref="EndUserIpHeader.Name"/> on each call.</summary>
    public IAmSmartChannel ForEndUser(IPAddress endUserIp) => new(this, EndUserIpHeader.Format(endUserIp));

    /// <summary>The end-user IP this channel sends, as sent; <see langword="null"/> when none.</summary>
    public string? EndUserIp => _endUserIp;

    /// <summary>The logger of the calls.</summary>
    public ILogger Logger => _logger;

    public async Task<ResponseEnvelope> SendAsync(IAmSmartFunction operation, string body, CancellationToken cancellationToken, bool throwOnError = true)
    {
        using var activity = IAmSmartTelemetry.ActivitySource.StartActivity($"iAM Smart {operation.Name}", ActivityKind.Client);
        activity?.SetTag(IAmSmartTelemetry.Tags.Operation, operation.Name);
        var started = _time.GetTimestamp();
        string code = "none";
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, operation.ResolveUri(_apiBase))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            message.Options.Set(RequestSigningHandler.BodyKey, body);
            message.Options.Set(ResilienceHandler.OperationKey, operation);
            if (_endUserIp is not null)
            {
                // A plain header outside the signed message (addendum §A7); the signing handler never reads it.
                message.Headers.TryAddWithoutValidation(EndUserIpHeader.Name, _endUserIp);
            }

            using var response = await _httpClient().SendAsync(message, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var envelope = ReadEnvelope(bytes, response.StatusCode, operation);
            code = envelope.Code!;
            activity?.SetTag(IAmSmartTelemetry.Tags.Code, code);
            activity?.SetTag(IAmSmartTelemetry.Tags.TxId, envelope.TxId);
            if (envelope.IsSuccess)
            {
                Log.CallCompleted(_logger, operation.Name, code, envelope.TxId, _time.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                activity?.SetStatus(ActivityStatusCode.Error, code);
                Log.CallFailed(_logger, operation.Name, code, envelope.TxId, envelope.Message);
            }

            if (throwOnError)
            {
                ThrowIfFailed(envelope, operation);
            }

            return envelope;
        }
        catch (Exception ex) when (ex is not IAmSmartException && ex is not OperationCanceledException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw new IAmSmartServiceException(
                $"iAM Smart {operation.Name} could not be reached or did not answer in time: {ex.GetType().Name}.", isTransient: true, innerException: ex);
        }
        finally
        {
            var tags = new TagList { { IAmSmartTelemetry.Tags.Operation, operation.Name }, { IAmSmartTelemetry.Tags.Code, code } };
            IAmSmartTelemetry.Requests.Add(1, tags);
            IAmSmartTelemetry.RequestDuration.Record(_time.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private static ResponseEnvelope ReadEnvelope(byte[] body, HttpStatusCode status, IAmSmartFunction operation)
    {
        try
        {
            return ResponseEnvelope.Parse(body, operation.Name, status);
        }
        catch (IAmSmartServiceException) when ((int)status >= 400)
        {
            // Business errors come as HTTP 200 with a code (contract §2.2); a bare HTTP error is the gateway's.
            var transient = status is HttpStatusCode.RequestTimeout or (HttpStatusCode)429 /* TooManyRequests: not a constant on netstandard2.0 */ || (int)status >= 500;
            throw new IAmSmartServiceException(
                $"iAM Smart {operation.Name} answered HTTP {(int)status} ({status}).", transient, statusCode: status);
        }
    }

    public static void ThrowIfFailed(in ResponseEnvelope envelope, IAmSmartFunction operation)
    {
        if (!envelope.IsSuccess)
        {
            throw ReturnCodes.ToException(envelope.Code!, envelope.Message, envelope.TxId, envelope.StatusCode, operation.Name);
        }
    }
}
