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

    private const string ServerAuthPurpose = "1.3.6.1.5.5.7.3.1";

    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    // Ten minutes ago, in whole seconds (the TSTInfo's genTime is written without fractions).
    private static readonly DateTimeOffset GenTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);

    // A trusted TSA hierarchy for the whole run: RSA key generation is slow.
    private static readonly Lazy<X509Certificate2> TsaRoot = new(() => CreateTsaRoot("CN=Test Time Stamping Root CA, O=IAmSmart.Sdk Tests"));

    private readonly PdfDeferredSigner _signer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TestCertificateAuthority Ca => TestCertificateAuthority.Shared;

    [Fact]
    public async Task A_token_over_the_signature_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: tsa);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
        Assert.Equal(GenTime, result.SigningTime);
        Assert.Equal(PdfTimestampStatus.Trusted, result.Timestamp.Status);
        Assert.Equal(GenTime, result.Timestamp.TokenTime);
    }

    [Fact]
    public async Task A_token_from_a_tsa_issued_under_a_trusted_root_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: TsaRoot.Value);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.Trusted, result.Timestamp.Status);
        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
        Assert.Equal(GenTime, result.SigningTime);
    }

    [Fact]
    public async Task A_tsa_intermediate_missing_from_the_token_is_taken_from_the_additional_certificates()
    {
        using var intermediate = CreateTsaIntermediate(TsaRoot.Value);
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: intermediate);
        byte[] Token(byte[] signature, byte[] _) => CreateToken(tsa, SHA256.HashData(signature));

        var without = await VerifyWithTokenAsync(Token, trustedTsa: TsaRoot.Value);
        var with = await VerifyWithTokenAsync(Token, trustedTsa: TsaRoot.Value, additional: intermediate);

        Assert.Equal(PdfTimestampStatus.UntrustedAuthority, without.Timestamp.Status);
        Assert.Equal(PdfTimestampStatus.Trusted, with.Timestamp.Status);
        Assert.Equal(GenTime, with.SigningTime);
    }

    // The TSA certificate itself carries the timestamping usage; the CA that issued it lists another usage (TLS
    // servers), or only anyExtendedKeyUsage. For the latter this pins that both builds agree: .NET's chain engine on
    // Linux (net10.0 build) reports NotValidForUsage when id-kp-timeStamping is required, and the netstandard2.0 build's
    // own usage walk (Polyfills/X509Chain.cs) refuses it too, since the CA does not list timestamping. Stricter than
    // RFC 5280 4.2.1.12 reads anyExtendedKeyUsage, and it fails safe: the claimed signing time is reported instead.
    [Theory]
    [InlineData(ServerAuthPurpose)]
    [InlineData(AnyExtendedKeyUsage)]
    public async Task A_tsa_issued_by_an_intermediate_restricted_to_another_usage_does_not_supply_the_time(string intermediateUsage)
    {
        using var intermediate = CreateTsaIntermediate(TsaRoot.Value, intermediateUsage);
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: intermediate);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value, additional: intermediate);

        Assert.Equal(PdfTimestampStatus.UntrustedAuthority, result.Timestamp.Status);
        Assert.Contains(nameof(X509ChainStatusFlags.NotValidForUsage), result.Timestamp.Detail, StringComparison.Ordinal);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_tsa_issued_by_an_intermediate_restricted_to_timestamping_gives_the_signing_time()
    {
        using var intermediate = CreateTsaIntermediate(TsaRoot.Value, TimeStampingPurpose);
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: intermediate);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value, additional: intermediate);

        Assert.Equal(PdfTimestampStatus.Trusted, result.Timestamp.Status);
        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
        Assert.Equal(GenTime, result.SigningTime);
    }

    [Fact]
    public async Task Without_trusted_timestamp_authorities_a_valid_token_does_not_supply_the_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: TsaRoot.Value);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: null);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.NoTrustedAuthorities, result.Timestamp.Status);
        Assert.Equal(GenTime, result.Timestamp.TokenTime);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_from_a_tsa_under_an_untrusted_root_does_not_supply_the_time()
    {
        using var otherRoot = CreateTsaRoot("CN=Test Unknown TSA Root, O=IAmSmart.Sdk Tests");
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: otherRoot);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.UntrustedAuthority, result.Timestamp.Status);
        Assert.Equal(GenTime, result.Timestamp.TokenTime);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_from_a_self_signed_tsa_does_not_supply_the_time_when_other_tsas_are_trusted()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.Equal(PdfTimestampStatus.UntrustedAuthority, result.Timestamp.Status);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_from_a_trusted_tsa_certificate_without_the_timestamping_usage_does_not_supply_the_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: TsaRoot.Value, withEku: false);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.NotTimestampingCertificate, result.Timestamp.Status);
        Assert.Null(result.Timestamp.TokenTime);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_from_a_tsa_certificate_expired_since_does_not_supply_the_time()
    {
        // Valid at the token's genTime (ten minutes ago), expired five minutes ago: the TSA chain is checked now.
        var now = DateTimeOffset.UtcNow;
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: TsaRoot.Value, notBefore: now.AddDays(-2), notAfter: now.AddMinutes(-5));

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.AuthorityNotTimeValid, result.Timestamp.Status);
        Assert.Equal(GenTime, result.Timestamp.TokenTime);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_from_a_tsa_certificate_not_yet_valid_at_the_token_time_does_not_supply_the_time()
    {
        var now = DateTimeOffset.UtcNow;
        using var tsa = CreateTsa(criticalTimestampingEku: true, issuer: TsaRoot.Value, notBefore: now.AddMinutes(-5), notAfter: now.AddYears(1));

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: TsaRoot.Value);

        Assert.Equal(PdfTimestampStatus.InvalidToken, result.Timestamp.Status);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task Without_any_token_the_timestamp_status_is_none()
    {
        var result = await VerifyWithTokenAsync(token: null, trustedTsa: TsaRoot.Value);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.None, result.Timestamp.Status);
        AssertFellBackToTheClaimedTime(result);
    }

    [Fact]
    public async Task A_token_over_other_data_is_ignored_and_the_claimed_time_is_used()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((_, _) => CreateToken(tsa, SHA256.HashData("something else"u8)), trustedTsa: tsa);

        Assert.True(result.IsValid, result.FirstFailure?.Detail);
        Assert.Equal(PdfTimestampStatus.InvalidToken, result.Timestamp.Status);
        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_from_a_certificate_without_the_critical_timestamping_usage_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: false);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature)), trustedTsa: tsa);

        Assert.Equal(PdfTimestampStatus.NotTimestampingCertificate, result.Timestamp.Status);
        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_naming_another_certificate_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);
        using var other = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), namedCertificate: other), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_with_matching_v1_and_v2_signing_certificate_attributes_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), namedByV1: tsa), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_whose_v1_signing_certificate_names_another_certificate_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);
        using var other = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), namedByV1: other), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_whose_issuer_serial_is_the_issuers_directory_name_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), issuerNames: w => WriteDirectoryName(w, tsa)), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_whose_issuer_serial_has_a_second_general_name_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), issuerNames: w =>
        {
            w.WriteCharacterString(UniversalTagNumber.IA5String, "tsa.example", new Asn1Tag(TagClass.ContextSpecific, 2));
            WriteDirectoryName(w, tsa);
        }), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_with_every_optional_tstinfo_field_gives_the_signing_time()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), afterGenTime: w =>
        {
            using (w.PushSequence())
            {
                w.WriteInteger(1); // accuracy: seconds
                w.WriteInteger(500, new Asn1Tag(TagClass.ContextSpecific, 0)); // millis
            }

            w.WriteBoolean(true); // ordering
            w.WriteInteger(123456789); // nonce
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                WriteDirectoryName(w, tsa); // tsa
            }
        }), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.TimestampToken, result.SigningTimeSource);
    }

    [Fact]
    public async Task A_token_with_unknown_data_after_the_tstinfo_fields_is_ignored()
    {
        using var tsa = CreateTsa(criticalTimestampingEku: true);

        var result = await VerifyWithTokenAsync((signature, _) => CreateToken(tsa, SHA256.HashData(signature), afterGenTime: w => w.WriteOctetString("trailing"u8)), trustedTsa: tsa);

        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
    }

    [Fact]
    public void A_result_made_with_the_constructor_without_a_timestamp_says_what_its_time_source_implies()
    {
        var fromToken = new PdfVerificationResult([], null, GenTime, PdfSigningTimeSource.TimestampToken, null);
        var claimed = new PdfVerificationResult([], null, GenTime, PdfSigningTimeSource.SigningTimeAttribute, null);

        Assert.Equal(PdfTimestampStatus.Trusted, fromToken.Timestamp.Status);
        Assert.Equal(GenTime, fromToken.Timestamp.TokenTime);
        Assert.Equal(PdfTimestampStatus.None, claimed.Timestamp.Status);
    }

    /// <summary>A directoryName GeneralName ([4], explicit: Name is a CHOICE) holding the certificate's issuer.</summary>
    private static void WriteDirectoryName(AsnWriter writer, X509Certificate2 certificate)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
        {
            writer.WriteEncodedValue(certificate.IssuerName.RawData);
        }
    }

    /// <summary>The claimed signingTime (a minute or so ago), not the token's genTime (ten minutes ago), was used.</summary>
    private static void AssertFellBackToTheClaimedTime(PdfVerificationResult result)
    {
        Assert.Equal(PdfSigningTimeSource.SigningTimeAttribute, result.SigningTimeSource);
        Assert.NotEqual(GenTime, result.SigningTime);
    }

    /// <summary>
    /// Signs a prepared PDF, adds the token made from the signature value (if any) as an unsigned attribute, embeds, and
    /// verifies with <paramref name="trustedTsa"/> (if any) as the one trusted timestamp authority.
    /// </summary>
    private async Task<PdfVerificationResult> VerifyWithTokenAsync(Func<byte[], byte[], byte[]>? token, X509Certificate2? trustedTsa, X509Certificate2? additional = null)
    {
        var prepared = await _signer.PrepareAsync(TestPdfs.CreateUnsigned(), cancellationToken: Ct);
        var content = prepared.GetSignedContent();
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(TestPdfs.Sign(prepared));
        var signerInfo = cms.SignerInfos[0];
        if (token is not null)
        {
            signerInfo.AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"), token(signerInfo.GetSignature(), content)));
        }

        var signed = _signer.Embed(prepared, cms.Encode());
        var options = TestCertificateAuthority.NoRevocation;
        if (trustedTsa is not null)
        {
            options.TrustedTimestampAuthorities.Add(X509CertificateLoader.LoadCertificate(trustedTsa.RawData));
        }

        if (additional is not null)
        {
            options.AdditionalCertificates.Add(X509CertificateLoader.LoadCertificate(additional.RawData));
        }

        return new PdfSignatureVerifier().Verify(signed, Ca.TrustAnchors, options);
    }

    private static X509Certificate2 CreateTsaRoot(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(10));
    }

    /// <summary>A TSA issuing CA under <paramref name="root"/>, with its key; restricted to <paramref name="usages"/> (an EKU extension) if given.</summary>
    private static X509Certificate2 CreateTsaIntermediate(X509Certificate2 root, params string[] usages)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test Time Stamping Issuing CA, O=IAmSmart.Sdk Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(root, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(5), serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// A TSA certificate with its key: self-signed, or issued by <paramref name="issuer"/>; with an id-kp-timeStamping
    /// extended key usage (critical or not) unless <paramref name="withEku"/> is false; valid from a day ago for a year
    /// unless told otherwise.
    /// </summary>
    private static X509Certificate2 CreateTsa(
        bool criticalTimestampingEku,
        X509Certificate2? issuer = null,
        bool withEku = true,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test Time Stamping Authority, O=IAmSmart.Sdk Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (withEku)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStampingPurpose)], critical: criticalTimestampingEku));
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddYears(1);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, to);
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, from, to, serial);
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// An RFC 3161 token: SignedData over a TSTInfo, signed by the TSA with an ESS signingCertificateV2 attribute and,
    /// if asked, a v1 one too. <paramref name="issuerNames"/> writes the GeneralNames of an IssuerSerial in the v2
    /// ESSCertID (none when null); <paramref name="afterGenTime"/> writes TSTInfo fields after genTime.
    /// </summary>
    private static byte[] CreateToken(
        X509Certificate2 tsa,
        byte[] messageImprint,
        X509Certificate2? namedCertificate = null,
        X509Certificate2? namedByV1 = null,
        Action<AsnWriter>? issuerNames = null,
        Action<AsnWriter>? afterGenTime = null)
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
            afterGenTime?.Invoke(tstInfo);
        }

        var essCertIdV2 = new AsnWriter(AsnEncodingRules.DER);
        using (essCertIdV2.PushSequence())
        {
            using (essCertIdV2.PushSequence())
            {
                using (essCertIdV2.PushSequence())
                {
                    essCertIdV2.WriteOctetString(SHA256.HashData((namedCertificate ?? tsa).RawData)); // SHA-256 is the default
                    if (issuerNames is not null)
                    {
                        using (essCertIdV2.PushSequence())
                        {
                            using (essCertIdV2.PushSequence())
                            {
                                issuerNames(essCertIdV2);
                            }

                            essCertIdV2.WriteInteger(tsa.SerialNumberBytes.Span);
                        }
                    }
                }
            }
        }

        var token = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), tstInfo.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, tsa) { IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), essCertIdV2.Encode()));
        if (namedByV1 is not null)
        {
            var essCertId = new AsnWriter(AsnEncodingRules.DER);
            using (essCertId.PushSequence())
            {
                using (essCertId.PushSequence())
                {
                    using (essCertId.PushSequence())
                    {
                        // ESSCertID (v1, RFC 2634) is by definition the SHA-1 hash of the certificate.
#pragma warning disable CA5350
                        essCertId.WriteOctetString(SHA1.HashData(namedByV1.RawData));
#pragma warning restore CA5350
                    }
                }
            }

            signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.12"), essCertId.Encode()));
        }

        token.ComputeSignature(signer);
        return token.Encode();
    }
}
