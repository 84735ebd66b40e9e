using System.Text.Json.Nodes;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>Records the path and return code of every response that passes through it.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public List<(string Path, int Status, string? Code)> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        string? code = null;
        if (response.Content is not null)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                code = (string?)JsonNode.Parse(text)?["code"];
            }
            catch (System.Text.Json.JsonException)
            {
                // not an envelope
            }
        }

        lock (Calls)
        {
            Calls.Add((request.RequestUri!.AbsolutePath, (int)response.StatusCode, code));
        }

        return response;
    }
}
