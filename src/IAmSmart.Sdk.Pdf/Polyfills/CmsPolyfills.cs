// netstandard2.0 only: the CMS and signature members that System.Security.Cryptography.Pkcs and the BCL expose on
// .NET 5+ but not to netstandard2.0 callers, in the shape the PDF code calls on net10.0.
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

// In IAmSmart.Sdk.Polyfills, not the BCL's namespaces: see SearchValues.cs.
namespace IAmSmart.Sdk.Polyfills;

/// <summary>The encodings of a DSA or ECDSA signature value (.NET 5).</summary>
internal enum DSASignatureFormat
{
    IeeeP1363FixedFieldConcatenation,
    Rfc3279DerSequence,
}

internal static class CmsPolyfills
{
    public static void Decode(this SignedCms cms, ReadOnlySpan<byte> encodedMessage) => cms.Decode(encodedMessage.ToArray());

    /// <summary>
    /// ECDSA verification of a signature in either encoding: netstandard2.0's ECDsa takes only the IEEE P1363 form
    /// (r || s, each the size of the curve's field), so a DER SEQUENCE { r, s } is converted first. A value that is not
    /// well-formed DER, or whose integers do not fit the field, does not verify (as on .NET 5+).
    /// </summary>
    public static bool VerifyData(this ECDsa ecdsa, byte[] data, byte[] signature, HashAlgorithmName hashAlgorithm, DSASignatureFormat signatureFormat)
    {
        if (signatureFormat == DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
        {
            return ecdsa.VerifyData(data, signature, hashAlgorithm);
        }

        var fieldSize = (ecdsa.KeySize + 7) / 8;
        var p1363 = new byte[2 * fieldSize];
        try
        {
            var sequence = new AsnReader(signature, AsnEncodingRules.DER);
            var integers = sequence.ReadSequence();
            sequence.ThrowIfNotEmpty();
            if (!CopyUnsigned(integers.ReadIntegerBytes().Span, p1363.AsSpan(0, fieldSize))
                || !CopyUnsigned(integers.ReadIntegerBytes().Span, p1363.AsSpan(fieldSize, fieldSize)))
            {
                return false;
            }

            integers.ThrowIfNotEmpty();
        }
        catch (AsnContentException)
        {
            return false;
        }

        return ecdsa.VerifyData(data, p1363, hashAlgorithm);
    }

    /// <summary>A DER INTEGER's content as a non-negative big-endian number right-aligned in <paramref name="field"/>.</summary>
    private static bool CopyUnsigned(ReadOnlySpan<byte> integer, Span<byte> field)
    {
        if (integer.IsEmpty || (integer[0] & 0x80) != 0)
        {
            return false;
        }

        while (integer.Length > 1 && integer[0] == 0)
        {
            integer = integer.Slice(1);
        }

        if (integer.Length > field.Length)
        {
            return false;
        }

        integer.CopyTo(field.Slice(field.Length - integer.Length));
        return true;
    }
}
