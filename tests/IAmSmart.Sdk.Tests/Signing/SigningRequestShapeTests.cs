using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>What goes on the wire: field names and capitalisation exactly as contract §12, in S4's order.</summary>
public sealed class SigningRequestShapeTests
{
    private const string Started = """{"signCode":"0427","authByQR":false,"ticketID":"tk+9"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static System.Text.Json.Nodes.JsonObject Sent(FakeIAmSmartHandler handler, IAmSmartFunction operation)
        => VectorClient.DecryptRequest(handler.To(operation.Path).Single().Body);

    [Fact]
    public async Task Hash_signing_with_login_sends_the_contract_fields_with_HKICHash_capitalised()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, Started);
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(), Ct);

        var sent = Sent(handler, IAmSmartFunctions.HashSigning);
        Assert.Equal(
            ["businessID", "accessToken", "openID", "source", "state", "redirectURI", "hashCode", "HKICHash", "department", "serviceName", "documentName"],
            sent.Select(p => p.Key));
        Assert.Equal("biz-1", sent["businessID"]!.GetValue<string>());
        Assert.Equal("tok-0001", sent["accessToken"]!.GetValue<string>());
        Assert.Equal("open+id/1=", sent["openID"]!.GetValue<string>());
        Assert.Equal("PC_Browser", sent["source"]!.GetValue<string>());
        Assert.Equal("state-1", sent["state"]!.GetValue<string>());
        Assert.Equal("https%3A%2F%2Frp.example%2Fiamsmart%2Fcallback", sent["redirectURI"]!.GetValue<string>());
        Assert.Equal(SigningFixtures.HashCode, sent["hashCode"]!.GetValue<string>());
        Assert.Equal(SigningFixtures.HkicHash, sent["HKICHash"]!.GetValue<string>());
        Assert.Equal("Invented Bank", sent["department"]!.GetValue<string>());
        Assert.Equal("Personal loan", sent["serviceName"]!.GetValue<string>());
        Assert.Equal("Loan agreement", sent["documentName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Optional_sigAlgo_and_step_up_parameters_are_sent_only_when_set()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, Started);
        var client = VectorClient.Create(handler);
        var request = SigningFixtures.Hash();

        await client.Signing.InitiateHashSigningAsync(
            new HashSigningRequest
            {
                AccessToken = request.AccessToken,
                CallbackUri = request.CallbackUri,
                BusinessId = request.BusinessId,
                State = request.State,
                Source = request.Source,
                HashCode = request.HashCode,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                SignatureAlgorithm = SignatureAlgorithm.NoneWithRsa,
                StepUpMethod = SigningStepUpMethod.Fr,
                StepUpWaitingPeriodHours = 24,
            },
            Ct);

        var sent = Sent(handler, IAmSmartFunctions.HashSigning);
        Assert.DoesNotContain("HKICHash", sent.Select(p => p.Key)); // optional with login, and not set here
        Assert.Equal(["department", "serviceName", "documentName", "sigAlgo", "suaMethod", "suaWaitPeriod"], sent.Select(p => p.Key).Skip(7));
        Assert.Equal("NONEwithRSA", sent["sigAlgo"]!.GetValue<string>());
        Assert.Equal("""{"unary":["FR"]}""", sent["suaMethod"]!.GetValue<string>());
        Assert.Equal(24, sent["suaWaitPeriod"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pdf_signing_with_login_sends_docDigest_instead_of_hashCode()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.PdfSigning.Path, Started);
        var client = VectorClient.Create(handler);

        await client.Signing.InitiatePdfSigningAsync(SigningFixtures.Pdf(), Ct);

        var sent = Sent(handler, IAmSmartFunctions.PdfSigning);
        Assert.Equal(
            ["businessID", "accessToken", "openID", "source", "state", "redirectURI", "docDigest", "department", "serviceName", "documentName"],
            sent.Select(p => p.Key));
        Assert.Equal(SigningFixtures.DocDigest, sent["docDigest"]!.GetValue<string>());
        Assert.Equal("iOS_Safari", sent["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_hash_signing_sends_no_token_and_HKICHash_last()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousHashSigning.Path, """{"signCode":"1234","ticketID":"tk-1"}""");
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateAnonymousHashSigningAsync(SigningFixtures.AnonymousHash(), Ct);

        var sent = Sent(handler, IAmSmartFunctions.AnonymousHashSigning);
        Assert.Equal(
            ["businessID", "source", "state", "hashCode", "redirectURI", "department", "documentName", "serviceName", "HKICHash"],
            sent.Select(p => p.Key));
        Assert.Equal("https%3A%2F%2Frp.example%2Fiamsmart%2Fsigned", sent["redirectURI"]!.GetValue<string>());
        Assert.Equal(SigningFixtures.HkicHash, sent["HKICHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_pdf_signing_sends_the_contract_fields_in_order()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousPdfSigning.Path, """{"signCode":"1234","authByQR":false,"ticketID":"tk-1"}""");
        var client = VectorClient.Create(handler);

        await client.Signing.InitiateAnonymousPdfSigningAsync(SigningFixtures.AnonymousPdf(), Ct);

        var sent = Sent(handler, IAmSmartFunctions.AnonymousPdfSigning);
        Assert.Equal(
            ["businessID", "source", "redirectURI", "state", "docDigest", "HKICHash", "department", "documentName", "serviceName"],
            sent.Select(p => p.Key));
        Assert.Equal("Android_Chrome", sent["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_getResult_sends_the_token_and_openID_only()
    {
        var v = TestVectors.Object("hashSigning");
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousHashSigningResult.Path, v["callbackPayload"]!.ToJson());
        var client = VectorClient.Create(handler);

        var outcome = await client.Signing.GetAnonymousHashSigningResultAsync(SigningFixtures.Token(), Ct);

        var sent = Sent(handler, IAmSmartFunctions.AnonymousHashSigningResult);
        Assert.Equal(["accessToken", "openID"], sent.Select(p => p.Key));
        Assert.Equal("open+id/1=", sent["openID"]!.GetValue<string>());
        Assert.True(outcome.IsSigned);
        Assert.Equal(v["callbackPayload"]!.Str("signature"), outcome.Result.Signature);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(v["callbackPayload"]!.Long("timestamp")), outcome.Result.Timestamp);
        Assert.Equal(v["callbackPayload"]!.Str("businessID"), outcome.BusinessId);
    }

    [Theory]
    [InlineData("Accepted", "SR001")]
    [InlineData("Rejected", "SR002")]
    [InlineData("NotReceived", "SR003")]
    public async Task Acknowledgement_sends_businessID_and_the_SR_code(string name, string code)
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.SigningAck.Path, "{}");
        var client = VectorClient.Create(handler);
        var acknowledgement = name switch
        {
            "Accepted" => SigningAcknowledgement.Accepted,
            "Rejected" => SigningAcknowledgement.Rejected,
            _ => SigningAcknowledgement.NotReceived,
        };

        await client.Signing.AcknowledgeAsync("biz-1", acknowledgement, Ct);

        var sent = Sent(handler, IAmSmartFunctions.SigningAck);
        Assert.Equal(["businessID", "signingResult"], sent.Select(p => p.Key));
        Assert.Equal("biz-1", sent["businessID"]!.GetValue<string>());
        Assert.Equal(code, sent["signingResult"]!.GetValue<string>());
    }

    [Fact]
    public async Task Started_request_gives_the_sign_code_ticket_and_hash_sign_deep_link()
    {
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.HashSigning.Path, Started));

        var initiation = await client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(), Ct);

        Assert.True(initiation.IsStarted);
        Assert.Equal("0427", initiation.SignCode);
        Assert.False(initiation.AuthByQr);
        Assert.Equal("tk+9", initiation.TicketId);
        Assert.Equal("hk.gov.iamsmart.testapp://hash-sign?ticketID=tk%2B9", initiation.AppLink!.OriginalString);
        Assert.Equal("biz-1", initiation.BusinessId);
        Assert.DoesNotContain("0427", initiation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tk+9", initiation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_initiation_gives_a_login_request_with_the_ticket_state_source_and_redirect()
    {
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousHashSigning.Path, """{"signCode":"1234","ticketID":"tk-1"}"""));

        var initiation = await client.Signing.InitiateAnonymousHashSigningAsync(SigningFixtures.AnonymousHash(), Ct);
        var login = client.Auth.CreateLoginUrl(initiation.ToLoginRequest());

        Assert.Equal("1234", initiation.SignCode);
        Assert.Equal("state-3", login.State);
        Assert.Contains("ticketID=tk-1", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains("scope=eidapi_sign", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains("redirectURI=https%3A%2F%2Frp.example%2Fiamsmart%2Fsigned", login.Url.Query, StringComparison.Ordinal);
        Assert.Contains("source=PC_Browser", login.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("tk-1", initiation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("state-3", initiation.ToString(), StringComparison.Ordinal);
    }
}
