using IAmSmart.Sdk;
using IAmSmart.Sdk.AspNetCore;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Settings of the endpoint that receives iAM Smart's server callbacks.</summary>
public sealed class IAmSmartCallbackEndpointOptions
{
    /// <summary>
    /// The largest callback body accepted, in bytes. Default 15 MB: an e-ME callback may carry an address-proof PDF
    /// (<c>addressDocFile</c>, Base64 inside encrypted Base64), and iAM Smart's own limits go up to 10 MB per body [I].
    /// </summary>
    public long MaxBodySize { get; set; } = 15 * 1024 * 1024;

    /// <summary>
    /// How many callbacks are read and processed at once; more wait (without their bodies read) until one finishes, so
    /// that memory stays bounded by this number of bodies however many arrive together (for a multipart callback, by
    /// this number of its parts: it is read part by part, never whole). Default 8.
    /// </summary>
    public int MaxConcurrentCallbacks { get; set; } = 8;

    /// <summary>
    /// The networks callbacks may come from, e.g. iAM Smart's published source ranges or your reverse proxy; empty (the
    /// default) accepts any source. A request from elsewhere, or with no known remote address, is refused with HTTP 403
    /// and the reason <c>source_not_allowed</c> before its body is read. The check uses
    /// <see cref="ConnectionInfo.RemoteIpAddress"/> (an IPv4-mapped IPv6 address counts as IPv4): behind a reverse proxy
    /// that is the proxy's address, unless you configure ASP.NET Core's forwarded-headers middleware with your known
    /// proxies, which rewrites it to the client's. The SDK never reads <c>X-Forwarded-For</c> itself, since only your
    /// proxy configuration knows which entries to trust. A firewall or WAF rule in front of the app is stronger still;
    /// this check is for when the app is the only place that can do it.
    /// </summary>
    public IList<System.Net.IPNetwork> AllowedSources { get; } = [];
}

/// <summary>Maps the endpoint that receives iAM Smart's server callbacks.</summary>
public static class IAmSmartCallbackEndpoints
{
    private static readonly byte[] Acknowledgement = """{"code":"D00000","message":"SUCCESS"}"""u8.ToArray();

    /// <summary>
    /// Receives iAM Smart's result callbacks (re-authentication, profile, e-ME, signing) at <paramref name="pattern"/>,
    /// as JSON or as <c>multipart/form-data</c> (addendum §A3): accepts them into <see cref="IAmSmartClient.Operations"/>
    /// and answers at once, HTTP 200 with a small JSON acknowledgement. Another content type: 415; too large: 413; malformed or undecryptable: 400; unknown or expired
    /// operation: 404; a different second callback for a completed operation: 409; a source outside
    /// <see cref="IAmSmartCallbackEndpointOptions.AllowedSources"/>: 403. Answers never contain data from the callback;
    /// see docs/security.md for what proves a callback genuine.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Authorization.</b> Your policy wins: add <c>.RequireAuthorization(…)</c> to the returned builder (a client
    /// certificate policy, an IP policy), or map the endpoint in a group that requires one, and it applies. Only when the
    /// endpoint carries no authorization of its own does the SDK mark it anonymous, because iAM Smart does not sign in to
    /// your app: without that, an application-wide <c>FallbackPolicy</c> (such as "require an authenticated user") would
    /// turn every callback into a login challenge and results would silently never arrive. To put the callback under your
    /// fallback policy, name that policy explicitly with <c>.RequireAuthorization(…)</c>.
    /// </para>
    /// </remarks>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route; register the matching absolute HTTPS URL as the callback (redirect) URI.</param>
    /// <param name="configure">Changes the endpoint's settings.</param>
    public static IEndpointConventionBuilder MapIAmSmartCallbacks(
        this IEndpointRouteBuilder endpoints,
        string pattern = IAmSmartAuthenticationDefaults.ServerCallbackPath,
        Action<IAmSmartCallbackEndpointOptions>? configure = null)
        => Map(
            endpoints,
            pattern,
            configure,
            "iAM Smart callbacks",
            new Acceptor(
                static (client, body, ct) => client.Operations.AcceptCallbackAsync(body, contentType: null, ct),
                static (client, body, contentType, limit, ct) => client.Operations.AcceptCallbackAsync(body, contentType, limit, ct)));

    /// <summary>
    /// Receives the callbacks of bulk signing (addendum §A3.3, §A3.4) at <paramref name="pattern"/>: the BSQC token
    /// (JSON, sent to the request's <c>redirectURI</c>) and the results in pages (<c>multipart/form-data</c> with parts
    /// <c>sigFile</c> and <c>sigMetada</c>, sent to its <c>callbackResultURI</c>); register this one URL as both. It
    /// accepts them into <see cref="IAmSmart.Sdk.Signing.IAmSmartSigningClient.AcceptBulkSigningCallbackAsync(Stream, string, long, CancellationToken)"/> and answers
    /// as <see cref="MapIAmSmartCallbacks"/> does (malformed multipart: 400, never a 500).
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route; register the matching absolute HTTPS URL as <c>redirectURI</c> and <c>callbackResultURI</c>.</param>
    /// <param name="configure">Changes the endpoint's settings.</param>
    public static IEndpointConventionBuilder MapIAmSmartBulkSigningCallbacks(
        this IEndpointRouteBuilder endpoints,
        string pattern = IAmSmartAuthenticationDefaults.ServerCallbackPath + "/bulk-signing",
        Action<IAmSmartCallbackEndpointOptions>? configure = null)
        => Map(
            endpoints,
            pattern,
            configure,
            "iAM Smart bulk-signing callbacks",
            new Acceptor(
                static (client, body, ct) => client.Signing.AcceptBulkSigningCallbackAsync(body, contentType: null, ct),
                static (client, body, contentType, limit, ct) => client.Signing.AcceptBulkSigningCallbackAsync(body, contentType, limit, ct)));

    private static IEndpointConventionBuilder Map(
        IEndpointRouteBuilder endpoints,
        string pattern,
        Action<IAmSmartCallbackEndpointOptions>? configure,
        string displayName,
        Acceptor accept)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var options = new IAmSmartCallbackEndpointOptions();
        configure?.Invoke(options);
        if (options.MaxBodySize <= 0 || options.MaxBodySize >= Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.MaxBodySize, "IAmSmartCallbackEndpointOptions.MaxBodySize must be positive and fit in one array.");
        }

        if (options.MaxConcurrentCallbacks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), options.MaxConcurrentCallbacks, "IAmSmartCallbackEndpointOptions.MaxConcurrentCallbacks must be positive.");
        }

        var gate = new SemaphoreSlim(options.MaxConcurrentCallbacks, options.MaxConcurrentCallbacks);

        // Copied now: a list changed after mapping must not change which sources are let in.
        System.Net.IPNetwork[] allowedSources = [.. options.AllowedSources];
        var builder = endpoints.MapPost(
                pattern,
                context => IsAllowedSource(context, allowedSources)
                    ? HandleAsync(context, options, gate, accept)
                    : WriteAsync(context, StatusCodes.Status403Forbidden, "source_not_allowed"))
            .WithDisplayName(displayName);

        // Finally runs after every convention the application adds (on this builder or on a route group), so an
        // integrator's RequireAuthorization is seen here and is never overridden by AllowAnonymous.
        builder.Finally(endpoint =>
        {
            if (!endpoint.Metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy or IAuthorizationRequirementData or IAllowAnonymous))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return builder;
    }

    private static bool IsAllowedSource(HttpContext context, System.Net.IPNetwork[] allowedSources)
    {
        if (allowedSources.Length == 0)
        {
            return true;
        }

        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        // A dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d; the allow-list is written in IPv4.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in allowedSources)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task HandleAsync(
        HttpContext context,
        IAmSmartCallbackEndpointOptions options,
        SemaphoreSlim gate,
        Acceptor accept)
    {
        var request = context.Request;
        // The SDK's own media-type checks, so that the endpoint admits exactly what the reader then reads. Not
        // HasFormContentType: that also admits application/x-www-form-urlencoded, which iAM Smart never sends.
        var json = request.ContentType is { } type && CallbackContent.IsJson(type);
        if (!json && !CallbackContent.IsMultipart(request.ContentType))
        {
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type").ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > options.MaxBodySize)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payload_too_large").ConfigureAwait(false);
            return;
        }

        CallbackReceipt receipt;
        int? badRequestStatus = null;
        await gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            var client = context.RequestServices.GetRequiredService<IAmSmartClient>();

            // Never more than MaxBodySize is read; Kestrel enforces the limit too, on the bytes it receives, whatever
            // the Content-Length said.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = options.MaxBodySize;
            }

            if (json)
            {
                // A JSON callback is parsed whole: read by the SDK's reader into one pooled buffer sized by
                // Content-Length (a request stream cannot tell its length), cleared when the callback is processed.
                using var parts = await CallbackContent.ReadAsync(request.Body, contentType: null, options.MaxBodySize, request.ContentLength, context.RequestAborted).ConfigureAwait(false);
                receipt = await accept.Json(client, parts.Envelope, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                // A multipart callback is read from the request stream as it arrives, part by part (a bulk-signing
                // sigFile straight into the buffer it is decrypted in).
                receipt = await accept.Multipart(client, request.Body, request.ContentType, options.MaxBodySize, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (CallbackRejectedException ex)
        {
            // Only the JSON body's read throws it (TooLarge): the SDK's accept calls answer with a receipt.
            receipt = new CallbackReceipt(CallbackDisposition.Rejected, ex.Rejection, TxId: ex.TxId);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            receipt = new CallbackReceipt(CallbackDisposition.Rejected, CallbackRejection.TooLarge);
        }
        catch (BadHttpRequestException ex)
        {
            // The server could not read the body as sent (a body shorter than its Content-Length, bad chunked
            // encoding): the sender's fault, answered with the server's own status, not an unhandled 500.
            receipt = new CallbackReceipt(CallbackDisposition.Rejected, CallbackRejection.Malformed);
            badRequestStatus = ex.StatusCode;
        }
        finally
        {
            gate.Release();
        }

        if (badRequestStatus is { } unreadable)
        {
            await WriteAsync(context, unreadable, "malformed").ConfigureAwait(false);
            return;
        }

        if (receipt.IsAcknowledged)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Acknowledgement, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var (status, reason) = receipt.Rejection switch
        {
            CallbackRejection.UnknownOperation => (StatusCodes.Status404NotFound, "unknown_operation"),
            CallbackRejection.Conflict => (StatusCodes.Status409Conflict, "conflicting_callback"),
            CallbackRejection.Undecryptable => (StatusCodes.Status400BadRequest, "undecryptable"),
            CallbackRejection.Uncorrelated => (StatusCodes.Status400BadRequest, "uncorrelated"),
            CallbackRejection.TooLarge => (StatusCodes.Status413PayloadTooLarge, "payload_too_large"),
            _ => (StatusCodes.Status400BadRequest, "malformed"),
        };
        await WriteAsync(context, status, reason).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        // Fixed reason words only: nothing from the request is echoed.
        return context.Response.WriteAsync($$"""{"code":"rejected","reason":"{{reason}}"}""", context.RequestAborted);
    }

    /// <summary>How an endpoint hands a callback to the SDK: a JSON body as read whole, a multipart body as its stream.</summary>
    private sealed record Acceptor(
        Func<IAmSmartClient, ReadOnlyMemory<byte>, CancellationToken, Task<CallbackReceipt>> Json,
        Func<IAmSmartClient, Stream, string?, long, CancellationToken, Task<CallbackReceipt>> Multipart);
}
