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

    /// <summary>The PDF already carries a signature or a signature placeholder, which re-preparing would invalidate.</summary>
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

    /// <summary>The CMS signature does not verify with the signer certificate it carries.</summary>
    InvalidSignature,

    /// <summary>The CMS is larger than the space reserved in the placeholder.</summary>
    SignatureTooLarge,

    /// <summary>PDFsharp refused to work because the application has not loaded a PDFsharp license.</summary>
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
