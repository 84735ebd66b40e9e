// netstandard2.0 only: X509ChainPolicy.TrustMode = CustomRootTrust and CustomTrustStore arrived in .NET 5. This type,
// in the package's root namespace, shadows System.Security.Cryptography.X509Certificates.X509Chain for the package's
// own code on netstandard2.0 only (names in an enclosing namespace win over using directives), so PdfSignatureVerifier
// reads the same on both builds. It builds with the platform chain, allowing an unknown root, and then requires the
// chain's root to be one of the custom trust anchors: a chain that ends anywhere else fails with UntrustedRoot, and one
// that ends at an anchor that is not self-signed fails with PartialChain, as on .NET 5+. ApplicationPolicy is passed to
// the platform and also checked here over the built chain, so that it holds whatever the host's chain engine does: a
// certificate in the chain with an extended key usage extension must list every required usage (no extension = any
// usage), else NotValidForUsage. (The
// core's Polyfills/X509Chain.cs does the same for the core, with fewer policy members.)
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PlatformChain = System.Security.Cryptography.X509Certificates.X509Chain;

namespace IAmSmart.Sdk.Pdf;

internal enum X509ChainTrustMode
{
    System,
    CustomRootTrust,
}

internal sealed class X509ChainPolicyPolyfill
{
    public X509ChainTrustMode TrustMode { get; set; }

    public X509Certificate2Collection CustomTrustStore { get; } = [];

    public X509Certificate2Collection ExtraStore { get; } = [];

    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.Online;

    public X509RevocationFlag RevocationFlag { get; set; } = X509RevocationFlag.ExcludeRoot;

    public X509VerificationFlags VerificationFlags { get; set; }

    public DateTime VerificationTime { get; set; } = DateTime.Now;

    public OidCollection ApplicationPolicy { get; } = [];
}

internal sealed class X509Chain : IDisposable
{
    private readonly PlatformChain _chain = new();
    private X509ChainStatus[] _status = [];

    public X509ChainPolicyPolyfill ChainPolicy { get; } = new();

    public X509ChainStatus[] ChainStatus => _status;

    public IEnumerable<X509ChainElement> ChainElements => _chain.ChainElements.Cast<X509ChainElement>();

    public bool Build(X509Certificate2 certificate)
    {
        var built = BuildAnchored(certificate);
        if (HoldsApplicationPolicy())
        {
            return built;
        }

        if (!_status.Any(s => s.Status == X509ChainStatusFlags.NotValidForUsage))
        {
            _status = [.. _status, new X509ChainStatus { Status = X509ChainStatusFlags.NotValidForUsage, StatusInformation = "A certificate in the chain is not valid for the required usage." }];
        }

        return false;
    }

    private bool BuildAnchored(X509Certificate2 certificate)
    {
        var policy = _chain.ChainPolicy;
        policy.ExtraStore.AddRange(ChainPolicy.ExtraStore);
        policy.RevocationMode = ChainPolicy.RevocationMode;
        policy.RevocationFlag = ChainPolicy.RevocationFlag;
        policy.VerificationTime = ChainPolicy.VerificationTime;
        policy.VerificationFlags = ChainPolicy.VerificationFlags;
        foreach (var usage in ChainPolicy.ApplicationPolicy)
        {
            policy.ApplicationPolicy.Add(usage);
        }

        if (ChainPolicy.TrustMode == X509ChainTrustMode.CustomRootTrust)
        {
            policy.ExtraStore.AddRange(ChainPolicy.CustomTrustStore);
            policy.VerificationFlags |= X509VerificationFlags.AllowUnknownCertificateAuthority;
        }

        var built = _chain.Build(certificate);
        _status = _chain.ChainStatus;
        if (ChainPolicy.TrustMode != X509ChainTrustMode.CustomRootTrust)
        {
            return built;
        }

        var elements = _chain.ChainElements;
        var root = elements.Count == 0 ? null : elements[elements.Count - 1].Certificate;
        var anchored = root is not null && ChainPolicy.CustomTrustStore.Cast<X509Certificate2>().Any(a => a.RawData.AsSpan().SequenceEqual(root.RawData));
        if (!anchored)
        {
            _status = [.. _status, new X509ChainStatus { Status = X509ChainStatusFlags.UntrustedRoot, StatusInformation = "The chain does not end at a configured trust anchor." }];
            return false;
        }

        // AllowUnknownCertificateAuthority also lets a chain that stops short of a self-signed root build. .NET 5+ with
        // CustomRootTrust does not: an anchor that is not a root (an intermediate) leaves the chain partial, and fails.
        if (_status.Any(s => s.Status == X509ChainStatusFlags.PartialChain))
        {
            return false;
        }

        // The platform reports the custom anchor as an unknown root; with CustomRootTrust it is trusted, so that status
        // is not reported. The platform's answer, with the caller's ignore flags, decides the rest.
        _status = [.. _status.Where(s => s.Status != X509ChainStatusFlags.UntrustedRoot)];
        return built;
    }

    public void Dispose() => _chain.Dispose();

    // Every certificate of the built chain that restricts its usages (an EKU extension) lists each required one.
    private bool HoldsApplicationPolicy()
    {
        if (ChainPolicy.ApplicationPolicy.Count == 0)
        {
            return true;
        }

        var required = ChainPolicy.ApplicationPolicy.Cast<Oid>().Select(o => o.Value).ToList();
        foreach (var element in _chain.ChainElements)
        {
            var eku = element.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null)
            {
                continue;
            }

            var listed = eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
            if (required.Any(r => !listed.Contains(r)))
            {
                return false;
            }
        }

        return true;
    }
}
