namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// Where a signature sits in a PDF file: its ByteRange and the <c>/Contents</c> hex string between the two ranges.
/// </summary>
/// <param name="ByteRange">The ByteRange as written in the file.</param>
/// <param name="ContentsStart">Offset of the <c>&lt;</c> that opens the hex string.</param>
/// <param name="ContentsEnd">Offset just after the <c>&gt;</c> that closes the hex string.</param>
/// <param name="CoversWholeFile">Whether the ranges cover every byte of the file except the hex string.</param>
internal readonly record struct SignatureHole(PdfByteRange ByteRange, int ContentsStart, int ContentsEnd, bool CoversWholeFile)
{
    /// <summary>Number of hex digits between the angle brackets.</summary>
    public int HexLength => ContentsEnd - ContentsStart - 2;

    /// <summary>The largest CMS, in bytes, the hex string can hold.</summary>
    public int Capacity => HexLength / 2;

    public ReadOnlySpan<byte> HexDigits(ReadOnlySpan<byte> pdf) => pdf.Slice(ContentsStart + 1, HexLength);

    /// <summary>SHA-256 of the two ranges: the <c>docDigest</c> iAM Smart signs.</summary>
    public byte[] ComputeDigest(ReadOnlySpan<byte> pdf, System.Security.Cryptography.HashAlgorithmName algorithm)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(algorithm);
        hash.AppendData(First(pdf));
        hash.AppendData(Second(pdf));
        return hash.GetHashAndReset();
    }

    /// <summary>The signed bytes: both ranges, concatenated.</summary>
    public byte[] CopySignedContent(ReadOnlySpan<byte> pdf) => ByteArrays.Concat(First(pdf), Second(pdf));

    private ReadOnlySpan<byte> First(ReadOnlySpan<byte> pdf) => pdf.Slice((int)ByteRange.FirstOffset, (int)ByteRange.FirstLength);

    private ReadOnlySpan<byte> Second(ReadOnlySpan<byte> pdf) => pdf.Slice((int)ByteRange.SecondOffset, (int)ByteRange.SecondLength);
}
