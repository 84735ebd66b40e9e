using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Bulk signing (addendum §A4) through <c>client.Signing</c> against the WireMock mappings: every <c>bdss</c> request
/// the SDK sends is checked in the journal against its sample and field names, every response sample is read back as
/// the typed result, and the generated callbacks (the BSQC token, two multipart result pages, a failure) complete an
/// operation with one outcome per document.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class BulkSigningContractTests(WireMockServer server)
{
    /// <summary><c>bdss/initiateRequest</c> (addendum §A4.2); the CorpID-only <c>clientID_iAM</c> and <c>corpIDSign</c> are never sent.</summary>
    private static readonly ContractFields BulkInitiate = new(
        "bdss-initiate",
        "addendum §A4.2",
        ["businessID", "accessToken", "openID", "redirectURI", "callbackResultURI", "source", "serviceName", "requestName", "documents"],
        ["state", "HKICHash", "department", "maxCallbackSigs", .. StepUpFields]);

    /// <summary><c>bdss/anonymous/initiateRequest</c> (addendum §A4.7): no accessToken, openID, redirectURI or source.</summary>
    private static readonly ContractFields AnonymousBulkInitiate = new(
        "bdss-anonymous-initiate",
        "addendum §A4.7",
        ["businessID", "callbackResultURI", "serviceName", "requestName", "documents"],
        ["state", "HKICHash", "department", "maxCallbackSigs", .. StepUpFields]);

    private static readonly ContractFields BulkToken = new("bdss-getBSQCToken", "addendum §A4.8", ["accessToken", "openID"], []);

    private static readonly ContractFields BulkReference = new("bdss-reference", "addendum §A4.6", ["BSQCToken", "businessID", "openID"], []);

    private static readonly ContractFields BulkAck = new("bdss-ackResult", "addendum §A4.5", ["businessID", "signingResult"], ["signatures"]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static AccessToken BulkToken_(JsonObject sample)
        => new(
            Text(sample, "accessToken"),
            Text(sample, "openID"),
            ContractData.GetKeyIssuedAt,
            ContractData.GetKeyIssuedAt.AddHours(4),
            IAmSmartUserType.SigningCapable,
            new HashSet<IAmSmartScope> { IAmSmartScope.Auth, IAmSmartScope.BulkSign });

    private static List<BulkSigningDocument> Documents(JsonObject sample)
        => [.. sample["documents"]!.AsArray().Select(d => (BulkSigningDocument)(d!["docDigest"] is { } digest
            ? new BulkPdfDocument { Id = Text(d.AsObject(), "id"), DocumentName = Text(d.AsObject(), "documentName"), DocDigest = digest.GetValue<string>() }
            : new BulkHashDocument
            {
                Id = Text(d.AsObject(), "id"),
                DocumentName = Text(d.AsObject(), "documentName"),
                HashCode = Text(d.AsObject(), "hashCode"),
                SignatureAlgorithm = d["sigAlgo"] is { } algorithm ? new SignatureAlgorithm(algorithm.GetValue<string>()) : null,
            }))];

    private static BulkSigningRequest Request(JsonObject s) => new()
    {
        BusinessId = Text(s, "businessID"),
        State = Text(s, "state"),
        AccessToken = BulkToken_(s),
        TokenCallbackUri = new Uri(Uri.UnescapeDataString(Text(s, "redirectURI"))),
        ResultCallbackUri = new Uri(Uri.UnescapeDataString(Text(s, "callbackResultURI"))),
        Source = Source(s),
        HkicHash = Text(s, "HKICHash"),
        Department = Text(s, "department"),
        ServiceName = Text(s, "serviceName"),
        RequestName = Text(s, "requestName"),
        MaxSignaturesPerCallback = s["maxCallbackSigs"]!.GetValue<int>(),
        StepUpMethod = SigningStepUpMethod.Fr,
        StepUpWaitingPeriodHours = s["suaWaitPeriod"]!.GetValue<int>(),
        Documents = Documents(s),
    };

    [Fact]
    public async Task Bulk_signing_with_login_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("bdss-initiate");
        var expected = ContractData.Sample("responses/bdss-initiate.json");

        var operation = await session.Client.Signing.StartBulkSigningAsync(Request(sample), Cancel);

        Assert.Equal(Text(sample, "businessID"), operation.BusinessId);
        Assert.Equal(expected["ticketID"]!.GetValue<string>(), operation.Initiation!.TicketId);
        Assert.Equal(expected["authByQR"]!.GetValue<bool>(), operation.Initiation.AuthByQr);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.BulkSigning, sample, BulkInitiate);
    }

    [Fact]
    public async Task Anonymous_bulk_signing_returns_the_sample_ticket_and_sends_no_login_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("bdss-anonymous-initiate");
        var expected = ContractData.Sample("responses/bdss-anonymous-initiate.json");

        var operation = await session.Client.Signing.StartAnonymousBulkSigningAsync(
            new AnonymousBulkSigningRequest
            {
                BusinessId = Text(sample, "businessID"),
                State = Text(sample, "state"),
                LoginRedirectUri = new Uri("https://rp.example/iamsmart/callback"),
                ResultCallbackUri = new Uri(Uri.UnescapeDataString(Text(sample, "callbackResultURI"))),
                Source = IAmSmartSource.PcBrowser,
                HkicHash = Text(sample, "HKICHash"),
                Department = Text(sample, "department"),
                ServiceName = Text(sample, "serviceName"),
                RequestName = Text(sample, "requestName"),
                Documents = Documents(sample),
            },
            Cancel);

        Assert.Equal(expected["ticketID"]!.GetValue<string>(), operation.AnonymousInitiation!.TicketId);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousBulkSigning, sample, AnonymousBulkInitiate);
    }

    [Fact]
    public async Task GetBSQCToken_returns_the_sample_token()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("bdss-getBSQCToken");

        var token = await session.Client.Signing.GetBulkSigningTokenAsync(BulkToken_(sample), Cancel);

        Assert.Equal(ContractData.Sample("responses/bdss-getBSQCToken.json")["BSQCToken"]!.GetValue<string>(), token);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.BulkSigningToken, sample, BulkToken);
    }

    [Fact]
    public async Task EnquireStatus_reads_the_sample_status_and_cancelRequest_sends_the_same_reference()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("bdss-reference");
        var reference = new BulkSigningReference(Text(sample, "BSQCToken"), Text(sample, "businessID"), Text(sample, "openID"));

        var status = await session.Client.Signing.GetBulkSigningStatusAsync(reference, Cancel);
        var cancelled = await session.Client.Signing.CancelBulkSigningAsync(reference, Cancel);

        Assert.Equal(BulkSigningStatus.SigningInProgress, status.Status);
        Assert.Equal("SS002", status.Value);
        Assert.True(cancelled);
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.BulkSigningStatus.Path, IAmSmartFunctions.BulkSigningCancel.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        foreach (var logged in journal.Skip(1))
        {
            AssertSentAsContracted(RequestJournal.AssertHonoursContract(logged, ContractData.GetKeyCek), sample, BulkReference);
        }
    }

    [Fact]
    public async Task AckResult_is_sent_for_the_whole_request_and_per_document()
    {
        using var session = await ContractSession.StartAsync(server);
        var whole = Sample("bdss-ackResult");
        var perDocument = Sample("bdss-ackResult-documents");

        await session.Client.Signing.AcknowledgeBulkSigningAsync(Text(whole, "businessID"), new SigningAcknowledgement(Text(whole, "signingResult")), Cancel);
        await session.Client.Signing.AcknowledgeBulkSigningAsync(
            Text(perDocument, "businessID"),
            [.. perDocument["signatures"]!.AsArray().Select(d => new BulkDocumentAcknowledgement(Text(d!.AsObject(), "id"), new SigningAcknowledgement(Text(d.AsObject(), "signingResult"))))],
            Cancel);

        var journal = await session.JournalAsync();
        Assert.Equal(3, journal.Count);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek), whole, BulkAck);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[2], ContractData.GetKeyCek), perDocument, BulkAck);
    }

    [Fact]
    public async Task The_token_and_the_paged_result_callbacks_complete_the_operation_with_each_document_of_the_samples()
    {
        using var session = await ContractSession.StartAsync(server);
        var operation = await session.Client.Signing.StartBulkSigningAsync(Request(Sample("bdss-initiate")), Cancel);

        Assert.Equal(CallbackDisposition.Accepted, (await AcceptAsync(session, "bdss-token")).Disposition);
        Assert.Equal(CallbackDisposition.Accepted, (await AcceptAsync(session, "bdss-result-page2")).Disposition);
        Assert.False(await operation.UpdateStatusAsync(Cancel));
        Assert.Equal(CallbackDisposition.Accepted, (await AcceptAsync(session, "bdss-result-page1")).Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, (await AcceptAsync(session, "bdss-result-page1")).Disposition);

        Assert.True(await operation.UpdateStatusAsync(Cancel));
        var outcome = operation.Value;
        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(ContractData.Sample("callbacks/bdss-token.json")["content"]!["BSQCToken"]!.GetValue<string>(), await session.Client.Signing.FindBulkSigningTokenAsync(operation.BusinessId, Cancel));
        var pdfs = ContractData.Sample("callbacks/bdss-result-page1-sigfile.json").AsArray();
        foreach (var item in pdfs)
        {
            var document = outcome.Find(Text(item!.AsObject(), "id"))!;
            Assert.Equal(Text(item.AsObject(), "docDigest"), document.PdfResult!.DocDigest);
            Assert.Equal(Convert.FromBase64String(Text(item.AsObject(), "pdfSignature")), document.PdfResult.PdfSignature.ToArray());
        }

        var expectedHash = ContractData.Vectors["hashSigning"]!["callbackPayload"]!;
        var hash = outcome.Find("doc-w8ben")!.HashResult!;
        Assert.Equal(ContractData.Text(expectedHash["signature"]), hash.Signature);
        Assert.Equal(ContractData.Text(expectedHash["cert"]), hash.Certificate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedHash["timestamp"]!.GetValue<long>()), hash.Timestamp);
    }

    [Fact]
    public async Task A_failure_with_sigMetada_only_ends_the_operation_as_rejected()
    {
        using var session = await ContractSession.StartAsync(server);
        var operation = await session.Client.Signing.StartBulkSigningAsync(Request(Sample("bdss-initiate")), Cancel);

        Assert.Equal(CallbackDisposition.Accepted, (await AcceptAsync(session, "bdss-rejected")).Disposition);

        Assert.True(await operation.UpdateStatusAsync(Cancel));
        Assert.Equal(SigningStatus.Rejected, operation.Value.Status);
        Assert.Equal("D71001", operation.Value.Code);
    }

    [Theory]
    [InlineData("bdss-token")]
    [InlineData("bdss-result-page1")]
    [InlineData("bdss-result-page2")]
    [InlineData("bdss-rejected")]
    public async Task A_bulk_callback_fixture_decrypts_to_its_sample(string name)
    {
        var fixture = ContractData.Callback(name);
        var body = fixture["body"]!.AsObject();
        var ring = new KeyEncryptionKeyRing([ContractData.CreateKek()]);
        var key = await ring.UnwrapAsync(ContractData.Text(body["secretKey"]), null, null, Cancel);

        var plaintext = JsonNode.Parse(AesGcmContentCipher.Instance.Decrypt(ContractData.Text(body["content"]), key))!;

        var expected = ContractData.Sample(ContractData.Text(fixture["payloadSample"])["samples/".Length..]);
        Assert.True(JsonNode.DeepEquals(expected, plaintext), $"callbacks/{name}.json does not decrypt to its sample: regenerate the fixtures.");
    }

    private static Task<CallbackReceipt> AcceptAsync(ContractSession session, string name)
    {
        var fixture = ContractData.Callback(name);
        return fixture["multipart"] is { } multipart
            ? session.Client.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(Text(multipart.AsObject(), "body")), Text(multipart.AsObject(), "contentType"), Cancel)
            : session.Client.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(fixture["body"]!.ToJsonString()), null, Cancel);
    }

    // getKey, then the function once: signed over the exact logged body, and its content the sample with the contract's names.
    private static void AssertSentOnce(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction operation, JsonObject sample, ContractFields fields)
    {
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek), sample, fields);
        Assert.Equal(200, journal[1].ResponseStatus);
    }
}
