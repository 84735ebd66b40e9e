using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Vectors;

/// <summary>Known-answer tests over every section of the vector file; every expected value is read from the file.</summary>
[Trait("Category", "Vectors")]
public sealed class VectorTests
{
    // Every test over the crypto seams runs once per provider (BCL, BouncyCastle): a new vector file covers both.
    public static TheoryData<string, int> Signatures => CryptoProvider.Cross("requestSignatures");
    public static TheoryData<string, int> Encryptions => CryptoProvider.Cross("contentEncryption");
    public static TheoryData<string, int> FailingDecryptions => CryptoProvider.Cross("contentDecryptionMustFail");
    public static TheoryData<string, int> Callbacks => CryptoProvider.Cross("callbacks");
    public static TheoryData<int> HkicHashes => TestVectors.Indexes("hkicHash");
    public static TheoryData<string> Providers => CryptoProvider.All();

    public static TheoryData<string, int> ForgedHashSignatures
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var provider in CryptoProvider.Names)
            {
                for (var i = 0; i < TestVectors.Object("hashSigning")["mustFail"]!.AsArray().Count; i++)
                {
                    data.Add(provider, i);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Request_signature_matches_the_vector(string provider, int index)
    {
        var v = TestVectors.Section("requestSignatures")[index]!;
        var signer = CryptoProvider.Get(provider).Signer(v.Str("clientSecret"));

        var header = signer.Sign(v.Str("clientID"), v.Str("timestamp"), v.Str("nonce"), v.Str("body"));

        Assert.Equal(v.Str("signatureMethod"), signer.SignatureMethod);
        Assert.Equal(v.Str("signatureHeader"), header);
        Assert.Equal(v.Str("signatureBase64"), WebUtility.UrlDecode(header));
    }

    [Theory]
    [MemberData(nameof(Encryptions))]
    public void Content_encryption_with_the_vector_iv_gives_the_vector_ciphertext(string provider, int index)
    {
        var v = TestVectors.Section("contentEncryption")[index]!;
        var key = ContentKey.FromBase64(v.Str("cek"));
        var crypto = CryptoProvider.Get(provider);

        var content = crypto.Encrypt(Encoding.UTF8.GetBytes(v.Str("plaintext")), key, Convert.FromHexString(v.Str("iv")));

        Assert.Equal(v.Str("content"), content);
        Assert.Equal(v.Str("plaintext"), Encoding.UTF8.GetString(crypto.Cipher.Decrypt(v.Str("content"), key)));

        // The pooled-buffer form (callbacks): the same plaintext at the start of the buffer, nothing after it.
        var destination = new byte[v.Str("content").Length];
        destination.AsSpan().Fill(0xA5);
        var length = crypto.Cipher.Decrypt(Encoding.ASCII.GetBytes(v.Str("content")), key, destination);
        Assert.Equal(v.Str("plaintext"), Encoding.UTF8.GetString(destination, 0, length));
        Assert.All(destination.AsSpan(length, v.Str("content").Length / 4 * 3 - length).ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [MemberData(nameof(FailingDecryptions))]
    public void Decryption_of_bad_content_raises_the_sdk_exception_without_key_material(string provider, int index)
    {
        var v = TestVectors.Section("contentDecryptionMustFail")[index]!;
        var key = ContentKey.FromBase64(v.Str("cek"));

        var ex = Assert.Throws<IAmSmartCryptographyException>(() => CryptoProvider.Get(provider).Cipher.Decrypt(v.Str("content"), key));
        var bcl = Assert.Throws<IAmSmartCryptographyException>(() => AesGcmContentCipher.Instance.Decrypt(v.Str("content"), key));

        Assert.Equal(bcl.Failure, ex.Failure); // the same failure whichever provider decrypts

        // The pooled-buffer form fails the same way and leaves nothing decrypted behind.
        var destination = new byte[v.Str("content").Length / 4 * 3];
        var fromBytes = Assert.Throws<IAmSmartCryptographyException>(
            () => CryptoProvider.Get(provider).Cipher.Decrypt(Encoding.ASCII.GetBytes(v.Str("content")), key, destination));
        Assert.Equal(bcl.Failure, fromBytes.Failure);
        Assert.All(destination, b => Assert.Equal(0, b));

        Assert.Equal(IAmSmartErrorCategory.Cryptography, ex.Category);
        Assert.DoesNotContain(v.Str("cek"), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(v.Str("cek"))), ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_kek_form_exposes_the_vector_public_key()
    {
        var kek = TestVectors.Object("kek");
        var expected = Convert.FromBase64String(kek.Str("pubKey"));
        using var fromPem = RsaKeyEncryptionKey.FromPem(kek.Str("privateKeyPkcs8Pem"));
        using var fromPfx = RsaKeyEncryptionKey.FromPkcs12(Convert.FromBase64String(kek.Str("pkcs12Base64")), kek.Str("pkcs12Password"));
        using var certificate = X509Certificate2.CreateFromPem(kek.Str("certificatePem"), kek.Str("privateKeyPkcs8Pem"));
        using var fromCertificate = RsaKeyEncryptionKey.FromCertificate(certificate);

        Assert.Equal(expected, fromPem.SubjectPublicKeyInfo.ToArray());
        Assert.Equal(expected, fromPfx.SubjectPublicKeyInfo.ToArray());
        Assert.Equal(expected, fromCertificate.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void Pkcs12_with_a_wrong_password_is_a_configuration_error()
    {
        var kek = TestVectors.Object("kek");

        var ex = Assert.Throws<IAmSmartConfigurationException>(
            () => RsaKeyEncryptionKey.FromPkcs12(Convert.FromBase64String(kek.Str("pkcs12Base64")), kek.Str("pkcs12Password") + "-wrong"));

        Assert.DoesNotContain(kek.Str("pkcs12Password"), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetKey_unwraps_the_vector_cek_and_keeps_it_for_its_lifetime_on_the_local_clock(string provider)
    {
        var getKey = TestVectors.Object("getKeyResponse");
        var content = getKey["content"]!;
        var lifetime = content.Long("expiresIn") > 1_000_000_000_000 ? content.Long("expiresIn") - content.Long("issueAt") : content.Long("expiresIn");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-21T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var handler = new FakeIAmSmartHandler().OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse());
        var client = CryptoProvider.Get(provider).Client(handler, time);

        var key = await client.ContentKeys.GetAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ContentKey.FromBase64(getKey.Str("expectedCek")), key);
        Assert.Equal(time.GetUtcNow().AddMilliseconds(lifetime), key.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Key_ring_unwraps_getKey_secret_key_chosen_by_pubKey(string provider)
    {
        var getKey = TestVectors.Object("getKeyResponse");
        using var other = new RsaKeyEncryptionKey(RSA.Create(2048));
        var ring = CryptoProvider.Get(provider).Ring(other, VectorClient.Kek());

        var key = await ring.UnwrapAsync(getKey["content"]!.Str("secretKey"), getKey["content"]!.Str("pubKey"), null, TestContext.Current.CancellationToken);

        Assert.Equal(ContentKey.FromBase64(getKey.Str("expectedCek")), key);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GetToken_request_is_the_vector_request_and_the_response_gives_the_vector_token(string provider)
    {
        var crypto = CryptoProvider.Get(provider);
        var v = TestVectors.Object("getToken");
        var (clientId, secret) = TestVectors.Credentials();
        var code = JsonNode.Parse(v.Str("plainRequest"))!.Str("code");

        // The SDK's request body, encrypted with the vector IV, is the vector body; signed with the vector stamp, the vector signature.
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(new GetTokenRequest { Code = code }, AuthJsonContext.Default.GetTokenRequest);
        Assert.Equal(v.Str("plainRequest"), Encoding.UTF8.GetString(plaintext));
        var body = IAmSmartTransport.WrapContent(crypto.Encrypt(plaintext, VectorClient.Cek(), Convert.FromHexString(v.Str("iv"))));
        Assert.Equal(v.Str("requestBody"), body);
        Assert.Equal(v.Str("signatureHeader"), crypto.Signer(secret).Sign(clientId, v.Str("timestamp"), v.Str("nonce"), body));

        // Through the client: the vector response decrypts to the vector token.
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => v["responseEnvelope"]!.ToJson());
        var client = crypto.Client(handler);

        var token = await client.Auth.GetTokenAsync(code, TestContext.Current.CancellationToken);

        var sent = handler.To(IAmSmartFunctions.GetToken.Path).Single();
        var sentContent = JsonNode.Parse(sent.Body)!.Str("content");
        Assert.True(TestVectors.JsonEquals(v.Str("plainRequest"), Encoding.UTF8.GetString(crypto.Cipher.Decrypt(sentContent, VectorClient.Cek()))));
        var expected = v["expectedToken"]!;
        Assert.Equal(expected.Str("accessToken"), token.Token);
        Assert.Equal(expected.Str("tokenType"), token.TokenType);
        Assert.Equal(expected.Str("openID"), token.OpenId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected.Long("issueAt")), token.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected.Long("issueAt") + expected.Long("expiresIn")), token.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected.Long("lastModifiedDate")), token.LastModifiedAt);
        Assert.Equal(expected.Str("userType") == "sign", token.CanSign);
        Assert.Equal(IAmSmartScope.ParseList(expected.Str("scope")), token.Scopes);
        Assert.Equal(v["responseEnvelope"]!["txID"]?.GetValue<string>(), token.TxId);
    }

    [Theory]
    [MemberData(nameof(Callbacks))]
    public async Task Callback_secret_key_unwraps_to_the_vector_cek_and_content_to_the_payload(string provider, int index)
    {
        var v = TestVectors.Section("callbacks")[index]!;
        var body = v["body"]!;
        var crypto = CryptoProvider.Get(provider);
        var ring = crypto.Ring(VectorClient.Kek());

        var key = await ring.UnwrapAsync(body.Str("secretKey"), null, null, TestContext.Current.CancellationToken);
        var decrypted = JsonNode.Parse(crypto.Cipher.Decrypt(body.Str("content"), key))!;

        Assert.Equal(ContentKey.FromBase64(v.Str("expectedCek")), key);
        var payload = v.Str("shape") == "wrapped" ? decrypted["content"] : decrypted;
        Assert.True(JsonNode.DeepEquals(v["expectedPayload"], payload));
    }

    [Theory]
    [MemberData(nameof(HkicHashes))]
    public void HkicHash_of_the_number_with_or_without_check_digit_is_the_vector_hash(int index)
    {
        var v = TestVectors.Section("hkicHash")[index]!;

        Assert.Equal(v.Str("hkicHash"), HkicHash.Compute(v.Str("hkic")));
        Assert.Equal(v.Str("hkicHash"), HkicHash.Compute(v.Str("identifier")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Hash_signing_vector_verifies_and_chains_to_the_vector_root(string provider)
    {
        var v = TestVectors.Object("hashSigning");
        var payload = v["callbackPayload"]!;

        var result = Verifier(v, provider).Verify(payload.Str("hashCode"), payload.Str("signature"), payload.Str("cert"), WithinCertificateValidity(payload));

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(v.Str("hashCode"), Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(v.Str("document")))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Hash_signing_vector_at_its_own_timestamp_is_valid_exactly_when_the_certificate_was_valid_then(string provider)
    {
        // The public-1 file's timestamp (2019) predates its certificate (2026): the verifier must say so, and only that.
        var v = TestVectors.Object("hashSigning");
        var payload = v["callbackPayload"]!;
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(payload.Long("timestamp"));
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(payload.Str("cert")));
        var certificateValidThen = signedAt.UtcDateTime >= cert.NotBefore.ToUniversalTime() && signedAt.UtcDateTime <= cert.NotAfter.ToUniversalTime();

        var result = Verifier(v, provider).Verify(payload.Str("hashCode"), payload.Str("signature"), payload.Str("cert"), signedAt);

        Assert.Equal(certificateValidThen ? SignatureCheck.None : SignatureCheck.Validity, result.FailedCheck);
    }

    [Theory]
    [MemberData(nameof(ForgedHashSignatures))]
    public void Forged_hash_signature_fails_the_signature_check(string provider, int index)
    {
        var v = TestVectors.Object("hashSigning");
        var forged = v["mustFail"]![index]!;
        var payload = v["callbackPayload"]!;

        var result = Verifier(v, provider).Verify(forged.Str("hashCode"), forged.Str("signature"), payload.Str("cert"), WithinCertificateValidity(payload));

        Assert.Equal(SignatureCheck.Signature, result.FailedCheck);
    }

    [Fact]
    public void Hash_signature_without_the_right_root_fails_the_chain_check()
    {
        var v = TestVectors.Object("hashSigning");
        var payload = v["callbackPayload"]!;
        using var otherRoot = CertificateRequestFor("CN=Unrelated Root").CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-20), DateTimeOffset.UtcNow.AddYears(20));
        var options = new SignatureVerificationOptions
        {
            RevocationMode = X509RevocationMode.NoCheck,
            TimeProvider = new FakeTimeProvider(WithinCertificateValidity(payload)),
        };
        options.TrustAnchors.Add(otherRoot);
        options.Intermediates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(v.Str("intermediate"))));

        var result = new HashSignatureVerifier(options).Verify(payload.Str("hashCode"), payload.Str("signature"), payload.Str("cert"), WithinCertificateValidity(payload));

        Assert.Equal(SignatureCheck.Chain, result.FailedCheck);
    }

    /// <summary>The middle of the signer certificate's validity: a signing time at which only signature and chain can fail.</summary>
    private static DateTimeOffset WithinCertificateValidity(JsonNode payload)
    {
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(payload.Str("cert")));
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime());
        return notBefore + ((new DateTimeOffset(cert.NotAfter.ToUniversalTime()) - notBefore) / 2);
    }

    private static HashSignatureVerifier Verifier(JsonNode hashSigning, string provider)
    {
        // The vector's test CA publishes no revocation information; its chain is checked at a time the vector's
        // certificates are valid, so that the tests pass for any vector file of this schema, whatever today's date.
        var options = new SignatureVerificationOptions
        {
            RevocationMode = X509RevocationMode.NoCheck,
            TimeProvider = new FakeTimeProvider(WithinCertificateValidity(hashSigning["callbackPayload"]!)),
            Sm2Verifier = CryptoProvider.Get(provider).Sm2Verifier,
        };
        options.TrustAnchors.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(hashSigning.Str("trustedRoot"))));
        options.Intermediates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(hashSigning.Str("intermediate"))));
        return new HashSignatureVerifier(options);
    }

    private static CertificateRequest CertificateRequestFor(string subject)
    {
        var request = new CertificateRequest(subject, RSA.Create(2048), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request;
    }
}
