namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// What to write into the signature field and dictionary when preparing a PDF. All text is optional and ends up in the
/// PDF in clear: do not put HKID numbers or other personal data the document does not already show.
/// </summary>
public sealed class PdfSignatureOptions
{
    /// <summary>The default room for the CMS signature: 16 KiB, enough for a signer certificate chain and a timestamp token.</summary>
    public const int DefaultPlaceholderSize = 16 * 1024;

    /// <summary>The smallest placeholder accepted, in bytes.</summary>
    public const int MinimumPlaceholderSize = 1024;

    /// <summary>The largest placeholder accepted, in bytes.</summary>
    public const int MaximumPlaceholderSize = 1024 * 1024;

    /// <summary>The name of the signature form field; <see langword="null"/> picks the first free <c>SignatureN</c>.</summary>
    public string? FieldName { get; set; }

    /// <summary>The signer's name as shown by PDF readers (<c>/Name</c>); readers usually prefer the certificate's name.</summary>
    public string? SignerName { get; set; }

    /// <summary>Why the document is signed (<c>/Reason</c>), for example "Account opening agreement".</summary>
    public string? Reason { get; set; }

    /// <summary>Where it is signed (<c>/Location</c>), for example "Hong Kong".</summary>
    public string? Location { get; set; }

    /// <summary>How to contact the signer or the e-service (<c>/ContactInfo</c>).</summary>
    public string? ContactInfo { get; set; }

    /// <summary>
    /// How many bytes of CMS the placeholder can hold (it takes twice as many in the file, as hex). The CMS iAM Smart
    /// returns must fit, or <see cref="PdfDeferredSigner.Embed(PreparedPdf, ReadOnlySpan{byte})"/> fails with
    /// <see cref="PdfSigningError.SignatureTooLarge"/> and the document has to be prepared and signed again.
    /// </summary>
    public int PlaceholderSize { get; set; } = DefaultPlaceholderSize;

    internal void Validate()
    {
        if (PlaceholderSize is < MinimumPlaceholderSize or > MaximumPlaceholderSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PlaceholderSize), PlaceholderSize,
                $"PlaceholderSize must be between {MinimumPlaceholderSize} and {MaximumPlaceholderSize} bytes.");
        }
    }
}
