using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Consent;

/// <summary>
/// The scope an iAM Smart function needs in the user's access token. Which scope each function needs is not published;
/// the choices are made here, one member each, so that a correction is a one-line change (contract §5.1, §7, §8, §12).
/// </summary>
/// <param name="Operation">The function, for messages and logs, for example <c>account/eme/initiateRequest</c>.</param>
/// <param name="Scope">The scope the access token must carry.</param>
/// <param name="IsInferred">Whether the choice is inferred rather than documented ([I]); the error message says so.</param>
public sealed record ScopeRequirement(string Operation, IAmSmartScope Scope, bool IsInferred)
{
    /// <summary>
    /// Profile with login (<c>account/auth/profile/initiateRequest</c>) needs <c>eidapi_formFilling</c> [I]. The profile
    /// request asks for consent in the app and answers by callback, like e-ME, so it goes with the form-filling scope;
    /// <c>eidapi_profiles</c> ("form filling with service login (aka Profiles)", CorpID mapping) is consent given at
    /// login and fits the synchronous <c>profiles</c> call instead (contract §7.2). The simulator makes the same choice.
    /// </summary>
    public static ScopeRequirement Profile { get; } = new("account/auth/profile/initiateRequest", IAmSmartScope.FormFilling, IsInferred: true);

    /// <summary>e-ME form filling with login (<c>account/eme/initiateRequest</c>) needs <c>eidapi_formFilling</c> (contract §5.1, §8).</summary>
    public static ScopeRequirement EMe { get; } = new("account/eme/initiateRequest", IAmSmartScope.FormFilling, IsInferred: false);

    /// <summary>The synchronous <c>profiles</c> call needs <c>eidapi_profiles</c> [I: one implementation, contract §7.2].</summary>
    public static ScopeRequirement Profiles { get; } = new("profiles", IAmSmartScope.Profiles, IsInferred: true);

    /// <summary>Hash and PDF signing with login (<c>account/signing/initiateRequest</c>, <c>account/pdfsigning/initiateRequest</c>) need <c>eidapi_sign</c> (contract §5.1, §12).</summary>
    public static ScopeRequirement Signing { get; } = new("account/signing/initiateRequest", IAmSmartScope.Sign, IsInferred: false);

    /// <summary>Whether <paramref name="scopes"/> satisfies this requirement (scopes are case-sensitive).</summary>
    /// <param name="scopes">The scopes an access token carries.</param>
    public bool IsSatisfiedBy(IReadOnlySet<IAmSmartScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return scopes.Contains(Scope);
    }

    /// <summary>The operation and the scope.</summary>
    public override string ToString() => $"{Operation} needs {Scope}";
}
