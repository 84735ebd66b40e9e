using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Operations;

/// <summary>What became of a callback.</summary>
public enum CallbackDisposition
{
    /// <summary>It completed its operation.</summary>
    Accepted,

    /// <summary>It repeats the callback that completed its operation: acknowledged, nothing changed.</summary>
    Duplicate,

    /// <summary>It was rejected and changed nothing; see <see cref="CallbackReceipt.Rejection"/>.</summary>
    Rejected,
}

/// <summary>The answer to a callback, for the endpoint that received it. It holds no personal data.</summary>
/// <param name="Disposition">What became of the callback.</param>
/// <param name="Rejection">Why it was rejected, when it was.</param>
/// <param name="Kind">The kind of the operation it belongs to, when it was correlated.</param>
/// <param name="TxId">The callback's transaction id, when it could be read.</param>
public sealed record CallbackReceipt(CallbackDisposition Disposition, CallbackRejection? Rejection = null, string? Kind = null, string? TxId = null)
{
    /// <summary>Whether iAM Smart should be told the callback was received (accepted or a repeat).</summary>
    public bool IsAcknowledged => Disposition is CallbackDisposition.Accepted or CallbackDisposition.Duplicate;
}
