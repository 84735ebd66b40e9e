using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>Reads the parts of a CMS SignedData that PDF signing needs, on the BCL only.</summary>
internal static class CmsSignature
{
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private const string TimestampTokenOid = "1.2.840.113549.1.9.16.2.14";

    /// <summary>Length of the DER/BER value at the start of <paramref name="data"/>: the hex padding after it is not part of it.</summary>
    public static bool TryGetEncodedLength(ReadOnlySpan<byte> data, out int length)
    {
        try
        {
            AsnDecoder.ReadEncodedValue(data, AsnEncodingRules.BER, out _, out _, out length);
            return true;
        }
        catch (AsnContentException)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Decodes a SignedData, optionally with its detached content so that the content digest can be checked.</summary>
    public static SignedCms? TryDecode(ReadOnlySpan<byte> encoded, byte[]? detachedContent)
    {
        var cms = detachedContent is null ? new SignedCms() : new SignedCms(new ContentInfo(detachedContent), detached: true);
        try
        {
            cms.Decode(encoded);
            return cms;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static byte[]? GetMessageDigest(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == MessageDigestOid && attribute.Values.Count == 1)
            {
                return attribute.Values[0] is Pkcs9MessageDigest digest
                    ? digest.MessageDigest
                    : AsnDecoder.ReadOctetString(attribute.Values[0].RawData, AsnEncodingRules.BER, out _);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the SignedData is over id-data with exactly one messageDigest value and, if it has a content-type
    /// signed attribute, one that says id-data: what the BCL's content check compares besides the digest itself.
    /// </summary>
    public static bool HasSingleMessageDigestAndDataContentType(SignedCms cms, SignerInfo signer)
    {
        if (cms.ContentInfo.ContentType.Value != DataOid)
        {
            return false;
        }

        var digests = 0;
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == MessageDigestOid)
            {
                digests += attribute.Values.Count;
            }
            else if (attribute.Oid.Value == ContentTypeOid)
            {
                if (attribute.Values.Count != 1 || ReadObjectIdentifier(attribute.Values[0].RawData) != DataOid)
                {
                    return false;
                }
            }
        }

        return digests == 1;
    }

    /// <summary>The signingTime signed attribute: the time the signer claims, not proven by a third party.</summary>
    public static DateTimeOffset? GetClaimedSigningTime(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == SigningTimeOid && attribute.Values.Count == 1)
            {
                var time = attribute.Values[0] is Pkcs9SigningTime signingTime
                    ? signingTime.SigningTime
                    : new Pkcs9SigningTime(attribute.Values[0].RawData).SigningTime;
                return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
            }
        }

        return null;
    }

    /// <summary>
    /// The encoded RFC 3161 timestamp tokens in the signer's unsigned attributes, unverified: see
    /// <see cref="TimestampTokenCheck"/>.
    /// </summary>
    public static List<byte[]> GetTimestampTokens(SignerInfo signer)
    {
        var tokens = new List<byte[]>();
        foreach (var attribute in signer.UnsignedAttributes)
        {
            if (attribute.Oid.Value == TimestampTokenOid)
            {
                tokens.AddRange(attribute.Values.Cast<AsnEncodedData>().Select(v => v.RawData));
            }
        }

        return tokens;
    }

    /// <summary>
    /// The signature value of the first and only SignerInfo: what a timestamp token's messageImprint covers. Read
    /// from <paramref name="encodedCms"/> rather than with <c>SignerInfo.GetSignature()</c>, which netstandard2.0 does
    /// not expose.
    /// </summary>
    public static byte[]? GetSignatureValue(ReadOnlySpan<byte> encodedCms) => ReadFirstSigner(encodedCms)?.Signature;

    public static HashAlgorithmName? ToHashAlgorithm(Oid digestAlgorithm) => digestAlgorithm.Value switch
    {
        "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>
    /// Verifies the signer's signature over its signed attributes only, without comparing the messageDigest with any
    /// content. The BCL offers that check only together with the content digest; doing it separately lets a verifier
    /// say "the signature is genuine but the document changed" instead of just "invalid".
    /// </summary>
    /// <returns><see langword="true"/> or <see langword="false"/>; <see langword="null"/> when the algorithm is not supported here.</returns>
    public static bool? VerifySignedAttributes(ReadOnlySpan<byte> encodedCms, SignerInfo signer, X509Certificate2 certificate)
    {
        var parts = ReadFirstSigner(encodedCms);
        var hash = ToHashAlgorithm(signer.DigestAlgorithm);
        if (parts?.SignedAttributes is not { } signedAttributes || hash is null)
        {
            return null;
        }

        var signature = parts.Signature;
        switch (parts.SignatureAlgorithm)
        {
            case "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.11" or "1.2.840.113549.1.1.12" or "1.2.840.113549.1.1.13":
            case "1.2.840.113549.1.1.10":
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    var padding = parts.SignatureAlgorithm == "1.2.840.113549.1.1.10" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                    return rsa?.VerifyData(signedAttributes, signature, hash.Value, padding);
                }

            case "1.2.840.10045.2.1" or "1.2.840.10045.4.3.2" or "1.2.840.10045.4.3.3" or "1.2.840.10045.4.3.4":
                using (var ecdsa = certificate.GetECDsaPublicKey())
                {
                    return ecdsa?.VerifyData(signedAttributes, signature, hash.Value, DSASignatureFormat.Rfc3279DerSequence);
                }

            default:
                return null;
        }
    }

    /// <summary>The signatureAlgorithm OID of the first SignerInfo, for messages; <see langword="null"/> when unreadable.</summary>
    public static string? GetSignatureAlgorithm(ReadOnlySpan<byte> encodedCms) => ReadFirstSigner(encodedCms)?.SignatureAlgorithm;

    /// <summary>
    /// Whether the SignedData encapsulates its content (eContent present). <c>SignedCms.Detached</c> cannot tell: it
    /// only echoes the constructor argument.
    /// </summary>
    public static bool HasEncapsulatedContent(ReadOnlySpan<byte> encodedCms)
    {
        try
        {
            var signedData = OpenSignedData(encodedCms);
            signedData.ReadEncodedValue(); // version
            signedData.ReadEncodedValue(); // digestAlgorithms
            var encapsulated = signedData.ReadSequence();
            encapsulated.ReadObjectIdentifier();
            return encapsulated.HasData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static string? ReadObjectIdentifier(byte[] encoded)
    {
        try
        {
            return AsnDecoder.ReadObjectIdentifier(encoded, AsnEncodingRules.BER, out _);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static AsnReader OpenSignedData(ReadOnlySpan<byte> encodedCms)
    {
        var contentInfo = new AsnReader(encodedCms.ToArray(), AsnEncodingRules.BER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        return contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
    }

    /// <summary>
    /// The parts of the first SignerInfo that a signature check needs: its signed attributes, re-tagged from [0]
    /// IMPLICIT to SET OF as RFC 5652 §5.4 says the signature is computed over (<see langword="null"/> when it has
    /// none), its signatureAlgorithm OID and its signature value. Read here on both builds because netstandard2.0's
    /// SignerInfo exposes neither <c>SignatureAlgorithm</c> nor <c>GetSignature()</c>, and the signed attributes have to
    /// be read here anyway.
    /// </summary>
    private static SignerParts? ReadFirstSigner(ReadOnlySpan<byte> encodedCms)
    {
        try
        {
            var signedData = OpenSignedData(encodedCms);
            signedData.ReadEncodedValue(); // version
            signedData.ReadEncodedValue(); // digestAlgorithms
            signedData.ReadEncodedValue(); // encapContentInfo
            while (signedData.HasData && signedData.PeekTag().TagClass == TagClass.ContextSpecific)
            {
                signedData.ReadEncodedValue(); // [0] certificates, [1] crls
            }

            var signerInfo = signedData.ReadSetOf().ReadSequence();
            signerInfo.ReadEncodedValue(); // version
            signerInfo.ReadEncodedValue(); // sid
            signerInfo.ReadEncodedValue(); // digestAlgorithm
            byte[]? attributes = null;
            if (signerInfo.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                attributes = signerInfo.ReadEncodedValue().ToArray();
                attributes[0] = 0x31;
            }

            var algorithm = signerInfo.ReadSequence().ReadObjectIdentifier();
            var signature = signerInfo.ReadOctetString();
            return new SignerParts(attributes, algorithm, signature);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private sealed record SignerParts(byte[]? SignedAttributes, string SignatureAlgorithm, byte[] Signature);
}
