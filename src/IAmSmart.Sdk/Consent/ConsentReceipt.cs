namespace IAmSmart.Sdk.Consent;

/// <summary>
/// An immutable record of one request for personal data and how it ended: what was asked for, for what stated purpose,
/// what the user released (field <em>names</em> only, never values), and when. One is handed to the
/// <see cref="IConsentReceiptSink"/> each time a request ends: released, rejected, cancelled, timed out or failed.
/// Together they are the e-service's audit trail of what personal data it collected, when and why (Hong Kong PDPO,
/// data protection principles 1 and 4).
/// </summary>
public sealed class ConsentReceipt
{
    /// <summary>Creates a receipt; also for tests of code that stores receipts.</summary>
    /// <param name="function">The iAM Smart function that asked for the data.</param>
    /// <param name="businessId">The request's <c>businessID</c>.</param>
    /// <param name="txId">The iAM Smart transaction id of the answer, if any.</param>
    /// <param name="fieldsRequested">The field names asked for, in request order.</param>
    /// <param name="fieldsReleased">The field names the answer carried (and the SDK kept), never values.</param>
    /// <param name="purpose">The purpose stated to the user (for e-ME, the form), if any.</param>
    /// <param name="requestedAt">When the request was sent.</param>
    /// <param name="answeredAt">When the answer arrived, or when the SDK concluded that none would.</param>
    /// <param name="outcome">How the request ended.</param>
    /// <param name="code">The iAM Smart return code of the answer, if any.</param>
    /// <param name="fieldsDiscarded">Field names the answer carried although not asked for; the SDK dropped their values.</param>
    public ConsentReceipt(
        IAmSmartFunction function,
        string businessId,
        string? txId,
        IEnumerable<string> fieldsRequested,
        IEnumerable<string> fieldsReleased,
        StatedPurpose? purpose,
        DateTimeOffset requestedAt,
        DateTimeOffset answeredAt,
        ConsentOutcome outcome,
        string? code,
        IEnumerable<string>? fieldsDiscarded = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Kind is null)
        {
            throw new ArgumentException($"{function.Name} records no consent receipt.", nameof(function));
        }

        ArgumentException.ThrowIfNullOrEmpty(businessId);
        ArgumentNullException.ThrowIfNull(fieldsRequested);
        ArgumentNullException.ThrowIfNull(fieldsReleased);
        Function = function;
        BusinessId = businessId;
        TxId = txId;
        FieldsRequested = [.. fieldsRequested];
        FieldsReleased = [.. fieldsReleased];
        FieldsDiscarded = fieldsDiscarded is null ? [] : [.. fieldsDiscarded];
        Purpose = purpose;
        RequestedAt = requestedAt;
        AnsweredAt = answeredAt;
        Outcome = outcome;
        Code = code;
    }

    /// <summary>The iAM Smart function; its <see cref="IAmSmartFunction.Kind"/> is the stable name to store.</summary>
    public IAmSmartFunction Function { get; }

    /// <summary>The request's <c>businessID</c>: unique per request, so a good key for the audit store (a receipt read twice repeats it).</summary>
    public string BusinessId { get; }

    /// <summary>The iAM Smart transaction id of the answer, to quote to iAM Smart support.</summary>
    public string? TxId { get; }

    /// <summary>The field names asked for (<c>profileFields</c> / <c>eMEFields</c>), in request order.</summary>
    public IReadOnlyList<string> FieldsRequested { get; }

    /// <summary>The field names released and kept; empty unless <see cref="Outcome"/> is <see cref="ConsentOutcome.Released"/>.</summary>
    public IReadOnlyList<string> FieldsReleased { get; }

    /// <summary>Field names the answer carried although they were not asked for. Their values were dropped, not collected.</summary>
    public IReadOnlyList<string> FieldsDiscarded { get; }

    /// <summary>The purpose stated to the user: for e-ME the form name, number and description; <see langword="null"/> for a profile request.</summary>
    public StatedPurpose? Purpose { get; }

    /// <summary>When the request was sent (the client's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset RequestedAt { get; }

    /// <summary>When the answer arrived (the callback was accepted, or <c>getResult</c> answered), or when the SDK concluded that none would.</summary>
    public DateTimeOffset AnsweredAt { get; }

    /// <summary>How the request ended.</summary>
    public ConsentOutcome Outcome { get; }

    /// <summary>The iAM Smart return code of the answer (<c>D00000</c>, <c>D60001</c>, …); <see langword="null"/> when no answer came.</summary>
    public string? Code { get; }

    /// <summary>
    /// A description with field names, iAM Smart's txID and times only: a receipt holds no personal data, and the
    /// businessID (which alone proves a failure callback, docs/security.md) stays out of logs; read it from <see cref="BusinessId"/>.
    /// </summary>
    public override string ToString()
        => $"ConsentReceipt({Function.Kind}, outcome: {Outcome}, code: {Code ?? "none"}, txID: {TxId ?? "none"}, " +
           $"requested: [{string.Join(' ', FieldsRequested)}], released: [{string.Join(' ', FieldsReleased)}], " +
           $"discarded: [{string.Join(' ', FieldsDiscarded)}], form: {Purpose?.Reference ?? "none"}, at: {RequestedAt:O} → {AnsweredAt:O})";
}
