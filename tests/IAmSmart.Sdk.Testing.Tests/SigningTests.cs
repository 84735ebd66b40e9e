using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>Signing results are real: RSA signatures and detached CMS made with the persona's test certificate.</summary>
public sealed class SigningTests
{
    private static readonly byte[] Document = "Account opening form for an invented customer"u8.ToArray();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject SigningRequest(JsonObject token, string businessId, string digestName, string digest, string? hkicHash = null)
    {
        var request = new JsonObject
        {
            ["businessID"] = businessId,
            ["accessToken"] = (string)token["accessToken"]!,
            ["openID"] = (string)token["openID"]!,
            ["source"] = "PC_Browser",
            ["state"] = "st-" + businessId,
            ["redirectURI"] = Sim.Callback.AbsoluteUri,
            [digestName] = digest,
            ["department"] = "Simulated Bank",
            ["serviceName"] = "Account opening",
            ["documentName"] = "form.pdf",
        };
        if (hkicHash is not null)
        {
            request["HKICHash"] = hkicHash;
        }

        return request;
    }

    private static async Task<JsonObject> SignedResultAsync(Sim sim, RawClient raw, SimulatorPersona persona, string path, string digestName, string digest)
    {
        var token = await raw.GetTokenAsync(sim.LoginCode(persona));
        var reply = await raw.CallAsync(path, SigningRequest(token, "sig1", digestName, digest, persona.HkicHash));
        Assert.Equal("D00000", reply.Code);
        Assert.Matches("^[0-9]{4}$", (string)reply.Content!["signCode"]!);
        var delivered = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
        Assert.Equal("D00000", delivered.Callback.Code);
        return (await CallbackReader.ReadAsync(sim.Simulator, delivered.Callback)).Plaintext["content"]!.AsObject();
    }

    [Fact]
    public async Task Hash_signature_verifies_with_the_persona_certificate_which_chains_to_the_test_root()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var hashCode = Convert.ToBase64String(SHA256.HashData(Document));
        var result = await SignedResultAsync(sim, raw, SimulatorPersonas.ChanTaiMan, "account/signing/initiateRequest", "hashCode", hashCode);

        Assert.Equal(hashCode, (string?)result["hashCode"]);
        Assert.Equal(sim.Clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)result["timestamp"]!);
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String((string)result["cert"]!));
        using var publicKey = cert.GetRSAPublicKey()!;
        var signature = Convert.FromBase64String((string)result["signature"]!);
        Assert.True(publicKey.VerifyData(Convert.FromBase64String(hashCode), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyData(Document, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(2048, publicKey.KeySize);
        AssertChainsToTestRoot(sim.Simulator, cert);
    }

    [Fact]
    public async Task Pdf_signature_is_a_detached_CMS_whose_messageDigest_is_the_docDigest()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var digest = SHA256.HashData(Document);
        var result = await SignedResultAsync(sim, raw, SimulatorPersonas.WongKaYan, "account/pdfsigning/initiateRequest", "docDigest", Convert.ToBase64String(digest));

        var cms = new SignedCms(new ContentInfo(Document), detached: true);
        cms.Decode(Convert.FromBase64String((string)result["pdfSignature"]!));
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        var messageDigest = signer.SignedAttributes.Cast<CryptographicAttributeObject>().Single(a => a.Oid.Value == "1.2.840.113549.1.9.4");
        Assert.Equal(digest, new Pkcs9MessageDigest { RawData = messageDigest.Values[0].RawData }.MessageDigest);
        cms.CheckSignature(verifySignatureOnly: true); // throws if the signature or the digest is wrong
        Assert.Equal(SimulatorPersonas.WongKaYan.Id, signer.Certificate!.GetNameInfo(X509NameType.SimpleName, false).Split(' ')[^1]);
        AssertChainsToTestRoot(sim.Simulator, signer.Certificate);

        var tampered = new SignedCms(new ContentInfo([.. Document, 0x20]), detached: true);
        tampered.Decode(Convert.FromBase64String((string)result["pdfSignature"]!));
        Assert.ThrowsAny<CryptographicException>(() => tampered.CheckSignature(verifySignatureOnly: true));
    }

    [Fact]
    public async Task User_who_is_not_iAM_Smart_plus_gets_D70004()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.NotSigningCapable));
        Assert.Equal("default", (string?)token["userType"]);
        var reply = await raw.CallAsync("account/signing/initiateRequest", SigningRequest(token, "sig1", "hashCode", Convert.ToBase64String(SHA256.HashData(Document))));
        Assert.Equal("D70004", reply.Code);
    }

    [Fact]
    public async Task HKICHash_of_another_person_gets_D70005()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        var reply = await raw.CallAsync(
            "account/pdfsigning/initiateRequest",
            SigningRequest(token, "sig1", "docDigest", Convert.ToBase64String(SHA256.HashData(Document)), SimulatorPersonas.WongKaYan.HkicHash));
        Assert.Equal("D70005", reply.Code);
    }

    [Fact]
    public async Task Ack_is_accepted_for_a_signed_request_and_refused_for_an_unknown_one()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        await SignedResultAsync(sim, raw, SimulatorPersonas.ChanTaiMan, "account/signing/initiateRequest", "hashCode", Convert.ToBase64String(SHA256.HashData(Document)));
        Assert.Equal("D00000", (await raw.CallAsync("account/signing/ackResult", new JsonObject { ["businessID"] = "sig1", ["signingResult"] = "SR001" })).Code);
        Assert.Equal("D70006", (await raw.CallAsync("account/signing/ackResult", new JsonObject { ["businessID"] = "nope", ["signingResult"] = "SR001" })).Code);
        Assert.Equal("D20003", (await raw.CallAsync("account/signing/ackResult", new JsonObject { ["businessID"] = "sig1", ["signingResult"] = "OK" })).Code);
    }

    [Fact]
    public void Trust_anchors_expose_the_root_and_the_persona_certificate_chains_to_it()
    {
        using var sim = new Sim();
        var ca = sim.Simulator.CertificateAuthority;
        Assert.Equal(ca.RootCertificate, Assert.Single(ca.TrustAnchors));
        Assert.False(ca.RootCertificate.HasPrivateKey);
        using var cert = ca.GetCertificate(SimulatorPersonas.LongName);
        Assert.False(cert.HasPrivateKey);
        AssertChainsToTestRoot(sim.Simulator, cert);
    }

    private static void AssertChainsToTestRoot(IAmSmartSimulator simulator, X509Certificate2 cert)
    {
        using var chain = new X509Chain { ChainPolicy = simulator.CertificateAuthority.CreateChainPolicy() };
        Assert.True(chain.Build(cert), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(3, chain.ChainElements.Count);
        Assert.Equal(simulator.CertificateAuthority.RootCertificate.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }
}
