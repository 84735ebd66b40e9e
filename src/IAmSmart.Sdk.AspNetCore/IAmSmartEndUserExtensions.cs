using IAmSmart.Sdk;
using Microsoft.AspNetCore.Http;

namespace IAmSmart.Sdk.AspNetCore;

/// <summary>Sends the end user's IP address of the current ASP.NET Core request with iAM Smart calls (addendum §A7).</summary>
public static class IAmSmartEndUserExtensions
{
    /// <summary>
    /// <see cref="IAmSmartClient.ForEndUser"/> with the address of the connection (<c>context.Connection.RemoteIpAddress</c>).
    /// Behind a reverse proxy that is the proxy's address unless the forwarded-headers middleware is configured with
    /// your known proxies. When the connection has no address (an in-memory test server), <paramref name="client"/> is
    /// returned as it is and no header is sent: the SDK never sends a placeholder.
    /// </summary>
    /// <param name="client">The application's client.</param>
    /// <param name="context">The current request.</param>
    /// <returns>A client whose calls carry <c>x-forwarded-for</c>, or <paramref name="client"/> when there is no address.</returns>
    public static IAmSmartClient ForEndUser(this IAmSmartClient client, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress is { } address ? client.ForEndUser(address) : client;
    }
}
