using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk;

/// <summary>Checks <see cref="IAmSmartOptions"/> at start-up. Each message names the setting and how to fix it, and never shows a secret.</summary>
public sealed class IAmSmartOptionsValidator : IValidateOptions<IAmSmartOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, IAmSmartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("IAmSmart:ClientId is required: copy the client ID from the iAM Smart Self-Service Portal.");
        }
        else if (options.ClientId.Any(char.IsWhiteSpace))
        {
            failures.Add("IAmSmart:ClientId contains white space: copy it again from the iAM Smart Self-Service Portal.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("IAmSmart:ClientSecret is required: copy the client secret from the iAM Smart Self-Service Portal into your secret store.");
        }
        else if (options.ClientSecret.Trim().Length != options.ClientSecret.Length)
        {
            failures.Add("IAmSmart:ClientSecret has leading or trailing white space, which would break every signature (D20006).");
        }

        ValidateBaseUrl(options, failures);

        if (options.KeyEncryptionKeys.Count == 0)
        {
            var sources = options.EnciphermentCertificate.SourcesSet;
            if (sources == 0)
            {
                failures.Add("No encipherment certificate is configured: set IAmSmart:EnciphermentCertificate:Path (a .pfx with its Password), :PemPath or :Thumbprint.");
            }
            else if (sources > 1)
            {
                failures.Add("Set only one of IAmSmart:EnciphermentCertificate:Path, :PemPath and :Thumbprint.");
            }
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add("IAmSmart:AttemptTimeout must be positive, for example 00:00:30.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("IAmSmart:TotalTimeout must be at least IAmSmart:AttemptTimeout.");
        }

        if (options.StepUpFieldNames is not (Signing.StepUpFieldNames.SuaMethod or Signing.StepUpFieldNames.StepupAuth))
        {
            failures.Add("IAmSmart:StepUpFieldNames must be SuaMethod (suaMethod/suaWaitPeriod) or StepupAuth (stepupAuthMethod/stepupAuthPeriod).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("IAmSmart:MaxRetries must be between 0 and 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add("IAmSmart:RetryBaseDelay must not be negative.");
        }

        if (options.ContentKeyRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("IAmSmart:ContentKeyRefreshMargin must not be negative.");
        }

        // The shape, not the list: IAmSmartLanguage accepts values iAM Smart may add later, but "en" or "English" is a typo.
        if (options.DefaultLanguage is { } language && !IsLanguageTag(language))
        {
            failures.Add($"IAmSmart:DefaultLanguage must be a language tag such as en-US, zh-HK or zh-CN, or unset; it is \"{language}\".");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLanguageTag(string value)
        => value.Length == 5 && value[2] == '-'
            && value[0] is >= 'a' and <= 'z' && value[1] is >= 'a' and <= 'z'
            && value[3] is >= 'A' and <= 'Z' && value[4] is >= 'A' and <= 'Z';

    private static void ValidateBaseUrl(IAmSmartOptions options, List<string> failures)
    {
        switch (options.Environment)
        {
            case IAmSmartEnvironment.Production or IAmSmartEnvironment.Sandbox:
                return;
            case IAmSmartEnvironment.Custom or IAmSmartEnvironment.Simulator when options.BaseUrl is null:
                failures.Add($"IAmSmart:BaseUrl is required when IAmSmart:Environment is {options.Environment}, for example https://iamsmart-proxy.example.com/.");
                return;
            case IAmSmartEnvironment.Custom or IAmSmartEnvironment.Simulator:
                var url = options.BaseUrl!;
                if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    failures.Add("IAmSmart:BaseUrl must be an absolute http or https URL.");
                }
                else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
                {
                    failures.Add("IAmSmart:BaseUrl must use https unless it is a loopback address (127.0.0.1, localhost): secrets and personal data travel on it.");
                }

                return;
            default:
                failures.Add($"IAmSmart:Environment '{options.Environment}' is unknown: use Sandbox, Production, Custom or Simulator.");
                return;
        }
    }
}
