using IAmSmart.Sdk.Testing.Engine;

namespace IAmSmart.Sdk.Testing.Hosting;

/// <summary>The in-process transport: turns each HttpRequestMessage into a <see cref="SimulatorRequest"/> for the engine.</summary>
internal sealed class SimulatorHttpHandler(SimulatorEngine engine, int maxBodyBytes) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var headers = request.Headers.Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value))).ToList();
        byte[] body = [];
        var oversized = false;
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value))));
            var stream = await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                (body, oversized) = await SimulatorRequest.ReadBodyAsync(stream, request.Content.Headers.ContentLength, maxBodyBytes, cancellationToken).ConfigureAwait(false);
            }
        }

        var answer = await engine.HandleAsync(new SimulatorRequest(request.Method.Method, uri.AbsolutePath, uri.Query, headers, body, oversized), cancellationToken).ConfigureAwait(false);
        var response = new HttpResponseMessage(answer.StatusCode) { RequestMessage = request };
        if (answer.ContentType is not null)
        {
            response.Content = new ByteArrayContent(answer.Body.ToArray());
            response.Content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
        }

        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        return response;
    }
}
