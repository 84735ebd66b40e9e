using System.Diagnostics.CodeAnalysis;
using IAmSmart.Sdk.Consent;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// How a request for personal data ended, with the data when the user released it and the consent receipt that was
/// recorded. Rejection, cancellation, time-out and failure are values here, not exceptions.
/// </summary>
public sealed class DataRequestResult
{
    /// <summary>Creates a result; also for tests of code that uses the SDK.</summary>
    /// <param name="receipt">The receipt recorded for the request.</param>
    /// <param name="data">The released data, when <see cref="ConsentReceipt.Outcome"/> is <see cref="ConsentOutcome.Released"/>.</param>
    public DataRequestResult(ConsentReceipt receipt, EMeData? data)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Receipt = receipt;
        Data = data;
    }

    /// <summary>How the request ended.</summary>
    public ConsentOutcome Outcome => Receipt.Outcome;

    /// <summary>Whether the user released data; <see cref="Data"/> is set exactly then.</summary>
    [MemberNotNullWhen(true, nameof(Data))]
    public bool IsReleased => Outcome == ConsentOutcome.Released && Data is not null;

    /// <summary>
    /// The released data, limited to the fields asked for (anything else iAM Smart sent is dropped and named in
    /// <see cref="ConsentReceipt.FieldsDiscarded"/>). Personal data: store and log it accordingly.
    /// </summary>
    public EMeData? Data { get; }

    /// <summary>The iAM Smart return code of the answer, if any.</summary>
    public string? Code => Receipt.Code;

    /// <summary>The iAM Smart transaction id of the answer, if known.</summary>
    public string? TxId => Receipt.TxId;

    /// <summary>The request's <c>businessID</c>.</summary>
    public string BusinessId => Receipt.BusinessId;

    /// <summary>The consent receipt recorded for this result.</summary>
    public ConsentReceipt Receipt { get; }

    /// <summary>The outcome and the released field names, never values.</summary>
    public override string ToString()
        => $"DataRequestResult(outcome: {Outcome}, code: {Code ?? "none"}, released: [{string.Join(' ', Receipt.FieldsReleased)}])";
}
