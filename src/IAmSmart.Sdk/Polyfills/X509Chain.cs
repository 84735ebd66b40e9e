// netstandard2.0 only: X509ChainPolicy.TrustMode = CustomRootTrust and CustomTrustStore arrived in .NET 5. This type,
// in the SDK's root namespace, shadows System.Security.Cryptography.X509Certificates.X509Chain for the SDK's own code
// on netstandard2.0 only (names in an enclosing namespace win over using directives), so HashSignatureVerifier reads the
// same on both builds. It builds with the platform chain, allowing an unknown root, and then requires the chain's root
// to be one of the custom trust anchors: a chain that ends anywhere else fails with UntrustedRoot, and one that ends at
// an anchor that is not self-signed fails with PartialChain, as on .NET 5+.
using System.Security.Cryptography.X509Certificates;
using PlatformChain = System.Security.Cryptography.X509Certificates.X509Chain;

namespace IAmSmart.Sdk;

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

    public DateTime VerificationTime { get; set; } = DateTime.Now;

    /// <summary>Always honoured here: the verification time set is the one used.</summary>
    public bool VerificationTimeIgnored { get; set; }
}

internal sealed class X509Chain : IDisposable
{
    private readonly PlatformChain _chain = new();
    private X509ChainStatus[] _status = [];

    public X509ChainPolicyPolyfill ChainPolicy { get; } = new();

    public X509ChainStatus[] ChainStatus => _status;

    public bool Build(X509Certificate2 certificate)
    {
        var policy = _chain.ChainPolicy;
        policy.ExtraStore.AddRange(ChainPolicy.ExtraStore);
        policy.RevocationMode = ChainPolicy.RevocationMode;
        policy.VerificationTime = ChainPolicy.VerificationTime;
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
        // (The Pdf package's Polyfills/X509Chain.cs has the same rule.)
        if (_status.Any(s => s.Status == X509ChainStatusFlags.PartialChain))
        {
            return false;
        }

        return built;
    }

    public void Dispose() => _chain.Dispose();
}
