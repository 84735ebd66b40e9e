using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>Signing with login that does not end in a signature: each user outcome is a value the caller switches on.</summary>
public sealed class SigningOutcomeJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("always-cancels", SigningStatus.Cancelled, "D70000")]
    [InlineData("always-rejects", SigningStatus.Rejected, "D70001")]
    public async Task Persona_who_does_not_sign_calls_back_with_an_outcome(string personaId, SigningStatus status, string code)
    {
        using var s = new SigningSim();
        var persona = s.Simulator.GetPersona(personaId);
        var token = await s.LoginAsync(persona);
        var hash = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        var pdf = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);

        await s.Client.Signing.InitiateHashSigningAsync(SigningWithLoginJourneyTests.HashRequest(token, hash, SigningWithLoginJourneyTests.HashOf("doc")), Ct);
        await s.Client.Signing.InitiatePdfSigningAsync(SigningWithLoginJourneyTests.PdfRequest(token, pdf, PdfSigningHelper.CreatePrepared().DocDigest), Ct);
        Assert.Equal(2, await s.DeliverAsync());
        var hashOutcome = await s.Client.Signing.WaitForHashSigningAsync(hash.BusinessId, Ct);
        var pdfOutcome = await s.Client.Signing.WaitForPdfSigningAsync(pdf.BusinessId, Ct);

        Assert.Equal(status, hashOutcome.Status);
        Assert.Equal(code, hashOutcome.Code);
        Assert.False(hashOutcome.IsSigned);
        Assert.Equal(status, pdfOutcome.Status);
        Assert.All(s.Receipts, r => Assert.Equal(CallbackDisposition.Accepted, r.Disposition));
    }

    [Fact]
    public async Task Persona_who_never_answers_times_out_with_D70003()
    {
        // Wait a little longer than the simulator's 18-minute user timeout, so that its D70003 callback is still accepted.
        using var s = new SigningSim(o => o.PendingOperations.Lifetime = TimeSpan.FromMinutes(20));
        var token = await s.LoginAsync(SimulatorPersonas.TimesOut);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        await s.Client.Signing.InitiateHashSigningAsync(SigningWithLoginJourneyTests.HashRequest(token, operation, SigningWithLoginJourneyTests.HashOf("doc")), Ct);

        Assert.Equal(0, await s.DeliverAsync());
        s.Sim.Clock.Advance(s.Simulator.Options.UserTimeout);
        Assert.Equal(1, await s.DeliverAsync());
        var outcome = await s.Client.Signing.WaitForHashSigningAsync(operation.BusinessId, Ct);

        Assert.Equal(SigningStatus.TimedOut, outcome.Status);
        Assert.Equal("D70003", outcome.Code);
    }

    [Fact]
    public async Task No_callback_before_the_operation_expires_is_timed_out_without_a_code()
    {
        using var s = new SigningSim(o => o.PendingOperations.PollInterval = TimeSpan.FromMilliseconds(20));
        s.Simulator.Options.Faults.DroppedCallbackRate = 1;
        var token = await s.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);
        await s.Client.Signing.InitiatePdfSigningAsync(SigningWithLoginJourneyTests.PdfRequest(token, operation, PdfSigningHelper.CreatePrepared().DocDigest), Ct);
        await s.DeliverAsync();

        var waiting = s.Client.Signing.WaitForPdfSigningAsync(operation.BusinessId, Ct);
        s.Sim.Clock.Advance(s.Client.Settings.PendingOperationLifetime);
        var outcome = await waiting;

        Assert.Equal(SigningStatus.TimedOut, outcome.Status);
        Assert.Null(outcome.Code);
    }

    [Fact]
    public async Task User_who_is_not_iAM_Smart_plus_is_refused_before_any_call()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.NotSigningCapable);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            s.Client.Signing.InitiateHashSigningAsync(SigningWithLoginJourneyTests.HashRequest(token, operation, SigningWithLoginJourneyTests.HashOf("doc")), Ct));

        Assert.False(token.CanSign);
        Assert.Equal("HashSigningRequest.AccessToken", error.ParamName);
        Assert.Equal(0, s.Simulator.PendingCallbackCount);
    }

    [Fact]
    public async Task Not_iAM_Smart_plus_user_with_a_token_of_unknown_type_gets_D70004_from_iAM_Smart_as_a_refusal()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.NotSigningCapable);
        var unknownType = new AccessToken(token.Token, token.OpenId, token.IssuedAt, token.ExpiresAt, IAmSmartUserType.Unknown, token.Scopes);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);

        var initiation = await s.Client.Signing.InitiatePdfSigningAsync(
            SigningWithLoginJourneyTests.PdfRequest(unknownType, operation, PdfSigningHelper.CreatePrepared().DocDigest), Ct);

        Assert.False(initiation.IsStarted);
        Assert.Equal(SigningStatus.NotSigningCapable, initiation.Refusal);
        Assert.Equal("D70004", initiation.Code);
        Assert.NotNull(initiation.TxId);
    }

    [Fact]
    public async Task HKICHash_of_another_person_gets_D70005_as_a_refusal()
    {
        using var s = new SigningSim();
        var token = await s.LoginAsync(SimulatorPersonas.ChanTaiMan);
        var hash = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);
        var pdf = await s.Client.Operations.BeginAsync(IAmSmartFunctions.PdfSigning, Ct);

        var hashInitiation = await s.Client.Signing.InitiateHashSigningAsync(
            SigningWithLoginJourneyTests.HashRequest(token, hash, SigningWithLoginJourneyTests.HashOf("doc"), SimulatorPersonas.WongKaYan.HkicHash), Ct);
        var pdfInitiation = await s.Client.Signing.InitiatePdfSigningAsync(
            SigningWithLoginJourneyTests.PdfRequest(token, pdf, PdfSigningHelper.CreatePrepared().DocDigest, SimulatorPersonas.WongKaYan.HkicHash), Ct);

        Assert.Equal(SigningStatus.IdentityMismatch, hashInitiation.Refusal);
        Assert.Equal("D70005", hashInitiation.Code);
        Assert.Equal(SigningStatus.IdentityMismatch, pdfInitiation.Refusal);
        Assert.Equal(0, s.Simulator.PendingCallbackCount);
    }

    [Fact]
    public async Task Token_without_the_sign_scope_is_refused_before_any_call()
    {
        using var s = new SigningSim();
        var token = await s.Client.Auth.GetTokenAsync(s.Sim.LoginCode(SimulatorPersonas.ChanTaiMan, "eidapi_auth"), Ct);
        var operation = await s.Client.Operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            s.Client.Signing.InitiateHashSigningAsync(SigningWithLoginJourneyTests.HashRequest(token, operation, SigningWithLoginJourneyTests.HashOf("doc")), Ct));

        Assert.Equal("HashSigningRequest.AccessToken", error.ParamName);
        Assert.Contains("eidapi_sign", error.Message, StringComparison.Ordinal);
    }
}
