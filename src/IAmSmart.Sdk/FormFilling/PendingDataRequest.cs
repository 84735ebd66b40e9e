using IAmSmart.Sdk.Consent;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// A request for personal data that iAM Smart accepted and the user has yet to answer: what to show the user (QR code
/// or app link), and what the consent receipt needs when the answer comes. It holds no personal data; an application
/// behind a load balancer can keep it (for example in the session) and read the result on another instance.
/// </summary>
public sealed class PendingDataRequest
{
    /// <summary>The iAM Smart function: <see cref="IAmSmartFunctions.Profile"/>, <see cref="IAmSmartFunctions.EMe"/> or <see cref="IAmSmartFunctions.AnonymousEMe"/>.</summary>
    public required IAmSmartFunction Function { get; init; }

    /// <summary>The request's <c>businessID</c>; the callback or the anonymous redirect carries it back.</summary>
    public required string BusinessId { get; init; }

    /// <summary>
    /// With login: whether the user must scan a QR code on another device (<see langword="true"/>) or open the app on
    /// this device with <see cref="AppLink"/>. <see langword="null"/> for anonymous e-ME, where the login page decides.
    /// </summary>
    public bool? AuthByQr { get; init; }

    /// <summary>The ticket: with login, to open the app on this device; anonymous, for the login URL. Treat it as a secret.</summary>
    public string? TicketId { get; init; }

    /// <summary>The same-device deep link (<c>&lt;scheme&gt;://profile?ticketID=…</c>), when there is a ticket and a login [I].</summary>
    public Uri? AppLink { get; init; }

    /// <summary>The field names asked for, in request order.</summary>
    public required IReadOnlyList<string> RequestedFields { get; init; }

    /// <summary>The purpose stated to the user (the e-ME form), if any.</summary>
    public StatedPurpose? Purpose { get; init; }

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>A description without the ticket or the businessID (which alone proves a failure callback, docs/security.md).</summary>
    public override string ToString()
        => $"PendingDataRequest({Function.Kind}, authByQR: {AuthByQr?.ToString() ?? "n/a"}, fields: [{string.Join(' ', RequestedFields)}])";
}
