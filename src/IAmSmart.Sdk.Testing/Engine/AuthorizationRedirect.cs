namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>Where the browser leg of a login ends: the redirect to the e-service, read back into its parts.</summary>
/// <param name="Location">The redirect URI with its query; <see langword="null"/> when the redirect URI itself was refused (D20008) and an error page was shown instead.</param>
/// <param name="Code">The authorisation code on approval.</param>
/// <param name="State">The <c>state</c> the e-service sent.</param>
/// <param name="ErrorCode">The <c>error_code</c> on refusal: D40000 cancelled, D40001 rejected, D40003 timed out, or a request error.</param>
/// <param name="BusinessId">The <c>businessID</c> of an anonymous flow.</param>
public sealed record AuthorizationRedirect(Uri? Location, string? Code, string? State, string? ErrorCode, string? BusinessId)
{
    /// <summary>Whether the user approved and a code was issued.</summary>
    public bool IsApproved => Code is not null;

    /// <summary>No code: it is a credential.</summary>
    public override string ToString() => $"AuthorizationRedirect(approved: {IsApproved}, error: {ErrorCode ?? "none"})";
}
