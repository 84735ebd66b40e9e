using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The checks a signing request must pass before anything is sent (contract §12, §13). Each failure is an
/// <see cref="ArgumentException"/> naming the property (<c>HashSigningRequest.HashCode</c>), never quoting its value:
/// hashes and HKICHashes are about a person.
/// </summary>
internal static class SigningRequestRules
{
    /// <summary>Longest <c>department</c> (contract §12.1).</summary>
    public const int DepartmentMaxLength = 100;

    /// <summary>Longest <c>serviceName</c> and <c>documentName</c> (contract §12.1).</summary>
    public const int NameMaxLength = 255;

    /// <summary>
    /// Longest <c>suaWaitPeriod</c>/<c>stepupAuthPeriod</c> (waiting period), in hours: 30 days. "Maximum Value: 720"; the system default is 0
    /// (addendum §A1.1) [I: from the CorpID specification's text "for iAM Smart signing only"].
    /// </summary>
    public const int StepUpWaitingPeriodMaxHours = 720;

    private const int Sha256Length = 32;

    /// <param name="request">The request.</param>
    /// <param name="type">The request type's name, for messages.</param>
    /// <param name="idsOptional">Whether the SDK makes the ids the request leaves unset (an operation started by <c>Start…Async</c>).</param>
    public static void ValidateCommon(SigningRequest request, string type, bool idsOptional = false)
    {
        if (!idsOptional || request.BusinessId is not null)
        {
            IAmSmartState.ThrowIfMalformedBusinessId(request.BusinessId, $"{type}.{nameof(SigningRequest.BusinessId)}");
        }

        if (!idsOptional || request.State is not null)
        {
            IAmSmartState.ThrowIfMalformed(request.State, $"{type}.{nameof(SigningRequest.State)}");
        }

        ValidateText(request.Department, DepartmentMaxLength, $"{type}.{nameof(SigningRequest.Department)}");
        ValidateText(request.ServiceName, NameMaxLength, $"{type}.{nameof(SigningRequest.ServiceName)}");
        ValidateText(request.DocumentName, NameMaxLength, $"{type}.{nameof(SigningRequest.DocumentName)}");
        if (request.HkicHash is not null)
        {
            ValidateHkicHash(request.HkicHash, $"{type}.{nameof(SigningRequest.HkicHash)}");
        }

        ValidateStepUp(request.StepUpMethod, request.StepUpWaitingPeriodHours, type);
    }

    /// <summary>The waiting period is an integer 0–720 and goes only with a method, which alone gives it an effect (addendum §A1.5).</summary>
    public static void ValidateStepUp(SigningStepUpMethod? method, int? waitingPeriodHours, string type)
    {
        if (waitingPeriodHours is not { } hours)
        {
            return;
        }

        var periodName = $"{type}.{nameof(SigningRequest.StepUpWaitingPeriodHours)}";
        if (method is null)
        {
            throw new ArgumentException(
                $"{periodName} is set without {type}.{nameof(SigningRequest.StepUpMethod)}: iAM Smart applies the waiting period (the minimum age of the user's account) only together with a step-up method, so set both or neither.",
                periodName);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(hours, periodName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, StepUpWaitingPeriodMaxHours, periodName);
    }

    public static void ValidateWithLogin(SigningWithLoginRequest request, string type, IAmSmartEnvironment environment, bool idsOptional)
    {
        ValidateCommon(request, type, idsOptional);
        var tokenName = $"{type}.{nameof(SigningWithLoginRequest.AccessToken)}";
        ArgumentNullException.ThrowIfNull(request.AccessToken, tokenName);

        // A token lists the scopes granted (contract §5.4); when it lists none the server is left to decide.
        if (request.AccessToken.Scopes.Count > 0 && !request.AccessToken.Scopes.Contains(IAmSmartScope.Sign))
        {
            throw new ArgumentException(
                $"{tokenName} was not granted the {IAmSmartScope.Sign} scope, so iAM Smart would refuse to sign (D20012): log the user in with IAmSmartScope.Sign among LoginRequest.Scopes.",
                tokenName);
        }

        if (request.AccessToken.UserType == IAmSmartUserType.Standard)
        {
            throw new ArgumentException(
                $"{tokenName} belongs to an iAM Smart user who is not iAM Smart+ (userType \"default\"), who cannot sign (iAM Smart would answer D70004): check AccessToken.CanSign before offering signing.",
                tokenName);
        }

        RedirectUriRules.Validate(request.CallbackUri, environment, $"{type}.{nameof(SigningWithLoginRequest.CallbackUri)}");
    }

    /// <summary>
    /// The source of a request with login that may come from the e-service's app: with <paramref name="app"/> the one its
    /// platform implies (a different caller-set source is refused), else the caller's or the detected browser source (an
    /// app source is refused: the web function would not accept it). Checks the target's Universal Link too.
    /// </summary>
    public static IAmSmartSource ResolveSource(IAmSmartSource? source, string? userAgent, AppReturnTarget? app, string type, IAmSmartEnvironment environment)
    {
        var sourceName = $"{type}.{nameof(SigningRequest.Source)}";
        var appName = $"{type}.{nameof(SigningWithLoginRequest.AppTarget)}";
        if (app is null)
        {
            var resolved = IAmSmartAuthClient.ResolveSource(source, userAgent, sourceName);
            return resolved.IsApp
                ? throw new ArgumentException(
                    $"{sourceName} is {resolved.Value}, an e-service app source: to start the request from the e-service's app set {appName} (AppReturnTarget.ForIos or ForAndroid) and leave {sourceName} unset.",
                    sourceName)
                : resolved;
        }

        if (source is { } given && given != app.Source)
        {
            throw new ArgumentException(
                $"{sourceName} is {given.Value}, but {appName} starts the request from the e-service's app, whose source is {app.Source.Value}: leave {sourceName} unset.",
                sourceName);
        }

        AppLoginRules.ThrowIfInvalidLink(app, environment, $"{appName}.{nameof(AppReturnTarget.IosUniversalLink)}");
        return app.Source;
    }

    public static void ValidateAnonymous(AnonymousSigningRequest request, string type, IAmSmartEnvironment environment)
    {
        ValidateCommon(request, type);
        var hkicName = $"{type}.{nameof(SigningRequest.HkicHash)}";
        if (request.HkicHash is null)
        {
            throw new ArgumentException(
                $"{hkicName} is required without login: it is how iAM Smart knows who may sign (contract §12.3). Compute it with HkicHash.Compute.",
                hkicName);
        }

        RedirectUriRules.Validate(request.RedirectUri, environment, $"{type}.{nameof(AnonymousSigningRequest.RedirectUri)}");
    }

    /// <summary>A <c>hashCode</c>: Base64 of at least one byte, and of exactly the digest length when the algorithm signs a ready digest.</summary>
    public static void ValidateHashCode(string? hashCode, SignatureAlgorithm? algorithm, string parameter, string algorithmParameter)
    {
        var length = DecodedLength(hashCode, parameter, "the document hash");
        if (algorithm is { } given)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(given.Value, algorithmParameter);
            if (given.RequiredDigestLength is { } required && length != required)
            {
                throw new ArgumentException(
                    $"{parameter} must be the Base64 of a {required}-byte digest when the signature algorithm is {given.Value}, which signs a ready digest; it decodes to {length} bytes.",
                    parameter);
            }
        }
    }

    /// <summary>A <c>docDigest</c>: Base64 of a SHA-256 digest.</summary>
    public static void ValidateDocDigest(string? docDigest, string parameter)
    {
        var length = DecodedLength(docDigest, parameter, "the SHA-256 digest of the prepared PDF's ByteRange");
        if (length != Sha256Length)
        {
            throw new ArgumentException($"{parameter} must be the Base64 of a 32-byte SHA-256 digest (PreparedPdf.DocDigest); it decodes to {length} bytes.", parameter);
        }
    }

    public static void ValidateHkicHash(string hkicHash, string parameter)
    {
        // A raw HKID number here would send personal data and fail with D70005: catch it early, without repeating it.
        var length = DecodedLength(hkicHash, parameter, "HkicHash.Compute(hkid)", quoteHint: false);
        if (length != Sha256Length)
        {
            throw new ArgumentException($"{parameter} must be the Base64 SHA-256 of the HKID identifier (HkicHash.Compute), never the HKID number itself.", parameter);
        }
    }

    private static int DecodedLength(string? base64, string parameter, string what, bool quoteHint = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(base64, parameter);
        var buffer = new byte[(base64.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64, buffer, out var length) || length == 0)
        {
            throw new ArgumentException(
                quoteHint ? $"{parameter} must be standard Base64 (with = padding) of {what}." : $"{parameter} must be standard Base64 (with = padding); use {what}.",
                parameter);
        }

        return length;
    }

    public static void ValidateText(string? value, int maxLength, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameter);
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"{parameter} must be at most {maxLength} characters (got {value.Length}); the iAM Smart app shows it to the user.", parameter);
        }
    }
}
