namespace IAmSmart.Sdk.AspNetCore;

/// <summary>Default values of the iAM Smart authentication handler.</summary>
public static class IAmSmartAuthenticationDefaults
{
    /// <summary>The default scheme name.</summary>
    public const string AuthenticationScheme = "IAmSmart";

    /// <summary>The default display name.</summary>
    public const string DisplayName = "iAM Smart";

    /// <summary>The default path iAM Smart redirects the browser back to; register <c>https://&lt;host&gt;/signin-iamsmart</c> in the ESP.</summary>
    public const string CallbackPath = "/signin-iamsmart";

    /// <summary>The default path of the server-callback endpoint mapped by <c>MapIAmSmartCallbacks</c>.</summary>
    public const string ServerCallbackPath = "/iamsmart/callback";
}

/// <summary>The claim types the handler issues besides <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> (the openID).</summary>
public static class IAmSmartClaimTypes
{
    /// <summary>The account type: <c>default</c> (iAM Smart) or <c>sign</c> (iAM Smart+, can sign).</summary>
    public const string UserType = "iamsmart:user_type";

    /// <summary>A granted scope; one claim per scope.</summary>
    public const string Scope = "iamsmart:scope";

    /// <summary>When the iAM Smart access token expires (ISO 8601 UTC). There is no refresh: log in again after it.</summary>
    public const string TokenExpiresAt = "iamsmart:token_expires_at";
}
