using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Auth;

/// <summary>A re-authentication ("step-up") request (<c>account/stepup/initiateRequest</c>, contract §6).</summary>
public sealed class StepUpRequest
{
    /// <summary>The user's current access token (its token and openID are sent).</summary>
    public required AccessToken AccessToken { get; init; }

    /// <summary>Where iAM Smart POSTs the result callback (the endpoint mapped with <c>MapIAmSmartCallbacks</c>); registered in the ESP, HTTPS.</summary>
    public required Uri CallbackUri { get; init; }

    /// <summary>
    /// The operation's <c>businessID</c>. With <see cref="IAmSmartAuthClient.StartStepUpAsync"/>, optional: the SDK makes
    /// one when unset. With <see cref="IAmSmartAuthClient.InitiateStepUpAsync"/>, required, from
    /// <see cref="Operations.PendingOperations.BeginAsync(IAmSmartFunction, CancellationToken)"/>.
    /// </summary>
    public string? BusinessId { get; init; }

    /// <summary>The operation's <c>state</c>: optional or required exactly as <see cref="BusinessId"/> is.</summary>
    public string? State { get; init; }

    /// <summary>The source; when <see langword="null"/>, detected from <see cref="UserAgent"/>.</summary>
    public IAmSmartSource? Source { get; init; }

    /// <summary>The User-Agent of the user's browser, used when <see cref="Source"/> is not set.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The language of iAM Smart's prompts; when <see langword="null"/>, <see cref="IAmSmartOptions.DefaultLanguage"/>, and when that is unset, not sent.</summary>
    public IAmSmartLanguage? Language { get; init; }
}

/// <summary>The answer to a re-authentication request.</summary>
/// <param name="AuthByQr">Whether the user must scan a QR code (another device); otherwise open the app on this device with <see cref="AppLink"/>.</param>
/// <param name="TicketId">The ticket to open the app with, when <paramref name="AuthByQr"/> is <see langword="false"/>.</param>
/// <param name="AppLink">The same-device deep link (<c>&lt;scheme&gt;://re-auth?ticketID=…</c>), when there is a ticket [I].</param>
/// <param name="BusinessId">The operation's <c>businessID</c>: wait for its callback with it.</param>
public sealed record StepUpInitiation(bool AuthByQr, string? TicketId, Uri? AppLink, string BusinessId)
{
    /// <summary>A description without the ticket, the app link or the businessID: each would let a reader of the log act on the user's re-authentication.</summary>
    public override string ToString() => $"StepUpInitiation(authByQr: {AuthByQr}, ticket: {TicketId is not null})";
}

/// <summary>
/// A re-authentication started by <see cref="IAmSmartAuthClient.StartStepUpAsync"/>: how the user reaches the app
/// (<see cref="Initiation"/>) and the result to wait for.
/// </summary>
public sealed class StepUpOperation : Operations.IAmSmartOperation<StepUpResult>
{
    internal StepUpOperation(string businessId, StepUpInitiation? initiation, Operations.PendingOperations operations)
        : base(IAmSmartFunctions.StepUp, businessId, operations, (callback, _) => Task.FromResult(StepUpResult.FromCallback(callback)))
        => Initiation = initiation;

    /// <summary>iAM Smart's answer to the request; <see langword="null"/> on an instance that resumed the operation.</summary>
    public StepUpInitiation? Initiation { get; }
}

/// <summary>How a re-authentication ended (contract §6): passed, or the user outcome that stopped it. A value, not an exception.</summary>
/// <param name="IsPassed">Whether the user passed: the callback reported success and <c>isPassed</c> is true. Proceed only then.</param>
/// <param name="Outcome">Why it did not pass, when the user rejected (D80001), failed (D80002) or timed out (D80003), or no callback arrived in time.</param>
/// <param name="Code">The iAM Smart return code, if a callback arrived.</param>
/// <param name="BusinessId">The operation's <c>businessID</c>.</param>
public sealed record StepUpResult(bool IsPassed, UserOutcome? Outcome, string? Code, string? BusinessId)
{
    /// <summary>A description with the outcome and the return code, never the businessID.</summary>
    public override string ToString()
        => IsPassed ? "StepUpResult(passed)" : $"StepUpResult(not passed: {Outcome?.ToString() ?? "none"}, code: {(Code is { } code && IsReturnCode(code) ? code : "none")})";

    // The code comes from a callback; print it only when it has the shape of an iAM Smart return code.
    private static bool IsReturnCode(string code)
        => code.Length == 6 && code[0] == 'D' && code.Skip(1).All(c => c is >= '0' and <= '9');

    /// <summary>Reads a step-up result from its callback (or the lack of one).</summary>
    /// <param name="callback">The callback of a step-up operation.</param>
    /// <exception cref="IAmSmartServiceException">A success callback whose payload is not a step-up result.</exception>
    public static StepUpResult FromCallback(IAmSmartCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.IsSuccess)
        {
            // A failure code outside the user-outcome table still means the user did not pass.
            return new StepUpResult(false, callback.Outcome ?? UserOutcome.Failed, callback.Code, callback.BusinessId);
        }

        // A success without a verdict is not a step-up result: refused (PendingOperations runs this reader before it
        // accepts a callback), never read as "not passed", which would seal that answer and refuse the genuine one.
        var payload = callback.DeserializePayload(AuthJsonContext.Default.StepUpCallbackPayload);
        return payload.IsPassed switch
        {
            true => new StepUpResult(true, null, callback.Code, callback.BusinessId),
            false => new StepUpResult(false, UserOutcome.Failed, callback.Code, callback.BusinessId),
            null => throw new IAmSmartServiceException("The step-up callback carries no isPassed verdict.", isTransient: false, callback.Code, callback.TxId),
        };
    }
}
