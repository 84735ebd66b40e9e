using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// A hash signature from iAM Smart (contract §12.1, §12.3): the <c>hashCode</c> signed, when, the <c>signature</c> and
/// the signer's <c>cert</c>, kept exactly as received (Base64) so that verification sees the bytes iAM Smart sent.
/// Check it with <see cref="IAmSmartSigningClient.Verify(HashSigningResult, string, SignatureVerificationOptions)"/>
/// before relying on it. The certificate names the signer, so <see cref="ToString"/> shows only the time.
/// </summary>
public sealed class HashSigningResult
{
    /// <summary>Creates a result; also for tests of code that uses the SDK.</summary>
    /// <param name="hashCode">The <c>hashCode</c> that was signed (Base64).</param>
    /// <param name="timestamp">The signing time iAM Smart reported.</param>
    /// <param name="signature">The <c>signature</c> (Base64).</param>
    /// <param name="certificate">The signer's certificate, <c>cert</c> (Base64 of DER).</param>
    /// <exception cref="ArgumentException">A value is empty.</exception>
    public HashSigningResult(string hashCode, DateTimeOffset timestamp, string signature, string certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(hashCode);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentException.ThrowIfNullOrEmpty(certificate);
        HashCode = hashCode;
        Timestamp = timestamp;
        Signature = signature;
        Certificate = certificate;
    }

    /// <summary>The <c>hashCode</c> that was signed, Base64 as received. Compare it with the one you sent.</summary>
    public string HashCode { get; }

    /// <summary>When the user signed, as iAM Smart reported it (<c>timestamp</c>, Unix milliseconds).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The <c>signature</c>, Base64 as received.</summary>
    public string Signature { get; }

    /// <summary>The signer's certificate (<c>cert</c>), Base64 of DER as received. It names the signer: personal data.</summary>
    public string Certificate { get; }

    /// <summary>Decodes the signature.</summary>
    /// <exception cref="FormatException">It is not Base64.</exception>
    public byte[] GetSignatureBytes() => Convert.FromBase64String(Signature);

    /// <summary>Loads the signer's certificate (public part). The caller disposes it. Loading proves nothing: verify first.</summary>
    /// <exception cref="FormatException">It is not Base64.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">It is not a DER certificate.</exception>
    public X509Certificate2 LoadCertificate() => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Certificate));

    /// <summary>A description without the signature or the certificate (which names the signer).</summary>
    public override string ToString() => $"HashSigningResult(signed at: {Timestamp:O})";
}

/// <summary>
/// A PDF signature from iAM Smart (contract §12.2, §12.3): the <c>docDigest</c> it covers and <c>pdfSignature</c>, a
/// detached CMS / PKCS#7 to embed into the prepared PDF's placeholder (with the <c>IAmSmart.Sdk.Pdf</c> package:
/// <c>PdfDeferredSigner.Embed(prepared, result.PdfSignature.Span)</c>, then <c>PdfSignatureVerifier.Verify</c>).
/// </summary>
public sealed class PdfSigningResult
{
    private readonly byte[] _pdfSignature;

    /// <summary>Creates a result; also for tests of code that uses the SDK.</summary>
    /// <param name="docDigest">The <c>docDigest</c> the signature covers (Base64).</param>
    /// <param name="pdfSignature">The DER bytes of the CMS / PKCS#7 signature; copied.</param>
    /// <exception cref="ArgumentException">A value is empty.</exception>
    public PdfSigningResult(string docDigest, ReadOnlySpan<byte> pdfSignature)
    {
        ArgumentException.ThrowIfNullOrEmpty(docDigest);
        if (pdfSignature.IsEmpty)
        {
            throw new ArgumentException("The PDF signature is empty.", nameof(pdfSignature));
        }

        DocDigest = docDigest;
        _pdfSignature = pdfSignature.ToArray();
    }

    /// <summary>The <c>docDigest</c> the signature covers, Base64 as received. Check it matches the prepared PDF (<c>PreparedPdf.MatchesDocDigest</c>).</summary>
    public string DocDigest { get; }

    /// <summary>The CMS / PKCS#7 SignedData (DER), decoded from the Base64 <c>pdfSignature</c>. It names the signer: personal data.</summary>
    public ReadOnlyMemory<byte> PdfSignature => _pdfSignature;

    /// <summary>A description without the signature.</summary>
    public override string ToString() => $"PdfSigningResult(signature: {_pdfSignature.Length} bytes)";
}
