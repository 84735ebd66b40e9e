using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.BouncyCastle;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Tests.Vectors;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace IAmSmart.Sdk.Tests.Crypto;

/// <summary>IAmSmart.Sdk.BouncyCastle: selected with UseBouncyCastle, the same behaviour as the BCL, and SM2 verification.</summary>
public sealed class BouncyCastleProviderTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open-id","userType":"default","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UseBouncyCastle_replaces_the_signer_cipher_and_key_unwrap_and_the_client_works_through_them()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        await using var provider = Provider(handler, b => b.UseBouncyCastle());
        var client = provider.GetRequiredService<IAmSmartClient>();

        var token = await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal("tok-0001", token.Token);
        Assert.IsType<BouncyCastleRequestSigner>(provider.GetRequiredService<IRequestSigner>());
        Assert.IsType<BouncyCastleContentCipher>(client.Transport.Session.Cipher);
        Assert.IsType<BouncyCastleRsaKeyEncryptionKey>(Assert.Single(client.Transport.Session.KeyRing.Keys));
        Assert.Same(BouncyCastleSignatureVerification.Sm2, provider.GetRequiredService<ISm2SignatureVerifier>());
        Assert.Equal(VectorClient.Cek(), client.ContentKeys.Current);
        var (clientId, secret) = TestVectors.Credentials();
        foreach (var request in handler.Requests)
        {
            // The BCL signer, computed independently, agrees with what BouncyCastle signed.
            Assert.Equal(new HmacSha256RequestSigner(secret).Sign(clientId, request.Header("timestamp"), request.Header("nonce"), request.Body), request.Header("signature"));
        }
    }

    [Fact]
    public async Task Without_UseBouncyCastle_there_is_no_SM2_verifier_and_the_BCL_is_used()
    {
        await using var provider = Provider(new FakeIAmSmartHandler(), _ => { });

        Assert.Null(provider.GetService<ISm2SignatureVerifier>());
        Assert.IsType<AesGcmContentCipher>(provider.GetRequiredService<IAmSmartClient>().Transport.Session.Cipher);
    }

    [Fact]
    public async Task The_BouncyCastle_cipher_takes_its_IVs_from_the_registered_random_source()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var ivs = new List<int>();
        await using var provider = Provider(handler, b => b.UseBouncyCastle(), s => s.AddSingleton<IRandomSource>(new Recording(ivs)));

        await provider.GetRequiredService<IAmSmartClient>().Auth.GetTokenAsync("code-1", Ct);

        Assert.Contains(AesGcmContentCipher.IvSizeInBytes, ivs);
    }

    [Fact]
    public async Task A_secret_key_that_does_not_unwrap_goes_on_with_a_random_key_and_is_rejected_as_undecryptable()
    {
        // The same path as the BCL: the padding failure is a CryptographicException, the ring gives up, and the callback
        // reader decrypts under a random key, which fails authentication like tampered content (no padding oracle).
        await using var provider = Provider(new FakeIAmSmartHandler(), b => b.UseBouncyCastle());
        var client = provider.GetRequiredService<IAmSmartClient>();
        using var otherKek = RSA.Create(2048);
        var (_, bytes) = CallbackBuilder.NewKey();
        var content = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(CallbackBuilder.StepUpPayload("b1", "s1")), new ContentKey(bytes));
        var body = CallbackBuilder.Envelope("D00000", content, Convert.ToBase64String(otherKek.Encrypt(bytes, RSAEncryptionPadding.Pkcs1)));

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(body), Ct));

        Assert.Equal(CallbackRejection.Undecryptable, ex.Rejection);
        var kek = Assert.IsType<BouncyCastleRsaKeyEncryptionKey>(client.Transport.Session.KeyRing.Keys[0]);
        await Assert.ThrowsAsync<CryptographicException>(async () => await kek.UnwrapAsync(new byte[256], Ct));
    }

    [Fact]
    public async Task A_callback_reads_the_same_through_BouncyCastle()
    {
        await using var provider = Provider(new FakeIAmSmartHandler(), b => b.UseBouncyCastle());

        var callback = await provider.GetRequiredService<IAmSmartClient>().Callbacks.ReadAsync(
            Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1"))), Ct);

        Assert.Equal("b1", callback.BusinessId);
        Assert.Equal("s1", callback.State);
    }

    [Fact]
    public void A_retired_key_cannot_encrypt_through_BouncyCastle_either()
    {
        var key = new ContentKey(new byte[32]);
        key.Retire();

        Assert.Throws<ObjectDisposedException>(() => CryptoProvider.Get(CryptoProvider.BouncyCastle).Cipher.Encrypt("{}"u8, key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SM3withSM2_result_verifies_up_to_the_chain_and_a_tampered_one_fails_the_signature(bool plainSignature)
    {
        var (keys, certificate) = Sm2Signer("CN=SM2 Test Signer");
        var hashCode = SHA256.HashData("a document"u8);
        var signer = new SM2Signer(plainSignature ? PlainDsaEncoding.Instance : StandardDsaEncoding.Instance);
        signer.Init(true, new ParametersWithRandom(keys.Private, new SecureRandom())); // the default user ID, 1234567812345678
        signer.BlockUpdate(hashCode);
        var signature = signer.GenerateSignature();

        var valid = Verify(certificate, hashCode, signature, HashSigningConvention.HashCodeIsMessage);
        var tampered = Verify(certificate, SHA256.HashData("another document"u8), signature, HashSigningConvention.HashCodeIsMessage);

        // No trust anchors here: signature, key usage and validity pass, and only the chain is left to fail.
        Assert.Equal(SignatureCheck.Chain, valid.FailedCheck);
        Assert.Equal(SignatureCheck.Signature, tampered.FailedCheck);
    }

    [Fact]
    public void A_plain_SM2_signature_that_starts_with_the_DER_sequence_tag_still_verifies()
    {
        // One plain r ‖ s signature in 256 starts with 0x30; it used to be read as DER and refused (a flaky test found it).
        var (keys, certificate) = Sm2Signer("CN=SM2 Test Signer");
        var hashCode = SHA256.HashData("a document"u8);
        byte[]? signature = null;
        for (var attempt = 0; attempt < 20_000 && signature is null; attempt++)
        {
            var signer = new SM2Signer(PlainDsaEncoding.Instance);
            signer.Init(true, new ParametersWithRandom(keys.Private, new SecureRandom()));
            signer.BlockUpdate(hashCode);
            var candidate = signer.GenerateSignature();
            signature = candidate[0] == 0x30 ? candidate : null;
        }

        Assert.NotNull(signature); // about 1 in 256 per attempt: 20,000 attempts all missing has probability e^-78

        Assert.Equal(SignatureCheck.Chain, Verify(certificate, hashCode, signature, HashSigningConvention.HashCodeIsMessage).FailedCheck);
        Assert.Equal(SignatureCheck.Signature, Verify(certificate, SHA256.HashData("another"u8), signature, HashSigningConvention.HashCodeIsMessage).FailedCheck);
    }

    [Fact]
    public void NONEwithSM2_verifies_over_the_SM3_digest_of_Z_and_the_message_with_the_default_user_id()
    {
        var (keys, certificate) = Sm2Signer("CN=SM2 Test Signer");
        var message = "a document"u8.ToArray();
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(keys.Private, new SecureRandom()), "1234567812345678"u8.ToArray()));
        signer.BlockUpdate(message);
        var signature = signer.GenerateSignature();
        var digest = Sm3OfZAndMessage((ECPublicKeyParameters)keys.Public, "1234567812345678"u8.ToArray(), message);

        Assert.Equal(SignatureCheck.Chain, Verify(certificate, digest, signature, HashSigningConvention.HashCodeIsDigest).FailedCheck);
        digest[0] ^= 1;
        Assert.Equal(SignatureCheck.Signature, Verify(certificate, digest, signature, HashSigningConvention.HashCodeIsDigest).FailedCheck);
    }

    [Fact]
    public void An_SM2_result_without_an_SM2_verifier_fails_the_signature_check_and_says_why()
    {
        var (keys, certificate) = Sm2Signer("CN=SM2 Test Signer");
        var signer = new SM2Signer();
        signer.Init(true, keys.Private);
        signer.BlockUpdate("x"u8);

        var result = Verify(certificate, "x"u8.ToArray(), signer.GenerateSignature(), HashSigningConvention.HashCodeIsMessage, withVerifier: false);

        Assert.Equal(SignatureCheck.Signature, result.FailedCheck);
        Assert.Contains("SM2", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_SM2_signature_by_another_key_fails()
    {
        var (_, certificate) = Sm2Signer("CN=SM2 Test Signer");
        var (otherKeys, _) = Sm2Signer("CN=Someone Else");
        var signer = new SM2Signer();
        signer.Init(true, otherKeys.Private);
        signer.BlockUpdate("x"u8);

        Assert.Equal(SignatureCheck.Signature, Verify(certificate, "x"u8.ToArray(), signer.GenerateSignature(), HashSigningConvention.HashCodeIsMessage).FailedCheck);
    }

    private static SignatureVerificationResult Verify(
        byte[] certificate, byte[] hashCode, byte[] signature, HashSigningConvention convention, bool withVerifier = true)
    {
        var options = new SignatureVerificationOptions
        {
            RevocationMode = X509RevocationMode.NoCheck,
            Convention = convention,
            Sm2Verifier = withVerifier ? BouncyCastleSignatureVerification.Sm2 : null,
        };

        return new HashSignatureVerifier(options).Verify(
            Convert.ToBase64String(hashCode), Convert.ToBase64String(signature), Convert.ToBase64String(certificate), DateTimeOffset.UtcNow);
    }

    // An SM2 key pair made here by BouncyCastle, and a self-signed SM3withSM2 certificate for it.
    private static (AsymmetricCipherKeyPair Keys, byte[] Certificate) Sm2Signer(string subject)
    {
        var curve = GMNamedCurves.GetByName("sm2p256v1");
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(
            new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve), new SecureRandom()));
        var keys = generator.GenerateKeyPair();

        var certificate = new X509V3CertificateGenerator();
        var name = new X509Name(subject);
        certificate.SetSerialNumber(BigInteger.One);
        certificate.SetIssuerDN(name);
        certificate.SetSubjectDN(name);
        certificate.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        certificate.SetNotAfter(DateTime.UtcNow.AddDays(1));
        certificate.SetPublicKey(keys.Public);
        certificate.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        return (keys, certificate.Generate(new Asn1SignatureFactory("SM3WITHSM2", keys.Private)).GetEncoded());
    }

    // GB/T 32918.2 §5.5 and §6.1: e = SM3(Z ‖ M), Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), computed independently here.
    private static byte[] Sm3OfZAndMessage(ECPublicKeyParameters key, byte[] userId, byte[] message)
    {
        var sm3 = new SM3Digest();
        var bits = userId.Length * 8;
        sm3.Update((byte)(bits >> 8));
        sm3.Update((byte)bits);
        sm3.BlockUpdate(userId);
        var p = key.Parameters;
        foreach (var element in new[] { p.Curve.A, p.Curve.B, p.G.AffineXCoord, p.G.AffineYCoord, key.Q.AffineXCoord, key.Q.AffineYCoord })
        {
            sm3.BlockUpdate(element.GetEncoded());
        }

        var z = new byte[32];
        sm3.DoFinal(z);
        sm3.BlockUpdate(z);
        sm3.BlockUpdate(message);
        var e = new byte[32];
        sm3.DoFinal(e);
        return e;
    }

    private static ServiceProvider Provider(FakeIAmSmartHandler handler, Action<IAmSmartBuilder> configure, Action<IServiceCollection>? registerFirst = null)
    {
        var services = new ServiceCollection();
        registerFirst?.Invoke(services);
        services.AddIAmSmart(b =>
        {
            b.Configure(o =>
            {
                var vector = VectorClient.Options();
                o.Environment = vector.Environment;
                o.BaseUrl = vector.BaseUrl;
                o.ClientId = vector.ClientId;
                o.ClientSecret = vector.ClientSecret;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.KeyEncryptionKeys.Add(VectorClient.Kek());
            });
            b.HttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
            configure(b);
        });
        return services.BuildServiceProvider();
    }

    private sealed class Recording(List<int> lengths) : IRandomSource
    {
        public void Fill(Span<byte> destination)
        {
            lock (lengths)
            {
                lengths.Add(destination.Length);
            }

            SystemRandomSource.Instance.Fill(destination);
        }
    }
}
