using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// A profile or e-ME request with login, started by <see cref="IAmSmartFormFillingClient.StartProfileAsync"/> or
/// <see cref="IAmSmartFormFillingClient.StartEMeAsync"/>: what to show the user (<see cref="Request"/>) and the result to
/// wait for. Its consent receipt is recorded when the result is read.
/// </summary>
public sealed class DataRequestOperation : IAmSmartOperation<DataRequestResult>
{
    internal DataRequestOperation(PendingDataRequest request, PendingOperations operations, Func<PendingDataRequest, IAmSmartCallback, CancellationToken, Task<DataRequestResult>> read)
        : base(request.Function, request.BusinessId, operations, (callback, cancellationToken) => read(request, callback, cancellationToken))
        => Request = request;

    /// <summary>
    /// The request as iAM Smart accepted it: QR code or app link, the fields asked for, the stated purpose. It holds no
    /// personal data: keep it (for example in the session) to resume the operation on another instance with
    /// <see cref="IAmSmartFormFillingClient.ResumeAsync"/>.
    /// </summary>
    public PendingDataRequest Request { get; }
}
