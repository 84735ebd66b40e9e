// netstandard2.0 only: the part of System.Security.Cryptography.Pkcs.Rfc3161TimestampToken (netcoreapp2.1+, not
// exposed to netstandard2.0) that the verifier uses, with the checks RFC 3161 and the BCL make: the token is a
// SignedData over id-ct-TSTInfo with one signer and a TSTInfo with nothing after its last field; that signer names its
// certificate in an ESS signing-certificate attribute (v1, v2 or one of each, each matching), and the certificate found
// was valid at genTime, has the one critical extended key usage id-kp-timeStamping and verifies the token's signature;
// and the TSTInfo's messageImprint is the hash of the data.
using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using IAmSmart.Sdk.Pdf.Internal;

// In IAmSmart.Sdk.Polyfills, not System.Security.Cryptography.Pkcs: see SearchValues.cs.
namespace IAmSmart.Sdk.Polyfills;

internal sealed class Rfc3161TimestampTokenInfo(DateTimeOffset timestamp, string hashAlgorithm, byte[] messageHash)
{
    public DateTimeOffset Timestamp { get; } = timestamp;

    internal string HashAlgorithm { get; } = hashAlgorithm;

    internal byte[] MessageHash { get; } = messageHash;
}

internal sealed class Rfc3161TimestampToken
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateOid = "1.2.840.113549.1.9.16.2.12";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string Sha1Oid = "1.3.14.3.2.26";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    private readonly X509Certificate2 _signerCertificate;

    private Rfc3161TimestampToken(Rfc3161TimestampTokenInfo tokenInfo, X509Certificate2 signerCertificate)
    {
        TokenInfo = tokenInfo;
        _signerCertificate = signerCertificate;
    }

    public Rfc3161TimestampTokenInfo TokenInfo { get; }

    public static bool TryDecode(ReadOnlyMemory<byte> encodedBytes, [NotNullWhen(true)] out Rfc3161TimestampToken? token, out int bytesConsumed)
    {
        token = null;
        bytesConsumed = 0;
        try
        {
            AsnDecoder.ReadEncodedValue(encodedBytes.Span, AsnEncodingRules.BER, out _, out _, out var length);
            var cms = new SignedCms();
            cms.Decode(encodedBytes.Slice(0, length).ToArray());
            if (cms.ContentInfo.ContentType.Value != TstInfoOid || cms.SignerInfos.Count != 1)
            {
                return false;
            }

            var signer = cms.SignerInfos[0];
            var info = ReadTstInfo(cms.ContentInfo.Content);
            var certificate = signer.Certificate;
            if (info is null || certificate is null || !MatchesEssCertificateId(signer, certificate) || !IsTimestampingCertificate(certificate, info.Timestamp))
            {
                return false;
            }

            signer.CheckSignature(new X509Certificate2Collection(certificate), verifySignatureOnly: true);
            token = new Rfc3161TimestampToken(info, certificate);
            bytesConsumed = length;
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or AsnContentException)
        {
            return false;
        }
    }

    public bool VerifySignatureForData(ReadOnlySpan<byte> data, [NotNullWhen(true)] out X509Certificate2? signerCertificate)
    {
        signerCertificate = null;
        if (!HashMatches(TokenInfo.HashAlgorithm, data.ToArray(), TokenInfo.MessageHash))
        {
            return false;
        }

        signerCertificate = _signerCertificate;
        return true;
    }

    /// <summary>TSTInfo (RFC 3161 §2.4.2): version, policy, messageImprint, serialNumber, genTime, then optional fields.</summary>
    private static Rfc3161TimestampTokenInfo? ReadTstInfo(byte[] encoded)
    {
        var outer = new AsnReader(encoded, AsnEncodingRules.DER);
        var tstInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (!tstInfo.TryReadInt32(out var version) || version != 1)
        {
            return null;
        }

        tstInfo.ReadObjectIdentifier(); // policy
        var imprint = tstInfo.ReadSequence();
        var algorithm = imprint.ReadSequence().ReadObjectIdentifier();
        var messageHash = imprint.ReadOctetString();
        imprint.ThrowIfNotEmpty();
        tstInfo.ReadIntegerBytes(); // serialNumber
        var genTime = tstInfo.ReadGeneralizedTime();
        ReadOptionalTstInfoFields(tstInfo);
        return new Rfc3161TimestampTokenInfo(genTime, algorithm, messageHash);
    }

    /// <summary>
    /// The fields after genTime, each optional and in this order: accuracy, ordering, nonce, tsa [0], extensions [1].
    /// They are not used, but are read as the BCL reads them, so that a token it refuses (anything else, or more, in
    /// the TSTInfo) is refused here too.
    /// </summary>
    private static void ReadOptionalTstInfoFields(AsnReader tstInfo)
    {
        if (tstInfo.HasData && tstInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            // Accuracy: seconds, millis [0], micros [1], each an optional integer.
            var accuracy = tstInfo.ReadSequence();
            if (accuracy.HasData && accuracy.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                accuracy.ReadIntegerBytes();
            }

            foreach (var tagNumber in new[] { 0, 1 })
            {
                var tag = new Asn1Tag(TagClass.ContextSpecific, tagNumber);
                if (accuracy.HasData && accuracy.PeekTag().HasSameClassAndValue(tag))
                {
                    accuracy.ReadIntegerBytes(tag);
                }
            }

            accuracy.ThrowIfNotEmpty();
        }

        if (tstInfo.HasData && tstInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
        {
            tstInfo.ReadBoolean(); // ordering
        }

        if (tstInfo.HasData && tstInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tstInfo.ReadIntegerBytes(); // nonce
        }

        var tsaTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tstInfo.HasData && tstInfo.PeekTag().HasSameClassAndValue(tsaTag))
        {
            // tsa: one GeneralName, explicitly tagged (GeneralName is a CHOICE).
            var tsa = tstInfo.ReadSequence(tsaTag);
            tsa.ReadEncodedValue();
            tsa.ThrowIfNotEmpty();
        }

        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (tstInfo.HasData && tstInfo.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var extensions = tstInfo.ReadSequence(extensionsTag);
            while (extensions.HasData)
            {
                extensions.ReadSequence();
            }
        }

        tstInfo.ThrowIfNotEmpty();
    }

    /// <summary>
    /// The signer has a signing-certificate attribute, v1 or v2 or one of each (at most one of each kind, with one
    /// value), and the first ESSCertID(v2) of every one present names this certificate.
    /// </summary>
    private static bool MatchesEssCertificateId(SignerInfo signer, X509Certificate2 certificate)
    {
        CryptographicAttributeObject? v1 = null;
        CryptographicAttributeObject? v2 = null;
        foreach (var attribute in signer.SignedAttributes)
        {
            var isV1 = attribute.Oid.Value == SigningCertificateOid;
            if (!isV1 && attribute.Oid.Value != SigningCertificateV2Oid)
            {
                continue;
            }

            if ((isV1 ? v1 : v2) is not null || attribute.Values.Count != 1)
            {
                return false;
            }

            if (isV1)
            {
                v1 = attribute;
            }
            else
            {
                v2 = attribute;
            }
        }

        return (v1 is not null || v2 is not null)
            && (v1 is null || MatchesCertificateId(v1, isV2: false, certificate))
            && (v2 is null || MatchesCertificateId(v2, isV2: true, certificate));
    }

    /// <summary>The first ESSCertID(v2) of a signing-certificate attribute names this certificate.</summary>
    private static bool MatchesCertificateId(CryptographicAttributeObject found, bool isV2, X509Certificate2 certificate)
    {
        var certificates = new AsnReader(found.Values[0].RawData, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        var certId = certificates.ReadSequence();
        var hashAlgorithm = isV2 ? Sha256Oid : Sha1Oid;
        if (isV2 && certId.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            hashAlgorithm = certId.ReadSequence().ReadObjectIdentifier();
        }

        var expected = certId.ReadOctetString();
        if (!HashMatches(hashAlgorithm, certificate.RawData, expected))
        {
            return false;
        }

        if (!certId.HasData)
        {
            return true;
        }

        // IssuerSerial: GeneralNames, which (as the BCL requires) must be exactly one directoryName [4] holding the
        // issuer's Name, then the serial number.
        var issuerSerial = certId.ReadSequence();
        var names = issuerSerial.ReadSequence();
        var directoryNameTag = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
        if (!names.HasData || !names.PeekTag().HasSameClassAndValue(directoryNameTag))
        {
            return false;
        }

        var directoryName = names.ReadSequence(directoryNameTag);
        var issuerMatches = directoryName.ReadEncodedValue().Span.SequenceEqual(certificate.IssuerName.RawData);
        directoryName.ThrowIfNotEmpty();
        if (names.HasData)
        {
            return false;
        }

        var serial = issuerSerial.ReadIntegerBytes().ToArray();
        var certificateSerial = certificate.GetSerialNumber(); // little-endian
        Array.Reverse(certificateSerial);
        return issuerMatches && serial.AsSpan().SequenceEqual(certificateSerial);
    }

    /// <summary>Valid at genTime, with exactly one extended key usage extension, critical, naming id-kp-timeStamping.</summary>
    private static bool IsTimestampingCertificate(X509Certificate2 certificate, DateTimeOffset timestamp) =>
        certificate.NotAfter >= timestamp && certificate.NotBefore <= timestamp && TimestampTokenCheck.HasTimestampingUsage(certificate);

    // Whether data hashes to expected under the algorithm the OID names; an algorithm not listed never matches. SHA-1
    // stays here (ESS signing-certificate v1, older tokens), unlike for the document signature.
    private static bool HashMatches(string algorithmOid, byte[] data, ReadOnlySpan<byte> expected)
    {
        var name = algorithmOid switch
        {
            Sha1Oid => HashAlgorithmName.SHA1,
            Sha256Oid => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (name.Name is null)
        {
            return false;
        }

        using var hash = IncrementalHash.CreateHash(name);
        hash.AppendData(data);
        return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expected);
    }
}
