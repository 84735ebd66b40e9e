using System.Net;
using System.Net.Sockets;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The optional end-user IP header (addendum §A7). Only the production .NET client (S4) sends it, on every POST; no
/// iAM Smart document mentions it and the other clients work without it, so the SDK sends it only when the caller
/// gives an address (<see cref="IAmSmartClient.ForEndUser"/>). It is never part of the signed message.
/// </summary>
internal static class EndUserIpHeader
{
    /// <summary>The header name, the lower-case literal S4 sends [C-code S4 only; optional I].</summary>
    public const string Name = "x-forwarded-for";

    /// <summary>
    /// The header value for <paramref name="address"/>. An IPv4 address that reached a dual-stack socket as IPv6
    /// (<c>::ffff:203.0.113.9</c>) is sent as IPv4, which is what S4 sends; an IPv6 zone (<c>%eth0</c>) is dropped,
    /// since it names an interface of this host and means nothing to iAM Smart. There is no placeholder fallback:
    /// S4's <c>127.0.0.1</c> for an address it cannot read would tell iAM Smart something false.
    /// </summary>
    public static string Format(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            return new IPAddress(address.GetAddressBytes()).ToString();
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("The end-user IP must be an IPv4 or IPv6 address.", nameof(address));
        }

        return address.ToString();
    }
}
