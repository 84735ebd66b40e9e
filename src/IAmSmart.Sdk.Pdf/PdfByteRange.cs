namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// The <c>/ByteRange</c> of a PDF signature: the two spans of the file that are signed. The gap between them is the
/// <c>/Contents</c> hex string that holds (or will hold) the CMS signature.
/// </summary>
/// <param name="FirstOffset">Start of the first span; 0 for a signature covering the whole file.</param>
/// <param name="FirstLength">Length of the first span; also the offset of the <c>&lt;</c> opening <c>/Contents</c>.</param>
/// <param name="SecondOffset">Start of the second span; the offset just after the <c>&gt;</c> closing <c>/Contents</c>.</param>
/// <param name="SecondLength">Length of the second span; it reaches the end of the file for a signature covering the whole file.</param>
public readonly record struct PdfByteRange(long FirstOffset, long FirstLength, long SecondOffset, long SecondLength)
{
    /// <summary>The number of bytes the signature covers.</summary>
    public long SignedLength => FirstLength + SecondLength;

    /// <summary>Formats the range as it appears in the PDF, for example <c>[0 840 33610 1201]</c>.</summary>
    /// <returns>The PDF array text.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{FirstOffset} {FirstLength} {SecondOffset} {SecondLength}]");
}
