using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// Deferred (external) PDF signing as iAM Smart does it: <see cref="PrepareAsync(ReadOnlyMemory{byte}, PdfSignatureOptions?, CancellationToken)"/>
/// adds an empty signature and gives the <c>docDigest</c> to send; when iAM Smart calls back with <c>pdfSignature</c>,
/// <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/> puts that CMS into the placeholder. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Preparing appends an incremental update and never rewrites the original bytes, so a PDF that is already signed can
/// be signed again without breaking its earlier signatures. No third-party PDF library is involved.
/// </remarks>
public class PdfDeferredSigner
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer that stamps the signature dictionary with the system clock.</summary>
    public PdfDeferredSigner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a signer.</summary>
    /// <param name="timeProvider">The clock for the signature dictionary's <c>/M</c> (modification time).</param>
    public PdfDeferredSigner(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Prepares a PDF read from a stream. The stream is read to the end; it is neither written nor disposed.</summary>
    /// <param name="pdf">The unsigned PDF.</param>
    /// <param name="options">Field name, texts and placeholder size; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading and preparing.</param>
    /// <returns>The prepared PDF with its <c>docDigest</c>.</returns>
    /// <exception cref="PdfSigningException">The input is not a usable unsigned PDF; see <see cref="PdfSigningException.Reason"/>.</exception>
    public virtual async Task<PreparedPdf> PrepareAsync(Stream pdf, PdfSignatureOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var bytes = await StreamReading.ReadAllAsync(pdf, cancellationToken);
        return await PrepareAsync(bytes, options, cancellationToken);
    }

    /// <summary>
    /// Adds an invisible signature field on the first page with an empty <c>Adobe.PPKLite</c> /
    /// <c>adbe.pkcs7.detached</c> signature, as an incremental update appended to the unchanged original bytes, and
    /// computes the <c>docDigest</c> over its ByteRange. The input is copied, never modified. A PDF that is already
    /// signed gets one more signature field; its earlier signatures stay valid.
    /// </summary>
    /// <param name="pdf">The unsigned PDF.</param>
    /// <param name="options">Field name, texts and placeholder size; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels preparing.</param>
    /// <returns>The prepared PDF with its <c>docDigest</c>.</returns>
    /// <exception cref="PdfSigningException">
    /// <see cref="PdfSigningError.NotPdf"/>, <see cref="PdfSigningError.Encrypted"/>, <see cref="PdfSigningError.Unreadable"/>,
    /// <see cref="PdfSigningError.AlreadySigned"/> (an empty placeholder is still waiting for its signature, or a
    /// certification forbids changes) or <see cref="PdfSigningError.FieldNameInUse"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PdfSignatureOptions.PlaceholderSize"/> is out of range.</exception>
    public virtual Task<PreparedPdf> PrepareAsync(ReadOnlyMemory<byte> pdf, PdfSignatureOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PdfSignatureOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        // A private copy: the caller's bytes are neither kept nor changed, whatever happens.
        var input = pdf.ToArray();
        RejectUnsuitableInput(input);

        var (prepared, hole) = SignaturePlaceholderWriter.Write(input, options, _timeProvider.GetUtcNow(), cancellationToken);

        // Prove now that Load will find the same placeholder later, instead of failing when the callback arrives.
        if (!SignatureLocator.TryLocateLast(prepared, out var located, out var problem) || located != hole)
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound,
                $"The placeholder written could not be found again by the byte-level reader: {problem}");
        }

        return Task.FromResult(new PreparedPdf(prepared, hole));
    }

    /// <summary>Embeds the Base64 <c>pdfSignature</c> of the iAM Smart callback, as <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>.</summary>
    /// <param name="prepared">The prepared PDF the signature was requested for.</param>
    /// <param name="pdfSignatureBase64">The <c>pdfSignature</c> value (Base64 of a detached CMS / PKCS#7).</param>
    /// <returns>The signed PDF.</returns>
    /// <exception cref="PdfSigningException"><see cref="PdfSigningError.InvalidBase64"/>, or as for <see cref="Embed(PreparedPdf, ReadOnlySpan{byte})"/>.</exception>
    public virtual byte[] EmbedBase64(PreparedPdf prepared, string pdfSignatureBase64)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(pdfSignatureBase64);
        byte[] cms;
        try
        {
            cms = Convert.FromBase64String(pdfSignatureBase64);
        }
        catch (FormatException ex)
        {
            throw new PdfSigningException(PdfSigningError.InvalidBase64, "The pdfSignature is not valid Base64.", ex);
        }

        return Embed(prepared, cms);
    }

    /// <summary>
    /// Writes a detached CMS signature into the placeholder as hex, changing no other byte. Before writing it checks
    /// that the CMS is a detached SignedData with one signer and its certificate, that its messageDigest equals the
    /// prepared <see cref="PreparedPdf.DocDigest"/>, that it fits, and that its signature verifies. The prepared PDF is
    /// not modified.
    /// </summary>
    /// <param name="prepared">The prepared PDF the signature was requested for.</param>
    /// <param name="pkcs7">The DER-encoded CMS / PKCS#7 SignedData.</param>
    /// <returns>The signed PDF: a new array the size of the prepared PDF.</returns>
    /// <exception cref="PdfSigningException">
    /// <see cref="PdfSigningError.NotCms"/>, <see cref="PdfSigningError.InvalidSignatureContainer"/>,
    /// <see cref="PdfSigningError.DigestMismatch"/>, <see cref="PdfSigningError.SignatureTooLarge"/> or
    /// <see cref="PdfSigningError.InvalidSignature"/>.
    /// </exception>
    public virtual byte[] Embed(PreparedPdf prepared, ReadOnlySpan<byte> pkcs7)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (pkcs7.IsEmpty)
        {
            throw new PdfSigningException(PdfSigningError.NotCms, "The signature is empty.");
        }

        var cms = CmsSignature.TryDecode(pkcs7, detachedContent: null)
            ?? throw new PdfSigningException(PdfSigningError.NotCms, "The signature is not a CMS / PKCS#7 SignedData structure.");

        if (CmsSignature.HasEncapsulatedContent(pkcs7))
        {
            throw Container("the CMS encapsulates content, but an adbe.pkcs7.detached signature must be detached");
        }

        if (cms.SignerInfos.Count != 1)
        {
            throw Container($"the CMS has {cms.SignerInfos.Count} signers instead of one");
        }

        var signer = cms.SignerInfos[0];
        var messageDigest = CmsSignature.GetMessageDigest(signer)
            ?? throw Container("the CMS has no messageDigest signed attribute");
        if (signer.Certificate is null)
        {
            throw Container("the CMS does not contain the signer certificate");
        }

        if (!CryptographicOperations.FixedTimeEquals(messageDigest, prepared.DocDigestBytes.Span))
        {
            throw new PdfSigningException(PdfSigningError.DigestMismatch,
                $"The CMS messageDigest ({Convert.ToBase64String(messageDigest)}) does not equal this PDF's docDigest ({prepared.DocDigest}): "
                + "the signature was made for another document or another preparation of it.");
        }

        if (pkcs7.Length > prepared.PlaceholderCapacity)
        {
            throw new PdfSigningException(PdfSigningError.SignatureTooLarge,
                $"The CMS is {pkcs7.Length} bytes but the placeholder holds {prepared.PlaceholderCapacity}. "
                + "Prepare the document again with a larger PdfSignatureOptions.PlaceholderSize and request a new signature.");
        }

        var withContent = CmsSignature.TryDecode(pkcs7, prepared.GetSignedContent())
            ?? throw new PdfSigningException(PdfSigningError.NotCms, "The signature could not be decoded together with the document content.");
        try
        {
            withContent.SignerInfos[0].CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw new PdfSigningException(PdfSigningError.InvalidSignature,
                "The CMS signature does not verify with the signer certificate it carries.", ex);
        }

        var signed = prepared.ToArray();
        var hex = signed.AsSpan(prepared.Hole.ContentsStart + 1, prepared.Hole.HexLength);
        var written = Encoding.ASCII.GetBytes(Convert.ToHexString(pkcs7), hex);

        // Zero padding after the DER value: readers decode the DER length and ignore it.
        hex[written..].Fill((byte)'0');
        return signed;
    }

    private static void RejectUnsuitableInput(ReadOnlySpan<byte> pdf)
    {
        if (!PdfSyntax.HasPdfHeader(pdf))
        {
            throw new PdfSigningException(PdfSigningError.NotPdf, "The input is not a PDF (no %PDF- header in its first 1024 bytes).");
        }
    }

    private static PdfSigningException Container(string problem) =>
        new(PdfSigningError.InvalidSignatureContainer, $"The signature cannot be used as a PDF signature: {problem}.");
}
