using System.Collections.Concurrent;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// <see cref="SimulatorOptions.EncryptBulkSignatureFile"/>: the result pages send <c>sigFile</c> encrypted under the
/// page's content key (addendum §A3.3 [G]), and the SDK reads them as it reads the clear ones.
/// </summary>
public sealed class BulkSigningEncryptedFileTests : IDisposable
{
    private static readonly Uri CallbackUri = new("https://e-service.example/iamsmart/callback/bulk-signing");

    private readonly Sim _sim;
    private readonly ConcurrentQueue<(SimulatorCallback Callback, CallbackReceipt Receipt)> _delivered = new();

    public BulkSigningEncryptedFileTests()
    {
        _sim = new Sim(o =>
        {
            o.EncryptBulkSignatureFile = true;
            o.CertificateAuthority = SigningSim.AuthorityOnTestClock.Value;
            o.CallbackSink = SimulatorCallbackSinks.Delegate(async (callback, ct) =>
                _delivered.Enqueue((callback, await Client!.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, ct))));
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

    [Fact]
    public async Task Encrypted_signature_files_are_sent_without_clear_text_and_read_into_the_same_outcome()
    {
        var token = await Client.Auth.GetTokenAsync(_sim.LoginCode(_sim.Simulator.GetPersona("bulk-some-fail"), "eidapi_auth", "eidapi_bulksign"), Ct);
        BulkSigningDocument[] documents =
        [
            .. Enumerable.Range(1, 4).Select(i => new BulkHashDocument
            {
                Id = "doc" + i, DocumentName = "Invented document " + i, HashCode = SigningWithLoginJourneyTests.HashOf("Invented document " + i),
            }),
        ];
        var operation = await Client.Signing.StartBulkSigningAsync(new BulkSigningRequest
        {
            AccessToken = token,
            TokenCallbackUri = CallbackUri,
            ResultCallbackUri = CallbackUri,
            Source = IAmSmartSource.PcBrowser,
            ServiceName = "Account opening",
            RequestName = "Account-opening pack",
            MaxSignaturesPerCallback = 3,
            Documents = documents,
        }, Ct);

        await _sim.Simulator.DeliverDueCallbacksAsync(Ct);
        var outcome = await operation.WaitForCompletionAsync(Ct);

        var pages = _delivered.Where(d => d.Callback.ContentType?.StartsWith("multipart/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(2, pages.Count); // n = 4, m = 3
        Assert.All(_delivered, d => Assert.True(d.Receipt.IsAcknowledged, d.Receipt.ToString()));
        Assert.All(pages, p =>
        {
            Assert.Contains("name=\"sigFile\"", p.Callback.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"signatures\":", p.Callback.Body, StringComparison.Ordinal); // no clear sigFile text
        });
        Assert.Equal(["doc1", "doc2", "doc3", "doc4"], outcome.Documents.Select(d => d.Id));
        Assert.Equal(2, outcome.FailedCount); // the persona fails every second document
        Assert.All(outcome.Documents.Where(d => d.IsSigned), d => Assert.NotNull(d.HashResult));
    }
}
