using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk;

/// <summary>
/// Settings of an iAM Smart client, usually bound from the <c>IAmSmart</c> configuration section. Validated at start-up;
/// messages name the wrong setting and never show the secret.
/// </summary>
public sealed class IAmSmartOptions : IAmSmartResilienceSettings
{
    /// <summary>The configuration section name used by the samples and docs.</summary>
    public const string SectionName = "IAmSmart";

    /// <summary>Which iAM Smart to call. Default: <see cref="IAmSmartEnvironment.Sandbox"/>, so that nothing reaches production by accident.</summary>
    public IAmSmartEnvironment Environment { get; set; } = IAmSmartEnvironment.Sandbox;

    /// <summary>The host to call when <see cref="Environment"/> is <see cref="IAmSmartEnvironment.Custom"/> or <see cref="IAmSmartEnvironment.Simulator"/>, for example <c>http://127.0.0.1:5181/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The e-service client ID from the iAM Smart Self-Service Portal.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The e-service client secret from the iAM Smart Self-Service Portal. Keep it in a secret store.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Where to load the encipherment certificate's private key (the KEK) from, when set by configuration.</summary>
    public EnciphermentCertificateOptions EnciphermentCertificate { get; set; } = new();

    /// <summary>Key-encryption keys set in code (an HSM, a KMS, or keys loaded elsewhere); the first is current. Used before <see cref="EnciphermentCertificate"/>.</summary>
    public IList<IKeyEncryptionKey> KeyEncryptionKeys { get; } = [];

    /// <summary>The longest a single HTTP attempt may take. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a call may take, retries included. Default 90 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times a retry-safe call is retried after a transient failure. Default 3; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base delay of the jittered exponential backoff. Default 500 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long before its expiry a content key is replaced (capped at a tenth of its lifetime). Default 1 minute.</summary>
    public TimeSpan ContentKeyRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long user-consent operations wait for their callback (default 18 minutes) and how waiters poll for it.</summary>
    public PendingOperationOptions PendingOperations { get; set; } = new();

    /// <summary>
    /// The language of iAM Smart's pages and prompts (<c>lang</c>: <c>en-US</c>, <c>zh-HK</c> or <c>zh-CN</c>, see
    /// <see cref="Auth.IAmSmartLanguage"/>), sent with the login URL and with every request that carries one (profile,
    /// e-ME, anonymous e-ME, re-authentication; contract §5.1–§9) unless the request names its own. Default
    /// <see langword="null"/>: not sent, and iAM Smart uses <c>zh-HK</c>.
    /// </summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>
    /// The wire names of the signing step-up fields (addendum §A1.4, §A9): <see cref="Signing.StepUpFieldNames.SuaMethod"/>
    /// (<c>suaMethod</c>/<c>suaWaitPeriod</c>, the default [G]) or <see cref="Signing.StepUpFieldNames.StepupAuth"/>
    /// (<c>stepupAuthMethod</c>/<c>stepupAuthPeriod</c>). Used by every signing request that carries a step-up (hash, PDF,
    /// bulk; anonymous and app variants). Switch it if the sandbox refuses or ignores the default names.
    /// </summary>
    public Signing.StepUpFieldNames StepUpFieldNames { get; set; } = Signing.StepUpFieldNames.SuaMethod;

    /// <summary>The language to send: the request's own, else <see cref="DefaultLanguage"/>, else none.</summary>
    internal Auth.IAmSmartLanguage? Language(Auth.IAmSmartLanguage? requested)
        => requested ?? (DefaultLanguage is { } configured ? new Auth.IAmSmartLanguage(configured) : null);

    /// <summary>The host this configuration calls.</summary>
    /// <exception cref="IAmSmartConfigurationException">A custom or simulator environment has no base URL.</exception>
    public Uri ResolveBaseUrl() => Environment switch
    {
        IAmSmartEnvironment.Production => IAmSmartEndpoints.Production,
        IAmSmartEnvironment.Sandbox => IAmSmartEndpoints.Sandbox,
        _ => BaseUrl ?? throw new IAmSmartConfigurationException($"IAmSmart:BaseUrl is required when IAmSmart:Environment is {Environment}."),
    };

    /// <summary>The API base (<c>…/api/v1/</c>) this configuration calls.</summary>
    public Uri ResolveApiBase()
    {
        var host = ResolveBaseUrl();
        var root = host.AbsoluteUri.EndsWith('/') ? host : new Uri(host.AbsoluteUri + "/");
        return new Uri(root, IAmSmartEndpoints.ApiPath);
    }

    /// <summary>The configured key-encryption keys: those set in code, else the one described by <see cref="EnciphermentCertificate"/>.</summary>
    /// <exception cref="IAmSmartConfigurationException">None is configured, or the certificate cannot be loaded.</exception>
    public KeyEncryptionKeyRing CreateKeyRing()
        => KeyEncryptionKeys.Count > 0 ? new KeyEncryptionKeyRing(KeyEncryptionKeys) : new KeyEncryptionKeyRing([EnciphermentCertificate.Load()]);
}

/// <summary>Where the encipherment certificate's private key is: a PFX file, a PEM file, or a certificate store. Set exactly one.</summary>
public sealed class EnciphermentCertificateOptions
{
    /// <summary>A PKCS#12 (.pfx/.p12) file with the private key.</summary>
    public string? Path { get; set; }

    /// <summary>The password of <see cref="Path"/> or of an encrypted <see cref="PemPath"/>. Keep it in a secret store.</summary>
    public string? Password { get; set; }

    /// <summary>A PEM file with the RSA private key.</summary>
    public string? PemPath { get; set; }

    /// <summary>The thumbprint of a certificate with its private key in a certificate store.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>The store to search for <see cref="Thumbprint"/>. Default <see cref="StoreName.My"/>.</summary>
    public StoreName StoreName { get; set; } = StoreName.My;

    /// <summary>The store location to search for <see cref="Thumbprint"/>. Default <see cref="StoreLocation.CurrentUser"/>.</summary>
    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>How many of the three sources are set.</summary>
    internal int SourcesSet => (string.IsNullOrWhiteSpace(Path) ? 0 : 1) + (string.IsNullOrWhiteSpace(PemPath) ? 0 : 1) + (string.IsNullOrWhiteSpace(Thumbprint) ? 0 : 1);

    /// <summary>Loads the key.</summary>
    /// <exception cref="IAmSmartConfigurationException">No source or several are set, or the key cannot be loaded.</exception>
    public IKeyEncryptionKey Load()
    {
        if (SourcesSet != 1)
        {
            throw new IAmSmartConfigurationException(
                "Set exactly one of IAmSmart:EnciphermentCertificate:Path (a .pfx), :PemPath or :Thumbprint, or add a key in code with UseKeyEncryptionKey.");
        }

        if (!string.IsNullOrWhiteSpace(Path))
        {
            return RsaKeyEncryptionKey.FromPkcs12File(Path, Password);
        }

        if (!string.IsNullOrWhiteSpace(PemPath))
        {
            string pem;
            try
            {
                pem = File.ReadAllText(PemPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IAmSmartConfigurationException($"IAmSmart:EnciphermentCertificate:PemPath cannot be read: {ex.Message}", innerException: ex);
            }

            return RsaKeyEncryptionKey.FromPem(pem, Password);
        }

        return RsaKeyEncryptionKey.FromStore(Thumbprint!, StoreName, StoreLocation);
    }
}
