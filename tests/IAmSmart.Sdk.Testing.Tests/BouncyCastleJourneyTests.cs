using System.Text;
using IAmSmart.Sdk.BouncyCastle;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// A full journey with the BouncyCastle provider (<c>UseBouncyCastle()</c>): every request signed, every content
/// encrypted and decrypted, the getKey and callback keys unwrapped through BouncyCastle, against the simulator.
/// </summary>
public sealed class BouncyCastleJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hash_signing_with_login_runs_end_to_end_through_the_BouncyCastle_provider()
    {
        IAmSmartClient? client = null;
        var receipts = new List<CallbackReceipt>();
        using var sim = new Sim(o =>
        {
            o.CertificateAuthority = SigningSim.AuthorityOnTestClock.Value;
            o.CallbackSink = SimulatorCallbackSinks.Delegate(async (callback, cancellationToken) =>
                receipts.Add(await client!.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, cancellationToken)));
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(sim.Clock);
        services.AddIAmSmart(b => b.UseSimulator(sim.Simulator).UseBouncyCastle());
        await using var provider = services.BuildServiceProvider();
        client = provider.GetRequiredService<IAmSmartClient>();
        Assert.IsType<BouncyCastleContentCipher>(provider.GetRequiredService<IContentCipher>());
        Assert.IsType<BouncyCastleRequestSigner>(provider.GetRequiredService<IRequestSigner>());
        Assert.IsType<BouncyCastleRsaKeyEncryptionKey>(Assert.Single(provider.GetRequiredService<KeyEncryptionKeyRing>().Keys));

        var persona = SimulatorPersonas.ChanTaiMan;
        var token = await client.Auth.GetTokenAsync(sim.LoginCode(persona), Ct);
        var hashCode = SigningWithLoginJourneyTests.HashOf("Loan agreement, BouncyCastle journey");
        var operation = await client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        var initiation = await client.Signing.InitiateHashSigningAsync(
            SigningWithLoginJourneyTests.HashRequest(token, operation, hashCode, HkicHash.Compute(persona.Identification)), Ct);
        Assert.True(initiation.IsStarted);
        sim.Clock.Advance(persona.Behaviour.Delay);
        var delivered = await sim.Simulator.DeliverDueCallbacksAsync(Ct);
        var outcome = await client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);

        Assert.Equal(1, delivered.Count(d => d.Delivered));
        Assert.Single(receipts);
        Assert.True(outcome.IsSigned);
        Assert.Equal(hashCode, outcome.Result.HashCode);
        var verification = new SignatureVerificationOptions
        {
            RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            TimeProvider = sim.Clock,
            Sm2Verifier = provider.GetRequiredService<ISm2SignatureVerifier>(),
        };
        verification.TrustAnchors.AddRange(sim.Simulator.CertificateAuthority.TrustAnchors);
        verification.Intermediates.Add(sim.Simulator.CertificateAuthority.IssuingCertificate);
        var result = client.Signing.Verify(outcome.Result, hashCode, verification);
        Assert.True(result.IsValid, result.Detail);
        await client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Accepted, Ct);
    }
}
