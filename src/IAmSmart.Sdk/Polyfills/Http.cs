// netstandard2.0 only: the HTTP types the SDK names that arrived in .NET 5 (members: BclExtensions.cs, HttpPolyfills).
namespace System.Net.Http;

internal readonly struct HttpRequestOptionsKey<TValue>(string key)
{
    public string Key { get; } = key;
}

internal enum HttpVersionPolicy
{
    RequestVersionOrLower,
    RequestVersionOrHigher,
    RequestVersionExact,
}

/// <summary>The no-DI client's primary handler: HttpClientHandler (on .NET 8/9 it runs on SocketsHttpHandler itself).</summary>
internal sealed class SocketsHttpHandler : HttpClientHandler
{
    /// <summary>Not available through HttpClientHandler; connection lifetime follows the platform's defaults.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; }
}
