using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Consent;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// The one operation object (issue 12 item 5) against the simulator: every function answered by callback starts,
/// stores and cleans up its own operation; it completes by waiting or by polling; and a second instance sharing the
/// store resumes it by businessID and reads the same result without the callback ever reaching it.
/// </summary>
public sealed class OperationObjectJourneyTests : IDisposable
{
    private readonly Sim _sim;
    private readonly InMemoryPendingOperationStore _store;

    public OperationObjectJourneyTests()
    {
        // Callbacks reach instance A only; instance B shares A's store, as two instances behind a load balancer share Redis.
        _sim = new Sim(o => o.CallbackSink = SimulatorCallbackSinks.Delegate(AcceptOnAAsync));
        _store = new InMemoryPendingOperationStore(_sim.Clock);
        A = NewInstance();
        B = NewInstance();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAmSmartClient A { get; }

    private IAmSmartClient B { get; }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
        _sim.Dispose();
    }

    [Fact]
    public async Task Hash_signing_completes_by_polling_and_a_second_instance_resumes_it_with_the_same_result()
    {
        var token = await LoginAsync("chan-tai-man");

        var operation = await A.Signing.StartHashSigningAsync(HashRequest(token), Ct);

        Assert.Same(IAmSmartFunctions.HashSigning, operation.Function);
        Assert.True(operation.Initiation!.IsStarted);
        Assert.NotNull(operation.Initiation.SignCode);
        Assert.Equal("signing", (await _store.GetAsync(operation.BusinessId, Ct))!.Kind);
        Assert.False(await operation.UpdateStatusAsync(Ct));
        Assert.False(operation.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => operation.Value);

        Assert.Equal(1, await DeliverAsync());
        Assert.True(await operation.UpdateStatusAsync(Ct));
        Assert.Equal(SigningStatus.Signed, operation.Value.Status);
        Assert.Same(operation.Value, await operation.WaitForCompletionAsync(Ct));

        var resumed = await B.Signing.ResumeHashSigningAsync(operation.BusinessId, Ct);
        var onB = await resumed.WaitForCompletionAsync(Ct);
        Assert.Null(resumed.Initiation);
        Assert.Equal(SigningStatus.Signed, onB.Status);
        Assert.Equal(operation.Value.Result!.Signature, onB.Result!.Signature);
    }

    [Fact]
    public async Task A_waiter_is_woken_by_the_callback_and_a_pdf_signing_rejected_by_the_user_is_a_value()
    {
        var token = await LoginAsync("always-rejects");
        var operation = await A.Signing.StartPdfSigningAsync(PdfRequest(token), Ct);

        var waiting = operation.WaitForCompletionAsync(Ct);
        Assert.Equal(1, await DeliverAsync());
        var outcome = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(SigningStatus.Rejected, outcome.Status);
        Assert.Equal("D70001", outcome.Code);
    }

    [Fact]
    public async Task A_refusal_at_initiation_completes_the_operation_at_once_and_leaves_nothing_pending()
    {
        var token = await LoginAsync("chan-tai-man");
        var someoneElse = HkicHash.Compute(_sim.Simulator.GetPersona("wong-ka-yan").Identification);

        var operation = await A.Signing.StartHashSigningAsync(HashRequest(token, businessId: "refused-1", hkicHash: someoneElse), Ct);

        Assert.True(operation.HasCompleted);
        Assert.False(operation.Initiation!.IsStarted);
        Assert.Equal(SigningStatus.IdentityMismatch, operation.Value.Status);
        Assert.Equal("D70005", operation.Value.Code);
        Assert.Same(operation.Value, await operation.WaitForCompletionAsync(Ct));
        Assert.Null(await _store.GetAsync("refused-1", Ct));
    }

    [Fact]
    public async Task A_failed_request_leaves_nothing_pending()
    {
        var token = await LoginAsync("chan-tai-man");
        var expired = new AccessToken("not-a-token-iam-smart-issued", token.OpenId, token.IssuedAt, token.ExpiresAt, token.UserType, token.Scopes);

        await Assert.ThrowsAnyAsync<IAmSmartException>(() => A.Signing.StartHashSigningAsync(HashRequest(expired, businessId: "failed-1"), Ct));
        await Assert.ThrowsAnyAsync<IAmSmartException>(() => A.Auth.StartStepUpAsync(StepUpRequest(expired, businessId: "failed-2"), Ct));

        Assert.Null(await _store.GetAsync("failed-1", Ct));
        Assert.Null(await _store.GetAsync("failed-2", Ct));
    }

    [Fact]
    public async Task Step_up_now_has_a_wait_and_an_unanswered_one_times_out_as_a_value()
    {
        var passed = await A.Auth.StartStepUpAsync(StepUpRequest(await LoginAsync("chan-tai-man")), Ct);
        var unanswered = await A.Auth.StartStepUpAsync(StepUpRequest(await LoginAsync("times-out")), Ct);
        Assert.True(passed.Initiation!.AuthByQr);

        Assert.Equal(1, await DeliverAsync());
        Assert.True((await passed.WaitForCompletionAsync(Ct)).IsPassed);

        _sim.Clock.Advance(TimeSpan.FromMinutes(19)); // past the 18-minute operation lifetime, with no callback
        var result = await unanswered.WaitForCompletionAsync(Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => B.Auth.ResumeStepUpAsync(unanswered.BusinessId, Ct)); // expired: nothing to resume
        Assert.False(result.IsPassed);
        Assert.Equal(UserOutcome.TimedOut, result.Outcome);
    }

    [Fact]
    public async Task Profile_request_is_an_operation_whose_result_records_one_receipt_and_resumes_from_its_pending_request()
    {
        var token = await LoginAsync("chan-tai-man");
        var operation = await A.FormFilling.StartProfileAsync(
            new ProfileRequest { AccessToken = token, CallbackUri = Sim.Callback, Fields = [ProfileField.EnName], Source = IAmSmartSource.PcBrowser }, Ct);

        Assert.Same(IAmSmartFunctions.Profile, operation.Function);
        Assert.Equal(operation.BusinessId, operation.Request.BusinessId);
        Assert.Equal(1, await DeliverAsync());

        var resumed = await B.FormFilling.ResumeAsync(operation.Request, Ct);
        var result = await resumed.WaitForCompletionAsync(Ct);

        Assert.Equal(ConsentOutcome.Released, result.Outcome);
        Assert.Equal(["enName"], result.Receipt.FieldsReleased);
        Assert.Same(IAmSmartFunctions.Profile, result.Receipt.Function);
    }

    [Fact]
    public async Task Resuming_an_unknown_id_or_another_function_s_operation_is_refused()
    {
        var token = await LoginAsync("chan-tai-man");
        var signing = await A.Signing.StartHashSigningAsync(HashRequest(token), Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => B.Auth.ResumeStepUpAsync(signing.BusinessId, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => B.Signing.ResumePdfSigningAsync(signing.BusinessId, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => B.Signing.ResumeHashSigningAsync("never-started", Ct));
    }

    [Fact]
    public async Task A_caller_chosen_business_id_is_used_and_a_second_start_with_it_is_refused_before_any_call()
    {
        var token = await LoginAsync("chan-tai-man");

        var first = await A.Signing.StartHashSigningAsync(HashRequest(token, businessId: "loan-2026-0001"), Ct);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => B.Signing.StartHashSigningAsync(HashRequest(token, businessId: "loan-2026-0001"), Ct));

        Assert.Equal("loan-2026-0001", first.BusinessId);
        Assert.Contains("pending already", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("loan-2026-0001", first.ToString(), StringComparison.Ordinal);
    }

    private async Task AcceptOnAAsync(SimulatorCallback callback, CancellationToken cancellationToken)
        => await A.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, cancellationToken);

    private IAmSmartClient NewInstance()
        => IAmSmartClient.Create(_sim.Simulator.CreateClientOptions(), _sim.Simulator.CreateHandler(), timeProvider: _sim.Clock, operationStore: _store);

    private Task<AccessToken> LoginAsync(string personaId)
        => A.Auth.GetTokenAsync(_sim.LoginCode(_sim.Simulator.GetPersona(personaId)), Ct);

    private async Task<int> DeliverAsync()
        => (await _sim.Simulator.DeliverDueCallbacksAsync(Ct)).Count(r => r.Delivered);

    private static HashSigningRequest HashRequest(AccessToken token, string? businessId = null, string? hkicHash = null) => new()
    {
        AccessToken = token,
        CallbackUri = Sim.Callback,
        BusinessId = businessId,
        HkicHash = hkicHash,
        Source = IAmSmartSource.PcBrowser,
        HashCode = SigningWithLoginJourneyTests.HashOf("Loan agreement"),
        Department = "Simulated Bank",
        ServiceName = "Personal loan",
        DocumentName = "Loan agreement",
    };

    private static PdfSigningRequest PdfRequest(AccessToken token) => new()
    {
        AccessToken = token,
        CallbackUri = Sim.Callback,
        Source = IAmSmartSource.PcBrowser,
        DocDigest = SigningWithLoginJourneyTests.HashOf("account-opening.pdf"),
        Department = "Simulated Bank",
        ServiceName = "Account opening",
        DocumentName = "account-opening.pdf",
    };

    private static StepUpRequest StepUpRequest(AccessToken token, string? businessId = null)
        => new() { AccessToken = token, CallbackUri = Sim.Callback, BusinessId = businessId, Source = IAmSmartSource.PcBrowser };
}
