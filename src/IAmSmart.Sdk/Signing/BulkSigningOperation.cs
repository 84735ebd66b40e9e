using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// A bulk signing, started by <see cref="IAmSmartSigningClient.StartBulkSigningAsync"/> or
/// <see cref="IAmSmartSigningClient.StartAnonymousBulkSigningAsync"/>: what to show the user, and the outcome of every
/// document to wait for. It completes when the last page of results has arrived (addendum §A4.4), or a failure callback.
/// </summary>
public sealed class BulkSigningOperation : IAmSmartOperation<BulkSigningOutcome>
{
    internal BulkSigningOperation(
        IAmSmartFunction apiFunction,
        string businessId,
        BulkSigningInitiation? initiation,
        AnonymousBulkSigningInitiation? anonymousInitiation,
        PendingOperations operations,
        Func<IAmSmartCallback, CancellationToken, Task<BulkSigningOutcome>> read)
        : base(apiFunction, businessId, operations, read)
    {
        Initiation = initiation;
        AnonymousInitiation = anonymousInitiation;
    }

    /// <summary>
    /// A completed bulk signing with login, for tests of code that uses the SDK: <see cref="IAmSmartOperation{T}.Value"/>
    /// is <paramref name="outcome"/> and there is nothing to wait for.
    /// </summary>
    /// <param name="businessId">The <c>businessID</c>.</param>
    /// <param name="outcome">The outcome.</param>
    public BulkSigningOperation(string businessId, BulkSigningOutcome outcome)
        : base(IAmSmartFunctions.BulkSigning, businessId, outcome ?? throw new ArgumentNullException(nameof(outcome)))
    {
    }

    internal BulkSigningOperation(IAmSmartFunction apiFunction, BulkSigningInitiation refused, BulkSigningOutcome outcome)
        : base(apiFunction, refused.BusinessId, outcome)
        => Initiation = refused;

    /// <summary>
    /// iAM Smart's answer to a bulk signing with login: the ticket, or the refusal. Known on the instance that started
    /// it; <see langword="null"/> on one that resumed it, and for an anonymous bulk signing.
    /// </summary>
    public BulkSigningInitiation? Initiation { get; }

    /// <summary>
    /// iAM Smart's answer to a bulk signing without login: the ticket login to send the browser to
    /// (<see cref="AnonymousBulkSigningInitiation.ToLoginRequest"/>). Known on the instance that started it; keep it (for
    /// example in the session) for <see cref="IAmSmartSigningClient.CompleteAnonymousBulkSigningLoginAsync"/>.
    /// </summary>
    public AnonymousBulkSigningInitiation? AnonymousInitiation { get; }
}
