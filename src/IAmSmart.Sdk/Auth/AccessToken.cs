namespace IAmSmart.Sdk.Auth;

/// <summary>What kind of iAM Smart account the user holds (<c>userType</c>, contract §5.4).</summary>
public enum IAmSmartUserType
{
    /// <summary>A value the SDK does not know.</summary>
    Unknown,

    /// <summary>iAM Smart (<c>default</c>): can log in and share data, cannot sign.</summary>
    Standard,

    /// <summary>iAM Smart+ (<c>sign</c>): can also sign with legal backing.</summary>
    SigningCapable,
}

/// <summary>
/// An iAM Smart access token from <c>auth/getToken</c>. There is no refresh grant: when it expires the user logs in
/// again. <see cref="ToString"/> never shows the token or the openID.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Creates a token; also for tests of code that uses the SDK.</summary>
    /// <param name="token">The bearer token.</param>
    /// <param name="openId">The user's tokenised ID for this e-service.</param>
    /// <param name="issuedAt">When the token was issued.</param>
    /// <param name="expiresAt">When the token expires.</param>
    /// <param name="userType">The user's account type.</param>
    /// <param name="scopes">The scopes granted.</param>
    /// <param name="lastModifiedAt">When the user's verified data last changed, if sent.</param>
    /// <param name="tokenType">The token type; <c>Bearer</c>.</param>
    public AccessToken(
        string token,
        string openId,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt,
        IAmSmartUserType userType,
        IAmSmartScopeSet scopes,
        DateTimeOffset? lastModifiedAt = null,
        string tokenType = "Bearer")
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(openId);
        ArgumentNullException.ThrowIfNull(scopes);
        Token = token;
        OpenId = openId;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        UserType = userType;
        Scopes = scopes;
        LastModifiedAt = lastModifiedAt;
        TokenType = tokenType;
    }

    /// <summary>The bearer token. A secret: never log it.</summary>
    public string Token { get; }

    /// <summary>The token type, <c>Bearer</c>.</summary>
    public string TokenType { get; }

    /// <summary>The user's tokenised ID, unique per user per e-service. Opaque: kept exactly as sent (it may look URL-encoded).</summary>
    public string OpenId { get; }

    /// <summary>When the token was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When the user's verified name, gender or date of birth last changed, or the user re-registered.</summary>
    public DateTimeOffset? LastModifiedAt { get; }

    /// <summary>The user's account type.</summary>
    public IAmSmartUserType UserType { get; }

    /// <summary>Whether the user can sign (iAM Smart+).</summary>
    public bool CanSign => UserType == IAmSmartUserType.SigningCapable;

    /// <summary>The scopes granted.</summary>
    public IAmSmartScopeSet Scopes { get; }

    /// <summary>
    /// The iAM Smart transaction ID (<c>txID</c>) of the getToken call that issued the token, for audit records and
    /// support requests; <see langword="null"/> when the token did not come from a getToken response.
    /// </summary>
    public string? TxId { get; init; }

    /// <summary>Whether the token has expired at <paramref name="now"/>.</summary>
    /// <param name="now">The current time, from a <see cref="TimeProvider"/>.</param>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>A description without the token or the openID.</summary>
    public override string ToString() => $"AccessToken(userType: {UserType}, scopes: {string.Join(' ', Scopes)}, expires: {ExpiresAt:O})";
}
