using System.Security.Cryptography;
using IAmSmart.Sdk.Pdf.Internal;

namespace IAmSmart.Sdk.Pdf;

/// <summary>
/// A PDF with an empty <c>adbe.pkcs7.detached</c> signature placeholder, and the <see cref="DocDigest"/> to send to
/// iAM Smart. The prepared bytes are all the state there is: store <see cref="ToArray"/> (or <see cref="Bytes"/>) with
/// the signing operation and rebuild this object with <see cref="Load(ReadOnlySpan{byte})"/> when the callback arrives,
/// on any server instance.
/// </summary>
public sealed class PreparedPdf
{
    private readonly ReadOnlyMemory<byte> _pdf;
    private readonly byte[] _digest;

    /// <summary>Wraps <paramref name="pdf"/> without copying it: the caller hands over memory nobody else holds or changes.</summary>
    internal PreparedPdf(ReadOnlyMemory<byte> pdf, SignatureHole hole)
    {
        _pdf = pdf;
        Hole = hole;
        _digest = hole.ComputeDigest(pdf.Span, HashAlgorithmName.SHA256);
        DocDigest = Convert.ToBase64String(_digest);
    }

    /// <summary>The prepared PDF. Store these bytes unchanged: any change alters the digest iAM Smart signs.</summary>
    public ReadOnlyMemory<byte> Bytes => _pdf;

    /// <summary>The signed ranges of the file: everything except the placeholder.</summary>
    public PdfByteRange ByteRange => Hole.ByteRange;

    /// <summary>Offset of the placeholder (the <c>&lt;</c> opening the <c>/Contents</c> hex string) in <see cref="Bytes"/>.</summary>
    public long PlaceholderOffset => Hole.ContentsStart;

    /// <summary>Length of the placeholder in the file, angle brackets included.</summary>
    public int PlaceholderLength => Hole.ContentsEnd - Hole.ContentsStart;

    /// <summary>The largest CMS signature, in bytes, that fits in the placeholder.</summary>
    public int PlaceholderCapacity => Hole.Capacity;

    /// <summary>
    /// The <c>docDigest</c> to send to iAM Smart: Base64 of the SHA-256 digest of the <see cref="ByteRange"/> bytes.
    /// The CMS iAM Smart returns carries the same value in its messageDigest attribute.
    /// </summary>
    public string DocDigest { get; }

    /// <summary>The raw SHA-256 digest behind <see cref="DocDigest"/>.</summary>
    public ReadOnlyMemory<byte> DocDigestBytes => _digest;

    internal SignatureHole Hole { get; }

    /// <summary>Rebuilds a prepared PDF from its stored bytes: re-finds and validates the placeholder and recomputes the digest.</summary>
    /// <param name="preparedPdf">Bytes earlier obtained from <see cref="ToArray"/> or <see cref="Bytes"/>; they are copied.</param>
    /// <returns>The prepared PDF.</returns>
    /// <exception cref="PdfSigningException">
    /// <see cref="PdfSigningError.NotPdf"/>, <see cref="PdfSigningError.PlaceholderNotFound"/> or
    /// <see cref="PdfSigningError.PlaceholderAlreadyFilled"/>.
    /// </exception>
    public static PreparedPdf Load(ReadOnlySpan<byte> preparedPdf)
    {
        var hole = Validate(preparedPdf);
        return new PreparedPdf(ByteArrays.CopyOf(preparedPdf), hole);
    }

    /// <summary>Reads a stored prepared PDF from a stream and rebuilds it, as <see cref="Load(ReadOnlySpan{byte})"/>.</summary>
    /// <param name="preparedPdf">
    /// The stream; it is read from its position to the end and not disposed. A seekable stream is read into one array
    /// of its length, which the result keeps without a further copy.
    /// </param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The prepared PDF.</returns>
    /// <exception cref="PdfSigningException">As for <see cref="Load(ReadOnlySpan{byte})"/>.</exception>
    public static async Task<PreparedPdf> LoadAsync(Stream preparedPdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preparedPdf);
        var bytes = await StreamReading.ReadAllAsync(preparedPdf, cancellationToken);
        var hole = Validate(bytes.Span);

        // The buffer was allocated for this call and nobody else holds it: keep it rather than copy it.
        return new PreparedPdf(bytes, hole);
    }

    /// <summary>The checks of <see cref="Load(ReadOnlySpan{byte})"/>.</summary>
    internal static SignatureHole Validate(ReadOnlySpan<byte> preparedPdf)
    {
        if (!PdfSyntax.HasPdfHeader(preparedPdf))
        {
            throw new PdfSigningException(PdfSigningError.NotPdf, "The stored bytes are not a PDF (no %PDF- header).");
        }

        if (!SignatureLocator.TryLocateLast(preparedPdf, out var hole, out var problem))
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound, $"The stored PDF has no usable signature placeholder: {problem}");
        }

        if (!hole.CoversWholeFile)
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderNotFound,
                $"The /ByteRange {hole.ByteRange} does not cover the whole file of {preparedPdf.Length} bytes; the stored PDF was changed after preparation.");
        }

        if (hole.HexDigits(preparedPdf).IndexOfAnyExcept((byte)'0') >= 0)
        {
            throw new PdfSigningException(PdfSigningError.PlaceholderAlreadyFilled,
                "The placeholder already holds a signature; this is a signed PDF, not a prepared one.");
        }

        return hole;
    }

    /// <summary>Whether a <c>docDigest</c> (for example the one echoed in the iAM Smart callback) is this PDF's.</summary>
    /// <param name="docDigest">Base64 digest to compare.</param>
    /// <returns><see langword="true"/> when it equals <see cref="DocDigest"/>.</returns>
    public bool MatchesDocDigest(string? docDigest) => string.Equals(docDigest, DocDigest, StringComparison.Ordinal);

    /// <summary>A copy of the prepared PDF bytes, to store until the signature arrives.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToArray() => ByteArrays.CopyOf(_pdf.Span);

    /// <summary>
    /// The bytes the signature covers (both ByteRange spans, concatenated). iAM Smart needs only the digest; this is
    /// for signing locally, for example with <c>SignedCms</c> in tests.
    /// </summary>
    /// <returns>A new array.</returns>
    public byte[] GetSignedContent() => Hole.CopySignedContent(_pdf.Span);

    /// <summary>Writes the prepared PDF to a stream without copying it first, for storing it until the signature arrives.</summary>
    /// <param name="destination">Where to write; it is neither flushed nor disposed.</param>
    /// <param name="cancellationToken">Cancels writing; the destination then holds a partial file.</param>
    /// <returns>A task that completes when every byte is written.</returns>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await destination.WriteAsync(_pdf, cancellationToken);
    }

    /// <summary>The prepared bytes themselves, not a copy: for this package's writers, which only read them.</summary>
    internal ReadOnlySpan<byte> Span => _pdf.Span;
}
