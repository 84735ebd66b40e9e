using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Consent;

/// <summary>
/// Checks, before any network call, that an access token carries the scope a function needs. iAM Smart would answer
/// D20012 ("insufficient scope") only after a round trip, a content key and a pending operation; this fails at once and
/// says which scope to ask for at login. Usable by any feature (profile, e-ME, signing).
/// </summary>
public static class ConsentPreflight
{
    /// <summary>Whether <paramref name="token"/> carries the scope <paramref name="function"/> needs (<see cref="IAmSmartFunction.RequiredScope"/>).</summary>
    /// <param name="token">The user's access token.</param>
    /// <param name="function">The function to call, for example <see cref="IAmSmartFunctions.EMe"/>.</param>
    public static bool IsGranted(AccessToken token, IAmSmartFunction function)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(function);
        return function.IsSatisfiedBy(token.Scopes);
    }

    /// <summary>Throws unless <paramref name="token"/> carries the scope <paramref name="function"/> needs.</summary>
    /// <param name="token">The user's access token.</param>
    /// <param name="function">The function to call.</param>
    /// <exception cref="IAmSmartConfigurationException">
    /// The scope is missing. <see cref="IAmSmartException.Code"/> is <c>D20012</c>, the code iAM Smart would have answered,
    /// so one handler serves both; the message says that no call was made.
    /// </exception>
    public static void EnsureGranted(AccessToken token, IAmSmartFunction function)
    {
        if (IsGranted(token, function) || function.RequiredScope is not { } scope)
        {
            return;
        }

        var inferred = function.IsScopeInferred ? " (which scope this function needs is inferred, not documented: contract §5.1, §7)" : string.Empty;
        throw new IAmSmartConfigurationException(
            $"The access token does not carry the scope {scope} that {function.Route} needs{inferred}; no call was made. " +
            $"Add {scope} to LoginRequest.Scopes, have it approved for the e-service by iAM Smart support, and log the user in again.",
            code: MissingScopeCode);
    }

    /// <summary>The return code iAM Smart gives for a missing scope (D20012), also set on the pre-flight error.</summary>
    public const string MissingScopeCode = "D20012";
}
