using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>The helpers the package offers for users' own tests: the callback builder and the test CA.</summary>
public sealed class HelperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallbackBuilder_builds_a_callback_the_client_accepts_for_its_pending_operation_and_refuses_a_tampered_one()
    {
        using var sim = new Sim();
        using var client = IAmSmartClient.Create(sim.Simulator.CreateClientOptions(), sim.Simulator.CreateHandler(), timeProvider: sim.Clock);
        var builder = new CallbackBuilder(Convert.ToBase64String(sim.Simulator.EnciphermentPublicKey.Span));
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var genuine = builder.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State));

        var tampered = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(CallbackBuilder.TamperContent(genuine)), Ct);
        var accepted = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(genuine), Ct);
        var result = await client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);

        Assert.Equal(CallbackRejection.Undecryptable, tampered.Rejection);
        Assert.Equal(CallbackDisposition.Accepted, accepted.Disposition);
        Assert.Equal(CallbackStatus.Succeeded, result.Status);
        Assert.Equal(op.State, result.State);
    }

    [Fact]
    public void CallbackBuilder_refuses_a_key_that_is_not_an_RSA_public_key()
    {
        Assert.Throws<ArgumentException>(() => new CallbackBuilder("not base64!"));
        Assert.Throws<ArgumentException>(() => new CallbackBuilder(Convert.ToBase64String(new byte[16])));
    }

    [Fact]
    public void TestCertificateAuthority_issues_signers_that_chain_to_its_root_and_sign_as_iAM_Smart_does()
    {
        var now = Sim.ClockStart;
        using var ca = new TestCertificateAuthority(now.AddYears(-1));
        using var signer = ca.IssueSigner(now.AddDays(-1), now.AddYears(1), "Test Signer Alpha");
        var hashCode = Convert.ToBase64String(SHA256.HashData("to be signed"u8));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca.TrustAnchors);
        chain.ChainPolicy.ExtraStore.Add(ca.IssuingCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        Assert.True(chain.Build(signer), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(signer.HasPrivateKey);
        Assert.False(ca.Root.HasPrivateKey);
        Assert.Contains("NOT A REAL CA", ca.Root.Subject, StringComparison.Ordinal);

        using var key = signer.GetRSAPublicKey()!;
        var signature = Convert.FromBase64String(TestCertificateAuthority.SignHashCode(signer, hashCode));
        Assert.True(key.VerifyData(Convert.FromBase64String(hashCode), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
