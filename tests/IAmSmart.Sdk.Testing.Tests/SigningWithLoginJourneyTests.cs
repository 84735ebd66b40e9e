using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Pdf;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Certificates;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// Signing with login through the SDK against the simulator: login, begin, initiate, show the sign code, callback,
/// wait, verify against the configured test root, acknowledge. Every persona that can sign and approves, hash and PDF.
/// </summary>
public sealed class SigningWithLoginJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> SigningPersonas => new(
        SimulatorPersonas.All.Where(p => p.CanSign && p.Behaviour.Action == UserAction.Approve).Select(p => p.Id));

    internal static HashSigningRequest HashRequest(AccessToken token, PendingOperation operation, string hashCode, string? hkicHash = null, IAmSmartSource? source = null, SignatureAlgorithm? algorithm = null) => new()
    {
        AccessToken = token,
        CallbackUri = Sim.Callback,
        BusinessId = operation.BusinessId,
        State = operation.State,
        Source = source ?? IAmSmartSource.PcBrowser,
        HashCode = hashCode,
        HkicHash = hkicHash,
        SignatureAlgorithm = algorithm,
        Department = "Simulated Bank",
        ServiceName = "Personal loan",
        DocumentName = "Loan agreement",
    };

    internal static PdfSigningRequest PdfRequest(AccessToken token, PendingOperation operation, string docDigest, string? hkicHash = null) => new()
    {
        AccessToken = token,
        CallbackUri = Sim.Callback,
        BusinessId = operation.BusinessId,
        State = operation.State,
        Source = IAmSmartSource.PcBrowser,
        DocDigest = docDigest,
        HkicHash = hkicHash,
        Department = "Simulated Bank",
        ServiceName = "Account opening",
        DocumentName = "account-opening.pdf",
    };

    internal static string HashOf(string document) => Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document)));

    /// <summary>The time a slow persona takes, so the test can move the clock past it.</summary>
    private static TimeSpan Delay(SimulatorPersona persona) => persona.Behaviour.Delay;

    [Theory]
    [MemberData(nameof(SigningPersonas))]
    public async Task Hash_signing_with_login_is_signed_verifies_to_the_test_root_and_is_acknowledged(string personaId)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);
        var token = await s.LoginAsync(persona);
        var hashCode = HashOf("Loan agreement for " + personaId);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        var requestedAt = s.Sim.Clock.GetUtcNow();

        var initiation = await s.Client.Signing.InitiateHashSigningAsync(HashRequest(token, operation, hashCode, HkicHash.Compute(persona.Identification)), Ct);
        Assert.True(initiation.IsStarted);
        Assert.True(initiation.AuthByQr);
        Assert.Null(initiation.AppLink);
        Assert.Equal(SignCode.ComputeWithLogin(hashCode, token.OpenId), initiation.SignCode); // S4's [I] algorithm, as the simulator implements it
        s.Sim.Clock.Advance(Delay(persona));
        Assert.Equal(1, await s.DeliverAsync());
        var outcome = await s.Client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);

        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.True(outcome.IsSigned);
        Assert.Equal(hashCode, outcome.Result.HashCode);
        Assert.InRange(outcome.Result.Timestamp, requestedAt, s.Sim.Clock.GetUtcNow());
        var verification = s.Client.Signing.Verify(outcome.Result, hashCode, s.TrustSimulatorRoot());
        Assert.True(verification.IsValid, verification.Detail);
        await s.Client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Accepted, Ct);
    }

    [Theory]
    [MemberData(nameof(SigningPersonas))]
    public async Task Pdf_signing_with_login_embeds_into_the_prepared_pdf_and_verifies_to_the_test_root(string personaId)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);
        var token = await s.LoginAsync(persona);
        var prepared = PdfSigningHelper.CreatePrepared("Account opening for " + personaId);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);

        var initiation = await s.Client.Signing.InitiatePdfSigningAsync(PdfRequest(token, operation, prepared.DocDigest, persona.HkicHash), Ct);
        Assert.Matches("^[0-9]{4}$", initiation.SignCode!);
        s.Sim.Clock.Advance(Delay(persona));
        await s.DeliverAsync();
        var outcome = await s.Client.Signing.WaitForPdfSigningAsync(operation.BusinessId, Ct);

        Assert.True(outcome.IsSigned);
        Assert.True(prepared.MatchesDocDigest(outcome.Result.DocDigest));
        var (signedPdf, verification) = PdfSigningHelper.EmbedAndVerify(prepared, outcome.Result, s.Simulator.CertificateAuthority.TrustAnchors, s.Sim.Clock);
        Assert.True(verification.IsValid, verification.FirstFailure?.Detail);
        Assert.Equal(prepared.DocDigest, verification.DocDigest);
        Assert.Equal(prepared.Bytes.Length, signedPdf.Length);
        await s.Client.Signing.AcknowledgeAsync(operation.BusinessId, SigningAcknowledgement.Accepted, Ct);
    }

    [Fact]
    public async Task Same_device_request_gets_a_ticket_and_the_hash_sign_deep_link()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);

        var initiation = await s.Client.Signing.InitiateHashSigningAsync(HashRequest(token, operation, HashOf("doc"), source: IAmSmartSource.IosSafari), Ct);

        Assert.False(initiation.AuthByQr);
        Assert.False(string.IsNullOrEmpty(initiation.TicketId));
        Assert.Equal($"hk.gov.iamsmart.testapp://hash-sign?ticketID={initiation.TicketId}", initiation.AppLink!.OriginalString);
    }

    [Fact]
    public async Task NONEwithRSA_signs_the_digest_itself_and_verifies_only_with_the_digest_convention()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.WongKaYan);
        var digest = HashOf("Pre-hashed document");
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);

        await s.Client.Signing.InitiateHashSigningAsync(HashRequest(token, operation, digest, algorithm: SignatureAlgorithm.NoneWithRsa), Ct);
        await s.DeliverAsync();
        var outcome = await s.Client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);

        Assert.True(outcome.IsSigned);
        Assert.True(s.Client.Signing.Verify(outcome.Result, digest, s.TrustSimulatorRoot(HashSigningConvention.HashCodeIsDigest)).IsValid);
        Assert.Equal(SignatureCheck.Signature, s.Client.Signing.Verify(outcome.Result, digest, s.TrustSimulatorRoot()).FailedCheck);
    }

    [Fact]
    public async Task Acknowledgement_SR001_is_accepted_and_one_for_an_unsigned_request_is_refused_with_D70006()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var signed = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        await s.Client.Signing.InitiateHashSigningAsync(HashRequest(token, signed, HashOf("doc")), Ct);
        await s.DeliverAsync();
        s.Simulator.Script.Next(UserBehaviour.Cancel);
        var cancelled = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        await s.Client.Signing.InitiateHashSigningAsync(HashRequest(token, cancelled, HashOf("doc")), Ct);
        await s.DeliverAsync();

        await s.Client.Signing.AcknowledgeAsync(signed.BusinessId, SigningAcknowledgement.Accepted, Ct);
        var refused = await Assert.ThrowsAsync<IAmSmartServiceException>(() => s.Client.Signing.AcknowledgeAsync(cancelled.BusinessId, SigningAcknowledgement.Accepted, Ct));

        Assert.Equal("D70006", refused.Code);
        Assert.Equal(SigningStatus.Cancelled, (await s.Client.Signing.WaitForHashSigningAsync(cancelled.BusinessId, Ct)).Status);
    }

    [Fact]
    public async Task Pdf_signature_for_another_document_is_refused_on_embedding_as_a_digest_mismatch()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var signedDocument = PdfSigningHelper.CreatePrepared("The document the user saw");
        var otherDocument = PdfSigningHelper.CreatePrepared("A different document");
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);
        await s.Client.Signing.InitiatePdfSigningAsync(PdfRequest(token, operation, signedDocument.DocDigest), Ct);
        await s.DeliverAsync();
        var outcome = await s.Client.Signing.WaitForPdfSigningAsync(operation.BusinessId, Ct);

        Assert.False(otherDocument.MatchesDocDigest(outcome.Result!.DocDigest));
        var error = Assert.Throws<PdfSigningException>(() => new PdfDeferredSigner(s.Sim.Clock).Embed(otherDocument, outcome.Result.PdfSignature.Span));
        Assert.Equal(PdfSigningError.DigestMismatch, error.Reason);
    }

    [Fact]
    public async Task Signed_pdf_changed_afterwards_or_checked_against_other_roots_does_not_verify()
    {
        using var s = new SigningSim();
        using var other = new TestCertificateAuthority(s.Sim.Clock.GetUtcNow().AddDays(-1));
        var token = await s.LoginAsync(SimulatorPersonas.LeungPoKei);
        var prepared = PdfSigningHelper.CreatePrepared();
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);
        await s.Client.Signing.InitiatePdfSigningAsync(PdfRequest(token, operation, prepared.DocDigest), Ct);
        await s.DeliverAsync();
        var outcome = await s.Client.Signing.WaitForPdfSigningAsync(operation.BusinessId, Ct);
        var (signedPdf, _) = PdfSigningHelper.EmbedAndVerify(prepared, outcome.Result!, s.Simulator.CertificateAuthority.TrustAnchors, s.Sim.Clock);

        var tampered = (byte[])signedPdf.Clone();
        var title = System.Text.Encoding.Latin1.GetBytes("Invented");
        var at = tampered.AsSpan().IndexOf(title);
        tampered[at] = (byte)'X';
        var verifier = new PdfSignatureVerifier(s.Sim.Clock);

        Assert.False(verifier.Verify(tampered, s.Simulator.CertificateAuthority.TrustAnchors, new PdfVerificationOptions { RevocationMode = X509RevocationMode.NoCheck }).IsValid);
        var foreignRoots = verifier.Verify(signedPdf, [other.Root], new PdfVerificationOptions { RevocationMode = X509RevocationMode.NoCheck });
        Assert.False(foreignRoots.IsValid);
        Assert.Equal(PdfCheckStatus.Failed, foreignRoots.StatusOf(PdfVerificationCheck.CertificateChain));
    }
}
