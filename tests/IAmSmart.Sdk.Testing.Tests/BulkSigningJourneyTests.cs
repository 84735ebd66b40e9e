using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// Bulk signing (addendum §A4) through the SDK against the simulator: initiate, the BSQC token callback, paged
/// multipart result callbacks, each document verified; rejection, partial failure, cancel, enquire, per-document ack,
/// and the anonymous flow with its ticket login and getBSQCToken.
/// </summary>
public sealed class BulkSigningJourneyTests : IDisposable
{
    private static readonly Uri TokenUri = new("https://e-service.example/iamsmart/callback/bulk-signing");

    private readonly Sim _sim;
    private readonly ConcurrentQueue<CallbackReceipt> _receipts = new();

    public BulkSigningJourneyTests()
    {
        // Bulk callbacks go to the bulk endpoint, as MapIAmSmartBulkSigningCallbacks would pass them.
        _sim = new Sim(o =>
        {
            o.CertificateAuthority = SigningSim.AuthorityOnTestClock.Value;
            o.CallbackSink = SimulatorCallbackSinks.Delegate(async (callback, ct) =>
                _receipts.Enqueue(await Client!.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct)));
        });
        Client = IAmSmartClient.Create(_sim.Simulator.CreateClientOptions(), _sim.Simulator.CreateHandler(), timeProvider: _sim.Clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAmSmartClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        _sim.Dispose();
    }

    private Task<AccessToken> LoginAsync(string personaId)
        => Client.Auth.GetTokenAsync(_sim.LoginCode(_sim.Simulator.GetPersona(personaId), "eidapi_auth", "eidapi_bulksign"), Ct);

    private async Task<int> DeliverAsync() => (await _sim.Simulator.DeliverDueCallbacksAsync(Ct)).Count(r => r.Delivered);

    private static BulkSigningRequest Request(AccessToken token, IReadOnlyList<BulkSigningDocument> documents, int? max = null) => new()
    {
        AccessToken = token,
        TokenCallbackUri = TokenUri,
        ResultCallbackUri = TokenUri,
        Source = IAmSmartSource.PcBrowser,
        Department = "Simulated Bank",
        ServiceName = "Account opening",
        RequestName = "Account-opening pack",
        MaxSignaturesPerCallback = max,
        Documents = documents,
    };

    private static BulkHashDocument Hash(string id) => new() { Id = id, DocumentName = "Document " + id, HashCode = SigningWithLoginJourneyTests.HashOf("Invented document " + id) };

    private SignatureVerificationOptions TrustSimulatorRoot()
    {
        var options = new SignatureVerificationOptions { RevocationMode = X509RevocationMode.NoCheck, TimeProvider = _sim.Clock };
        options.TrustAnchors.AddRange(_sim.Simulator.CertificateAuthority.TrustAnchors);
        options.Intermediates.Add(_sim.Simulator.CertificateAuthority.IssuingCertificate);
        return options;
    }

    [Fact]
    public async Task Two_pdfs_and_a_hash_are_signed_in_paged_callbacks_and_each_verifies()
    {
        var token = await LoginAsync("bulk-approves-all");
        var first = PdfSigningHelper.CreatePrepared("Invented client agreement");
        var second = PdfSigningHelper.CreatePrepared("Invented risk disclosure");
        var hash = Hash("w8");
        BulkSigningDocument[] documents =
        [
            new BulkPdfDocument { Id = "agreement", DocumentName = "Client agreement", DocDigest = first.DocDigest },
            new BulkPdfDocument { Id = "disclosure", DocumentName = "Risk disclosure", DocDigest = second.DocDigest },
            hash,
        ];

        var operation = await Client.Signing.StartBulkSigningAsync(Request(token, documents, max: 2), Ct);
        Assert.True(operation.Initiation!.IsStarted);
        Assert.True(operation.Initiation.AuthByQr);

        Assert.Equal(3, await DeliverAsync()); // the BSQC token and two pages (n = 3, m = 2)
        Assert.All(_receipts, r => Assert.True(r.IsAcknowledged, r.ToString()));
        var outcome = await operation.WaitForCompletionAsync(Ct);

        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(0, outcome.FailedCount);
        Assert.Equal(["agreement", "disclosure", "w8"], outcome.Documents.Select(d => d.Id));
        foreach (var (id, prepared) in new[] { ("agreement", first), ("disclosure", second) })
        {
            var (_, verification) = PdfSigningHelper.EmbedAndVerify(prepared, outcome.Find(id)!.PdfResult!, _sim.Simulator.CertificateAuthority.TrustAnchors, _sim.Clock);
            Assert.True(verification.IsValid, verification.ToString());
        }

        var hashVerification = Client.Signing.Verify(outcome.Find("w8")!.HashResult!, hash.HashCode, TrustSimulatorRoot());
        Assert.True(hashVerification.IsValid, hashVerification.Detail);

        var bsqc = await Client.Signing.FindBulkSigningTokenAsync(operation.BusinessId, Ct);
        var reference = new BulkSigningReference(bsqc!, operation.BusinessId, token.OpenId);
        Assert.Equal(BulkSigningStatus.SigningCompleted, (await Client.Signing.GetBulkSigningStatusAsync(reference, Ct)).Status);
        Assert.False(await Client.Signing.CancelBulkSigningAsync(reference, Ct)); // D71007: no longer pending
        await Client.Signing.AcknowledgeBulkSigningAsync(
            operation.BusinessId, [.. outcome.Documents.Select(d => new BulkDocumentAcknowledgement(d.Id, SigningAcknowledgement.Accepted))], Ct);
    }

    [Fact]
    public async Task A_persona_that_lets_some_documents_fail_gets_an_outcome_per_document()
    {
        var token = await LoginAsync("bulk-some-fail");
        var operation = await Client.Signing.StartBulkSigningAsync(Request(token, [Hash("a"), Hash("b"), Hash("c"), Hash("d")]), Ct);

        Assert.Equal(2, await DeliverAsync());
        var outcome = await operation.WaitForCompletionAsync(Ct);

        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(2, outcome.FailedCount);
        Assert.Equal([true, false, true, false], outcome.Documents.Select(d => d.IsSigned));
    }

    [Fact]
    public async Task A_persona_that_rejects_all_ends_the_operation_with_D71001_and_nothing_signed()
    {
        var token = await LoginAsync("bulk-rejects-all");
        var operation = await Client.Signing.StartBulkSigningAsync(Request(token, [Hash("a"), Hash("b")]), Ct);

        Assert.Equal(2, await DeliverAsync());
        var outcome = await operation.WaitForCompletionAsync(Ct);

        Assert.Equal(SigningStatus.Rejected, outcome.Status);
        Assert.Equal("D71001", outcome.Code);
        Assert.Empty(outcome.Documents);
    }

    [Fact]
    public async Task A_pending_request_can_be_cancelled_once_and_then_reports_SS004()
    {
        var token = await LoginAsync("slow-approver");
        var operation = await Client.Signing.StartBulkSigningAsync(Request(token, [Hash("a")]), Ct);
        Assert.Equal(1, await DeliverAsync()); // the token only: the user has not answered
        var reference = new BulkSigningReference((await Client.Signing.FindBulkSigningTokenAsync(operation.BusinessId, Ct))!, operation.BusinessId, token.OpenId);
        Assert.Equal(BulkSigningStatus.PendingForSigning, (await Client.Signing.GetBulkSigningStatusAsync(reference, Ct)).Status);

        Assert.True(await Client.Signing.CancelBulkSigningAsync(reference, Ct));
        Assert.False(await Client.Signing.CancelBulkSigningAsync(reference, Ct));

        Assert.Equal(BulkSigningStatus.SigningCancelled, (await Client.Signing.GetBulkSigningStatusAsync(reference, Ct)).Status);
        _sim.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, await DeliverAsync());
        var unknown = reference with { BsqcToken = "0000" };
        var error = await Assert.ThrowsAnyAsync<IAmSmartException>(() => Client.Signing.GetBulkSigningStatusAsync(unknown, Ct));
        Assert.Equal("D71008", error.Code);
    }

    [Fact]
    public async Task A_user_who_cannot_sign_is_refused_at_once()
    {
        var token = await Client.Auth.GetTokenAsync(_sim.LoginCode(SimulatorPersonas.NotSigningCapable, "eidapi_auth", "eidapi_bulksign"), Ct);
        var request = Request(token, [Hash("a")]);

        var operation = await Client.Signing.StartBulkSigningAsync(new BulkSigningRequest
        {
            AccessToken = new AccessToken(token.Token, token.OpenId, token.IssuedAt, token.ExpiresAt, IAmSmartUserType.SigningCapable, token.Scopes), // as if the SDK did not know
            TokenCallbackUri = request.TokenCallbackUri,
            ResultCallbackUri = request.ResultCallbackUri,
            Source = request.Source,
            ServiceName = request.ServiceName,
            RequestName = request.RequestName,
            Documents = request.Documents,
        }, Ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(SigningStatus.NotSigningCapable, operation.Value.Status);
        Assert.Equal("D71004", operation.Value.Code);
    }

    [Fact]
    public async Task Anonymous_bulk_signing_logs_in_with_the_ticket_fetches_the_token_and_receives_the_results()
    {
        var persona = SimulatorPersonas.BulkApprovesAll;
        var operation = await Client.Signing.StartAnonymousBulkSigningAsync(new AnonymousBulkSigningRequest
        {
            LoginRedirectUri = Sim.Callback,
            ResultCallbackUri = TokenUri,
            Source = IAmSmartSource.PcBrowser,
            ServiceName = "Claims",
            RequestName = "Claim pack",
            HkicHash = persona.HkicHash,
            Documents = [Hash("a"), Hash("b")],
        }, Ct);
        var initiation = operation.AnonymousInitiation!;

        var login = Client.Auth.CreateLoginUrl(initiation.ToLoginRequest());
        var redirect = _sim.Simulator.Authorize(login.Url, persona.Id);
        var reference = await Client.Signing.CompleteAnonymousBulkSigningLoginAsync(initiation, AuthCallback.Parse(redirect.Location!.Query), Ct);

        Assert.NotNull(reference);
        Assert.Equal(reference.BsqcToken, await Client.Signing.FindBulkSigningTokenAsync(operation.BusinessId, Ct));
        Assert.Equal(1, await DeliverAsync());
        var outcome = await operation.WaitForCompletionAsync(Ct);
        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.All(outcome.Documents, d => Assert.True(d.IsSigned));
        Assert.Equal(BulkSigningStatus.SigningCompleted, (await Client.Signing.GetBulkSigningStatusAsync(reference, Ct)).Status);
    }
}
