using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// What <see cref="PdfDeferredSigner.PrepareAsync(Stream, Stream, PdfSignatureOptions?, CancellationToken)"/> wrote to
/// its output stream: the <see cref="DocDigest"/> to send to iAM Smart and where the placeholder is. It holds no PDF
/// bytes; the prepared PDF is what was written to the output stream. Store that unchanged until the callback arrives
/// and pass it to <see cref="PdfDeferredSigner.EmbedAsync(Stream, Stream, ReadOnlyMemory{byte}, CancellationToken)"/>
/// (or <see cref="PreparedPdf.LoadAsync(Stream, CancellationToken)"/>).
/// </summary>
public sealed class PdfPreparation
{
    private readonly byte[] _digest;

    internal PdfPreparation(SignatureHole hole, byte[] digest, long length)
    {
        Hole = hole;
        _digest = digest;
        DocDigest = Convert.ToBase64String(digest);
        Length = length;
    }

    /// <summary>The length in bytes of the prepared PDF written to the output stream.</summary>
    public long Length { get; }

    /// <summary>The signed ranges of the prepared PDF: everything except the placeholder.</summary>
    public PdfByteRange ByteRange => Hole.ByteRange;

    /// <summary>Offset of the placeholder (the <c>&lt;</c> opening the <c>/Contents</c> hex string) in the prepared PDF.</summary>
    public long PlaceholderOffset => Hole.ContentsStart;

    /// <summary>Length of the placeholder in the file, angle brackets included.</summary>
    public int PlaceholderLength => Hole.ContentsEnd - Hole.ContentsStart;

    /// <summary>The largest CMS signature, in bytes, that fits in the placeholder.</summary>
    public int PlaceholderCapacity => Hole.Capacity;

    /// <summary>
    /// The <c>docDigest</c> to send to iAM Smart: Base64 of the SHA-256 digest of the <see cref="ByteRange"/> bytes,
    /// computed while the prepared PDF was written. Equal to <see cref="PreparedPdf.DocDigest"/> of the same bytes.
    /// </summary>
    public string DocDigest { get; }

    /// <summary>The raw SHA-256 digest behind <see cref="DocDigest"/>.</summary>
    public ReadOnlyMemory<byte> DocDigestBytes => _digest;

    internal SignatureHole Hole { get; }

    /// <summary>Whether a <c>docDigest</c> (for example the one echoed in the iAM Smart callback) is this PDF's.</summary>
    /// <param name="docDigest">Base64 digest to compare.</param>
    /// <returns><see langword="true"/> when it equals <see cref="DocDigest"/>.</returns>
    public bool MatchesDocDigest(string? docDigest) => string.Equals(docDigest, DocDigest, StringComparison.Ordinal);
}
