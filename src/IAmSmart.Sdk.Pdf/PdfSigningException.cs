namespace IAmSmart.Sdk.Pdf;

/// <summary>Why a PDF could not be prepared for signing, reloaded, or have a signature embedded.</summary>
public enum PdfSigningError
{
    /// <summary>The input does not start with a PDF header (<c>%PDF-</c>).</summary>
    NotPdf,

    /// <summary>The PDF is encrypted (its trailer has <c>/Encrypt</c>); decrypt it before signing.</summary>
    Encrypted,

    /// <summary>The input looks like a PDF but could not be parsed (damaged, truncated or unsupported).</summary>
    Unreadable,

    /// <summary>
    /// The PDF carries an empty signature placeholder still waiting for its signature, or a certification signature
    /// that permits no changes. (A PDF with completed signatures can be prepared again: they stay valid.)
    /// </summary>
    AlreadySigned,

    /// <summary>The requested signature field name is already used by another form field.</summary>
    FieldNameInUse,

    /// <summary>No usable <c>/ByteRange</c> + <c>/Contents</c> signature placeholder was found in a prepared PDF.</summary>
    PlaceholderNotFound,

    /// <summary>The placeholder of a prepared PDF already holds a signature.</summary>
    PlaceholderAlreadyFilled,

    /// <summary>The signature is not valid Base64.</summary>
    InvalidBase64,

    /// <summary>The signature is not a CMS / PKCS#7 SignedData structure.</summary>
    NotCms,

    /// <summary>The CMS is not a usable detached PDF signature (content attached, no signer, no messageDigest, no certificate).</summary>
    InvalidSignatureContainer,

    /// <summary>The CMS messageDigest does not equal the SHA-256 digest of the prepared PDF's ByteRange.</summary>
    DigestMismatch,

    /// <summary>The CMS signature does not verify with the signer certificate it carries, or that certificate's public key cannot be used.</summary>
    InvalidSignature,

    /// <summary>The CMS is larger than the space reserved in the placeholder.</summary>
    SignatureTooLarge,

    /// <summary>No longer used: the package has no third-party PDF library, so there is no license to load.</summary>
    [Obsolete("Never thrown since the PDFsharp dependency was removed; the package no longer needs a PDF library license.")]
    PdfLibraryLicenseNotLoaded,
}

/// <summary>
/// A PDF could not be prepared, reloaded or signed. <see cref="Reason"/> says why; the message says what to do.
/// Messages name no personal data. Inputs are never modified when this is thrown.
/// </summary>
public sealed class PdfSigningException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="reason">Why the operation failed.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public PdfSigningException(PdfSigningError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the operation failed.</summary>
    public PdfSigningError Reason { get; }
}
