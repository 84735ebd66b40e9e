using System.Net;
using System.Text;
using System.Threading.Channels;
using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Samples.Console;

/// <summary>
/// Listens on a local URL for what iAM Smart sends back when the sample runs against a real (or remote) iAM Smart: the
/// browser's login redirect (GET with <c>code</c> and <c>state</c>) and the server callbacks (POST JSON), which go to
/// <see cref="IAmSmartClient.Operations"/> (bulk signing's to <c>client.Signing.AcceptBulkSigningCallbackAsync</c>). Put a reverse proxy or tunnel with the registered public HTTPS redirect URI
/// in front of it: iAM Smart does not call localhost.
/// </summary>
internal sealed class LocalCallbackListener : ILoginChannel, IAsyncDisposable
{
    private static readonly byte[] Acknowledgement = """{"code":"D00000","message":"SUCCESS"}"""u8.ToArray();

    private readonly HttpListener _listener = new();
    private readonly IAmSmartClient _client;
    private readonly TextWriter _output;
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<AuthCallback> _redirects = Channel.CreateUnbounded<AuthCallback>();
    private readonly Task _loop;

    public LocalCallbackListener(Uri listenUrl, IAmSmartClient client, TextWriter output, TimeSpan timeout)
    {
        _client = client;
        _output = output;
        _timeout = timeout;
        _listener.Prefixes.Add(listenUrl.AbsoluteUri.EndsWith('/') ? listenUrl.AbsoluteUri : listenUrl.AbsoluteUri + "/");
        _listener.Start();
        ListenUrl = listenUrl;
        _loop = Task.Run(ServeAsync);
    }

    public Uri ListenUrl { get; }

    public string Description => $"configured iAM Smart, listening on {ListenUrl}";

    public async Task<AuthCallback> AuthorizeAsync(LoginUrl login, CancellationToken cancellationToken)
    {
        _output.WriteLine($"    Open this URL in a browser and log in with the iAM Smart app: {login.Url.AbsoluteUri}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await _redirects.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No login redirect reached {ListenUrl} within {_timeout}.");
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && context.Request.Url?.Query is { Length: > 1 } query)
            {
                // The raw query: AuthCallback decodes each value once and keeps '+'.
                _redirects.Writer.TryWrite(AuthCallback.Parse(query));
                await WriteAsync(response, 200, "text/plain", "iAM Smart login received; you can close this window."u8.ToArray());
            }
            else if (context.Request.HttpMethod == "POST")
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body, _stop.Token);
                var contentType = context.Request.ContentType;
                var receipt = IsBulkSigning(body.ToArray(), contentType)
                    ? await _client.Signing.AcceptBulkSigningCallbackAsync(body.ToArray(), contentType, _stop.Token)
                    : await _client.Operations.AcceptCallbackAsync(body.ToArray(), contentType is not null && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? contentType : null, _stop.Token);
                await WriteAsync(response, receipt.IsAcknowledged ? 200 : 400, "application/json", Acknowledgement);
            }
            else
            {
                await WriteAsync(response, 404, "text/plain", "Not found."u8.ToArray());
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IAmSmartException or HttpListenerException or IOException)
        {
            await WriteAsync(response, 400, "text/plain", Encoding.UTF8.GetBytes("Bad request."));
        }
    }

    /// <summary>
    /// Whether a callback is one of bulk signing's (addendum §A3.3, §A3.4): a multipart body with a <c>sigMetada</c> part
    /// (the result pages), or JSON with no <c>code</c> (the BSQC token). A real e-service maps a separate endpoint for
    /// them (<c>MapIAmSmartBulkSigningCallbacks</c>); the sample listens on one URL, so it tells them apart by shape.
    /// </summary>
    private static bool IsBulkSigning(byte[] body, string? contentType)
    {
        if (contentType is not null && contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return body.AsSpan().IndexOf("name=\"sigMetada\""u8) >= 0;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && !document.RootElement.TryGetProperty("code", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _listener.Close();
        _stop.Dispose();
    }
}
