using System.Net;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>An HTTP request as the simulator sees it, whichever way it arrived (in-process handler or loopback server).</summary>
public sealed class SimulatorRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The absolute path, for example <c>/api/v1/auth/getToken</c>.</param>
    /// <param name="query">The raw query string with or without its <c>?</c>; empty for none.</param>
    /// <param name="headers">The headers; names compared case-insensitively.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isOversized">Whether the body was larger than allowed and was not read in full (the answer is HTTP 413).</param>
    public SimulatorRequest(string method, string path, string? query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, bool isOversized = false)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method.ToUpperInvariant();
        Path = path;
        Query = string.IsNullOrEmpty(query) ? string.Empty : query.TrimStart('?');
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        Headers = map;
        Body = body;
        IsOversized = isOversized;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The absolute path.</summary>
    public string Path { get; }

    /// <summary>The raw query string, without <c>?</c>.</summary>
    public string Query { get; }

    /// <summary>The headers (the last value of a repeated header).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Whether the body was over the size limit.</summary>
    public bool IsOversized { get; }

    /// <summary>
    /// Reads a body stream up to <paramref name="maxBytes"/>, so that an oversized body is refused without being
    /// buffered whole. Shared by both hosting modes.
    /// </summary>
    /// <param name="body">The body stream.</param>
    /// <param name="declaredLength">The <c>Content-Length</c>, if sent.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, and whether the body was over the limit.</returns>
    public static async Task<(byte[] Body, bool IsOversized)> ReadBodyAsync(Stream? body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ([], false);
        }

        if (declaredLength > maxBytes)
        {
            return ([], true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            if (buffer.Length + read > maxBytes)
            {
                return ([], true);
            }

            buffer.Write(chunk, 0, read);
        }
    }
}

/// <summary>The simulator's answer to a <see cref="SimulatorRequest"/>.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The content type, or <see langword="null"/> for no body.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="Location">The <c>Location</c> header of a redirect.</param>
public sealed record SimulatorResponse(HttpStatusCode StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, Uri? Location = null)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body.Span);
}
