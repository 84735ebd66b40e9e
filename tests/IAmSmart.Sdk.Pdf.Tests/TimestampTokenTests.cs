using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace IAmSmart.Sdk.Pdf.Tests;

/// <summary>
/// The signing time from an RFC 3161 timestamp token in the signer's unsigned attributes. The same tests run against
/// the netstandard2.0 build (IAmSmart.Sdk.Pdf.NetStandard.Tests), whose token check is its own, so both are held to
/// what the BCL's Rfc3161TimestampToken accepts. The tokens are made here by a throw-away TSA; names are invented.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TimestampTokenTests
{
    private const string TimeStampingPurpose = "1.3.6.1.5.5.7.3.8";

    // Ten minutes ago, in whole seconds (the TSTInfo's genTime is written without fractions).
    private static readonly DateTimeOffset GenTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);

    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestCertificateAuthority Ca => TestCertificateAuthority.Shared;

    [Fact]
    public async Task A_token_over_the_signature_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)));

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
        Assert.Equal(GenTime, result.SigningTime);
    }

    [Fact]
    public async Task A_token_over_other_data_is_ignored_and_the_claimed_time_is_used()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((_, _) => CreateToken(tsa, SHA256.HashData("something else"u8)));

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_from_a_certificate_without_the_critical_timestamping_usage_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: false);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)));

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_naming_another_certificate_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);
        using var other = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), namedCertificate: other));

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    /// <summary>Signs a prepared PDF, adds the token made from the signature value as an unsigned attribute, embeds, verifies.</summary>
    private async Task<PdfVerificationResult> VerifyWithTokenAsync(Func<byte[], byte[], byte[]> token)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var content = prepared.GetSignedContent();
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(TestPdfs.Sign(prepared));
        var signerInfo = cms.SignerInfos[0];
        signerInfo.AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"), token(signerInfo.GetSignature(), content)));
        var signed = _signer.Embed(prepared, cms.Encode());
        return new PdfSignatureVerifier().Verify(signed, Ca.TrustAnchors, TestCertificateAuthority.NoRevocation);
    }

    private static X509Certificate2 CreateTsa(bool criticalTimestampingEku)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test Time Stamping Authority, O=IAmSmart.Sdk Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStampingPurpose)], critical: criticalTimestampingEku));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>An RFC 3161 token: SignedData over a TSTInfo, signed by the TSA with an ESS signingCertificateV2 attribute.</summary>
    private static byte[] CreateToken(X509Certificate2 tsa, byte[] messageImprint, X509Certificate2? namedCertificate = null)
    {
        var tstInfo = new AsnWriter(AsnEncodingRules.DER);
        using (tstInfo.PushSequence())
        {
            tstInfo.WriteInteger(1);
            tstInfo.WriteObjectIdentifier("1.3.6.1.4.1.99999.1"); // policy (invented)
            using (tstInfo.PushSequence())
            {
                using (tstInfo.PushSequence())
                {
                    tstInfo.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1"); // SHA-256
                    tstInfo.WriteNull();
                }

                tstInfo.WriteOctetString(messageImprint);
            }

            tstInfo.WriteInteger(RandomNumberGenerator.GetInt32(1, int.MaxValue));
            tstInfo.WriteGeneralizedTime(GenTime, omitFractionalSeconds: true);
        }

        var essCertIdV2 = new AsnWriter(AsnEncodingRules.DER);
        using (essCertIdV2.PushSequence())
        {
            using (essCertIdV2.PushSequence())
            {
                using (essCertIdV2.PushSequence())
                {
                    essCertIdV2.WriteOctetString(SHA256.HashData((namedCertificate ?? tsa).RawData)); // SHA-256 is the default
                }
            }
        }

        var token = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), tstInfo.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa) { IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), essCertIdV2.Encode()));
        token.ComputeSignature(signer);
        return token.Encode();
    }
}
