namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The <c>signingResult</c> of <c>account/signing/ackResult</c> (contract §10.2, §12.1): what the e-service tells iAM
/// Smart about the signature it received.
/// </summary>
/// <remarks>
/// [I] The values <c>SR001</c>–<c>SR003</c> come from CorpID's specification, which mirrors iAM Smart but is another
/// system; iAM Smart's own values are not public. They live here, in one place, so that they are easy to change.
/// Any other value can be wrapped.
/// </remarks>
/// <param name="Value">The value as sent on the wire, for example <c>SR001</c>.</param>
public readonly record struct SigningAcknowledgement(string Value)
{
    /// <summary><c>SR001</c>: the e-service received the signature and accepts it [I].</summary>
    public static SigningAcknowledgement Accepted { get; } = new("SR001");

    /// <summary><c>SR002</c>: the e-service received the signature and rejects it, for example because it does not verify [I].</summary>
    public static SigningAcknowledgement Rejected { get; } = new("SR002");

    /// <summary><c>SR003</c>: the e-service received no signature [I].</summary>
    public static SigningAcknowledgement NotReceived { get; } = new("SR003");

    /// <summary>The value.</summary>
    public override string ToString() => Value;
}
