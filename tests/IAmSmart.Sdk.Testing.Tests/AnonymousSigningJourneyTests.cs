using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// Signing without login through the SDK: initiate (ticket, sign code), the SDK's login URL with the ticket, the user's
/// answer on the simulator's login page, the redirect back, getToken, getResult, verification.
/// </summary>
public sealed class AnonymousSigningJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static AnonymousHashSigningRequest HashRequest(string hashCode, string hkicHash) => new()
    {
        RedirectUri = Sim.Callback,
        BusinessId = IAmSmartState.Generate(),
        State = IAmSmartState.Generate(),
        Source = IAmSmartSource.PcBrowser,
        HashCode = hashCode,
        HkicHash = hkicHash,
        Department = "Simulated Insurer",
        ServiceName = "Claims",
        DocumentName = "Claim form",
    };

    internal static AnonymousPdfSigningRequest PdfRequest(string docDigest, string hkicHash) => new()
    {
        RedirectUri = Sim.Callback,
        BusinessId = IAmSmartState.Generate(),
        State = IAmSmartState.Generate(),
        Source = IAmSmartSource.PcBrowser,
        DocDigest = docDigest,
        HkicHash = hkicHash,
        Department = "Simulated Insurer",
        ServiceName = "Claims",
        DocumentName = "claim.pdf",
    };

    [Theory]
    [MemberData(nameof(SigningWithLoginJourneyTests.SigningPersonas), MemberType = typeof(SigningWithLoginJourneyTests))]
    public async Task Anonymous_hash_signing_returns_a_signature_that_verifies_to_the_test_root(string personaId)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);
        var hashCode = SigningWithLoginJourneyTests.HashOf("Claim form of " + personaId);
        var hkicHash = HkicHash.Compute(persona.Identification + "(" + persona.CheckDigit + ")"); // with check digit: the same hash

        var initiation = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(hashCode, hkicHash), Ct);
        Assert.Equal(SignCode.ComputeAnonymous(hashCode, hkicHash, s.Simulator.ClientId), initiation.SignCode);
        var redirect = s.ScanTicket(initiation, persona);
        var outcome = await s.Client.Signing.CompleteAnonymousHashSigningAsync(initiation, redirect, Ct);

        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(initiation.BusinessId, outcome.BusinessId);
        Assert.Equal(initiation.BusinessId, redirect.BusinessId);
        var verification = s.Client.Signing.Verify(outcome.Result!, hashCode, s.TrustSimulatorRoot());
        Assert.True(verification.IsValid, verification.Detail);
    }

    [Theory]
    [MemberData(nameof(SigningWithLoginJourneyTests.SigningPersonas), MemberType = typeof(SigningWithLoginJourneyTests))]
    public async Task Anonymous_pdf_signing_embeds_and_verifies_to_the_test_root(string personaId)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);
        var prepared = PdfSigningHelper.CreatePrepared("Claim of " + personaId);

        var initiation = await s.Client.Signing.InitiateAnonymousPdfSigningAsync(PdfRequest(prepared.DocDigest, persona.HkicHash), Ct);
        Assert.True(initiation.AuthByQr);
        var outcome = await s.Client.Signing.CompleteAnonymousPdfSigningAsync(initiation, s.ScanTicket(initiation, persona), Ct);

        Assert.True(outcome.IsSigned);
        var (_, verification) = PdfSigningHelper.EmbedAndVerify(prepared, outcome.Result, s.Simulator.CertificateAuthority.TrustAnchors, s.Sim.Clock);
        Assert.True(verification.IsValid, verification.FirstFailure?.Detail);
    }

    [Theory]
    [InlineData("always-cancels", SigningStatus.Cancelled, "D40000")]
    [InlineData("always-rejects", SigningStatus.Rejected, "D40001")]
    [InlineData("times-out", SigningStatus.TimedOut, "D40003")]
    [InlineData("denies-state-only", SigningStatus.Rejected, null)] // addendum §A3.5: only the state comes back
    [InlineData("denies-d20001", SigningStatus.Rejected, "D20001")] // contract §5.3's denial example
    public async Task Persona_who_does_not_sign_at_the_ticket_login_gives_an_outcome(string personaId, SigningStatus status, string? code)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);

        var hash = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(SigningWithLoginJourneyTests.HashOf("doc"), persona.HkicHash), Ct);
        var hashOutcome = await s.Client.Signing.CompleteAnonymousHashSigningAsync(hash, s.ScanTicket(hash, persona), Ct);
        var pdf = await s.Client.Signing.InitiateAnonymousPdfSigningAsync(PdfRequest(PdfSigningHelper.CreatePrepared().DocDigest, persona.HkicHash), Ct);
        var pdfOutcome = await s.Client.Signing.CompleteAnonymousPdfSigningAsync(pdf, s.ScanTicket(pdf, persona), Ct);

        Assert.Equal(status, hashOutcome.Status);
        Assert.Equal(code, hashOutcome.Code);
        Assert.Null(hashOutcome.Result);
        Assert.Equal(status, pdfOutcome.Status);
    }

    [Fact]
    public async Task User_who_is_not_iAM_Smart_plus_gets_D70004_as_an_outcome()
    {
        using var s = new SigningSim();
        var persona = SimulatorPersonas.NotSigningCapable;

        var hash = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(SigningWithLoginJourneyTests.HashOf("doc"), persona.HkicHash), Ct);
        var hashOutcome = await s.Client.Signing.CompleteAnonymousHashSigningAsync(hash, s.ScanTicket(hash, persona), Ct);
        var pdf = await s.Client.Signing.InitiateAnonymousPdfSigningAsync(PdfRequest(PdfSigningHelper.CreatePrepared().DocDigest, persona.HkicHash), Ct);
        var pdfOutcome = await s.Client.Signing.CompleteAnonymousPdfSigningAsync(pdf, s.ScanTicket(pdf, persona), Ct);

        Assert.Equal(SigningStatus.NotSigningCapable, hashOutcome.Status);
        Assert.Equal("D70004", hashOutcome.Code);
        Assert.Equal(SigningStatus.NotSigningCapable, pdfOutcome.Status);
    }

    [Fact]
    public async Task Someone_else_scanning_the_ticket_gets_D70005_as_an_outcome()
    {
        using var s = new SigningSim();
        var intended = SimulatorPersonas.ChanTaiMan;
        var scanner = SimulatorPersonas.Minimal;

        var hash = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(SigningWithLoginJourneyTests.HashOf("doc"), intended.HkicHash), Ct);
        var hashOutcome = await s.Client.Signing.CompleteAnonymousHashSigningAsync(hash, s.ScanTicket(hash, scanner), Ct);
        var pdf = await s.Client.Signing.InitiateAnonymousPdfSigningAsync(PdfRequest(PdfSigningHelper.CreatePrepared().DocDigest, intended.HkicHash), Ct);
        var pdfOutcome = await s.Client.Signing.CompleteAnonymousPdfSigningAsync(pdf, s.ScanTicket(pdf, scanner), Ct);

        Assert.Equal(SigningStatus.IdentityMismatch, hashOutcome.Status);
        Assert.Equal("D70005", hashOutcome.Code);
        Assert.Equal(SigningStatus.IdentityMismatch, pdfOutcome.Status);
    }

    [Fact]
    public async Task Redirect_of_another_signing_request_is_refused()
    {
        using var s = new SigningSim();
        var persona = SimulatorPersonas.ChanTaiMan;
        var first = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(SigningWithLoginJourneyTests.HashOf("one"), persona.HkicHash), Ct);
        var second = await s.Client.Signing.InitiateAnonymousHashSigningAsync(HashRequest(SigningWithLoginJourneyTests.HashOf("two"), persona.HkicHash), Ct);

        var redirectOfSecond = s.ScanTicket(second, persona);

        await Assert.ThrowsAsync<ArgumentException>(() => s.Client.Signing.CompleteAnonymousHashSigningAsync(first, redirectOfSecond, Ct));
    }
}
