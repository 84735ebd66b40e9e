using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Testing.Certificates;

/// <summary>
/// Builds a detached CMS SignedData (adbe.pkcs7.detached) over a digest the caller already has, as iAM Smart does for
/// PDF signing: it is given only <c>docDigest</c>, never the PDF.
/// </summary>
/// <remarks>
/// <see cref="System.Security.Cryptography.Pkcs.CmsSigner"/> always computes the messageDigest attribute itself from the
/// content it signs, and offers no way to supply a precomputed digest, so the SignedData is written here with
/// <see cref="AsnWriter"/> (RFC 5652 §5): signed attributes contentType, signingTime, messageDigest = docDigest and
/// signingCertificateV2 (for PAdES), signed with RSASSA-PKCS1-v1_5 / SHA-256. The result decodes and verifies with
/// <see cref="System.Security.Cryptography.Pkcs.SignedCms"/> given the signed bytes as detached content.
/// </remarks>
internal static class DetachedCmsBuilder
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    private const string ContentTypeOid = "1.2.840.113549.1.9.3";
    private const string MessageDigestOid = "1.2.840.113549.1.9.4";
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    /// <summary>Signs a SHA-256 digest.</summary>
    /// <param name="digest">The 32-byte SHA-256 of the signed content (the PDF ByteRange).</param>
    /// <param name="signer">The signer's certificate with its RSA private key.</param>
    /// <param name="chain">Further certificates to embed (the issuing CA).</param>
    /// <param name="signingTime">The signing time attribute.</param>
    public static byte[] Sign(ReadOnlySpan<byte> digest, X509Certificate2 signer, IEnumerable<X509Certificate2> chain, DateTimeOffset signingTime)
    {
        using var key = signer.GetRSAPrivateKey() ?? throw new ArgumentException("The signer certificate has no RSA private key.", nameof(signer));
        var attributes = WriteSignedAttributes(digest, signer, signingTime, new Asn1Tag(UniversalTagNumber.SetOf, isConstructed: true));
        // The signature covers the attributes encoded as a universal SET OF (RFC 5652 §5.4), though they travel as [0] IMPLICIT.
        var signature = key.SignData(attributes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    WriteAlgorithm(writer, Sha256Oid, withNullParameters: false);
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(DataOid); // detached: no eContent
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteEncodedValue(signer.RawData);
                    foreach (var certificate in chain)
                    {
                        writer.WriteEncodedValue(certificate.RawData);
                    }
                }

                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(signer.IssuerName.RawData);
                        writer.WriteInteger(signer.SerialNumberBytes.Span);
                    }

                    WriteAlgorithm(writer, Sha256Oid, withNullParameters: false);
                    writer.WriteEncodedValue(WriteSignedAttributes(digest, signer, signingTime, new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)));
                    WriteAlgorithm(writer, RsaEncryptionOid, withNullParameters: true);
                    writer.WriteOctetString(signature);
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] WriteSignedAttributes(ReadOnlySpan<byte> digest, X509Certificate2 signer, DateTimeOffset signingTime, Asn1Tag tag)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf(tag))
        {
            WriteAttribute(writer, ContentTypeOid, w => w.WriteObjectIdentifier(DataOid));
            // UTCTime covers 1950–2049, which is all a test needs (RFC 5652 §11.3).
            WriteAttribute(writer, SigningTimeOid, w => w.WriteUtcTime(signingTime.ToUniversalTime()));
            var digestCopy = digest.ToArray();
            WriteAttribute(writer, MessageDigestOid, w => w.WriteOctetString(digestCopy));
            var certHash = SHA256.HashData(signer.RawData);
            WriteAttribute(writer, SigningCertificateV2Oid, w =>
            {
                using (w.PushSequence()) // SigningCertificateV2
                using (w.PushSequence()) // certs
                using (w.PushSequence()) // ESSCertIDv2, hashAlgorithm SHA-256 by default
                {
                    w.WriteOctetString(certHash);
                }
            });
        }

        return writer.Encode();
    }

    private static void WriteAttribute(AsnWriter writer, string oid, Action<AsnWriter> writeValue)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writeValue(writer);
            }
        }
    }

    private static void WriteAlgorithm(AsnWriter writer, string oid, bool withNullParameters)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters)
            {
                writer.WriteNull();
            }
        }
    }
}
