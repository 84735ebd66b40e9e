namespace IAmSmart.Sdk.Auth;

/// <summary>
/// An iAM Smart scope (contract §5.1). The known scopes are static members; any other string can be wrapped, so that a
/// scope iAM Smart adds later needs no SDK release. Scopes are case-sensitive.
/// </summary>
/// <param name="Value">The scope string as sent on the wire.</param>
public readonly record struct IAmSmartScope(string Value)
{
    /// <summary>Login (authentication).</summary>
    public static IAmSmartScope Auth { get; } = new("eidapi_auth");

    /// <summary>Profile data shared at login ("form filling with service login").</summary>
    public static IAmSmartScope Profiles { get; } = new("eidapi_profiles");

    /// <summary>e-ME form filling.</summary>
    public static IAmSmartScope FormFilling { get; } = new("eidapi_formFilling");

    /// <summary>Digital signing.</summary>
    public static IAmSmartScope Sign { get; } = new("eidapi_sign");

    /// <summary>Re-authentication with service login.</summary>
    public static IAmSmartScope ReAuthentication { get; } = new("eidapi_fr");

    /// <summary>Bulk digital signing.</summary>
    public static IAmSmartScope BulkSign { get; } = new("eidapi_bulksign");

    /// <summary>Seen in the sandbox documentation only; probably step-up authentication [G].</summary>
    public static IAmSmartScope StepUpAuthentication { get; } = new("eidapi_sua");

    /// <summary>Parses a space-delimited scope string as iAM Smart sends it.</summary>
    /// <param name="scopes">For example <c>eidapi_auth eidapi_sign</c>; <see langword="null"/> gives none.</param>
    public static IAmSmartScopeSet ParseList(string? scopes)
    {
        var set = new HashSet<IAmSmartScope>();
        if (scopes is null)
        {
            return set;
        }

        var text = scopes.AsSpan();
        foreach (var range in text.Split(' '))
        {
            var scope = text[range].Trim();
            if (!scope.IsEmpty)
            {
                set.Add(FromWire(scope));
            }
        }

        return set;
    }

    // A token response names the same few scopes every time: reuse the known ones rather than allocate their strings.
    private static IAmSmartScope FromWire(ReadOnlySpan<char> scope)
    {
        foreach (var known in Known)
        {
            if (scope.SequenceEqual(known.Value))
            {
                return known;
            }
        }

        return new IAmSmartScope(scope.ToString());
    }

    private static readonly IAmSmartScope[] Known = [Auth, Profiles, FormFilling, Sign, ReAuthentication, BulkSign, StepUpAuthentication];

    /// <summary>The scope string.</summary>
    public override string ToString() => Value;
}
