using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// A hash or PDF signing with login, started by <see cref="IAmSmartSigningClient.StartHashSigningAsync"/> or
/// <see cref="IAmSmartSigningClient.StartPdfSigningAsync"/>: what to show the user (<see cref="Initiation"/>) and the
/// outcome to wait for.
/// </summary>
/// <typeparam name="TResult">The signing result: <see cref="HashSigningResult"/> or <see cref="PdfSigningResult"/>.</typeparam>
public sealed class SigningOperation<TResult> : IAmSmartOperation<SigningOutcome<TResult>>
    where TResult : class
{
    internal SigningOperation(
        IAmSmartFunction apiFunction, string businessId, SigningInitiation? initiation, PendingOperations operations, Func<IAmSmartCallback, SigningOutcome<TResult>> read)
        : base(apiFunction, businessId, operations, (callback, _) => Task.FromResult(read(callback)))
        => Initiation = initiation;

    internal SigningOperation(IAmSmartFunction apiFunction, SigningInitiation refused, SigningOutcome<TResult> outcome)
        : base(apiFunction, refused.BusinessId, outcome)
        => Initiation = refused;

    /// <summary>
    /// iAM Smart's answer to the request: the sign code to show and how the user reaches the app, or the refusal. Known
    /// on the instance that started the operation; <see langword="null"/> on one that resumed it.
    /// </summary>
    public SigningInitiation? Initiation { get; }
}
