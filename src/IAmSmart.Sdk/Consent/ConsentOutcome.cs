namespace IAmSmart.Sdk.Consent;

/// <summary>How a request for personal data ended. A value, not an exception: every one of them is a normal outcome.</summary>
public enum ConsentOutcome
{
    /// <summary>The user agreed and the data was released (some requested fields may be absent: the user has no value for them).</summary>
    Released,

    /// <summary>The user rejected the request (D50001, D60001, D40001).</summary>
    Rejected,

    /// <summary>The user cancelled (D60000, D40000).</summary>
    Cancelled,

    /// <summary>The user did not answer in time (D50003, D60003, D40003), or no callback arrived before the operation expired.</summary>
    TimedOut,

    /// <summary>The request failed (D50002, D60002, an unknown failure code, or a success that carried no readable data).</summary>
    Failed,
}

/// <summary>
/// What the e-service told the user the data is for, as shown in the iAM Smart app: for e-ME the form's name, number
/// and description. Written by the e-service, so not personal data; keep it that way (no names in form titles).
/// </summary>
/// <param name="Name">The form's name (<c>formName</c>).</param>
/// <param name="Reference">The form's number (<c>formNum</c>), if any.</param>
/// <param name="Description">The form's description (<c>formDesc</c>), if any.</param>
public sealed record StatedPurpose(string Name, string? Reference = null, string? Description = null);
