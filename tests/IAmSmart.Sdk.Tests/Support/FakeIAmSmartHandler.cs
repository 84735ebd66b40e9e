using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace IAmSmart.Sdk.Tests.Support;

/// <summary>One request as the fake server saw it.</summary>
internal sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers[name];
}

/// <summary>
/// An in-memory iAM Smart stand-in: records each request exactly as sent and answers with a scripted response per
/// path. Unscripted paths answer HTTP 404.
/// </summary>
internal sealed class FakeIAmSmartHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, int, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers <paramref name="path"/> (below api/v1/) with a response built from the request and the call number (1-based).</summary>
    public FakeIAmSmartHandler On(string path, Func<RecordedRequest, int, HttpResponseMessage> respond)
    {
        _routes[path] = respond;
        return this;
    }

    public FakeIAmSmartHandler OnJson(string path, Func<RecordedRequest, int, string> json)
        => On(path, (r, n) => Json(json(r, n)));

    public int Count(string path) => _counts.GetValueOrDefault(path);

    public IEnumerable<RecordedRequest> To(string path) => Requests.Where(r => r.Path == path);

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        const string prefix = "/api/v1/";
        path = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.Ordinal);
        var recorded = new RecordedRequest(path, headers, body);
        Requests.Enqueue(recorded);
        var n = _counts.AddOrUpdate(path, 1, (_, c) => c + 1);
        return _routes.TryGetValue(path, out var respond) ? respond(recorded, n) : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
