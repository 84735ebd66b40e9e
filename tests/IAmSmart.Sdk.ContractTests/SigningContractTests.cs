using System.Text.Json;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Transport;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>
/// Digital signing (contract §12) through <c>client.Signing</c>: hash and PDF signing with login, without login
/// (initiate and getResult), and ackResult. Each test checks the typed result against the official response sample and
/// the request WireMock logged against the request sample and the contract's field names.
/// </summary>
[Collection(WireMockContractServer.Name)]
public sealed class SigningContractTests(WireMockServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hash_signing_with_login_returns_the_sample_sign_code_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("signing-initiate");
        var operation = await BeginAsync(session, IAmSmartFunctions.HashSigning, sample);

        var initiation = await session.Client.Signing.InitiateHashSigningAsync(HashSigningRequest(sample, operation), Cancel);

        AssertStartedAsSample(initiation, operation, ContractData.Sample("responses/signing-initiate.json"));
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.HashSigning, sample, HashSigning);
    }

    [Fact]
    public async Task Hash_signing_sends_the_optional_fields_only_when_set_with_their_contract_names_step_up_as_string_and_number()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("signing-initiate");
        var operation = await BeginAsync(session, IAmSmartFunctions.HashSigning, sample);

        // Without sigAlgo (iAM Smart then uses SHA256withRSA), with the step-up fields of addendum §A1 [I], as the sample
        // requests/signing-initiate-stepup.json has them under the default names (addendum §A1.4 [G]): suaMethod a JSON
        // string holding {"unary":["FR"]}, suaWaitPeriod the JSON number 720 (hours of waiting period).
        var expected = Sample("signing-initiate-stepup");
        var request = HashSigningRequest(sample, operation);
        await session.Client.Signing.InitiateHashSigningAsync(
            new HashSigningRequest
            {
                BusinessId = request.BusinessId,
                State = request.State,
                AccessToken = request.AccessToken,
                CallbackUri = request.CallbackUri,
                Source = request.Source,
                HashCode = request.HashCode,
                HkicHash = request.HkicHash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                StepUpMethod = SigningStepUpMethod.Fr,
                StepUpWaitingPeriodHours = 720,
            },
            Cancel);

        var logged = AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.HashSigning, expected, HashSigning);
        AssertStepUpSent(RequestJournal.AssertHonoursContract(logged, ContractData.GetKeyCek), "{\"unary\":[\"FR\"]}", 720);
    }

    [Fact]
    public async Task Anonymous_hash_signing_sends_the_step_up_fields_too()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-signing-initiate");
        var request = AnonymousHashSigningRequest(sample);

        await session.Client.Signing.InitiateAnonymousHashSigningAsync(
            new AnonymousHashSigningRequest
            {
                BusinessId = request.BusinessId,
                State = request.State,
                RedirectUri = request.RedirectUri,
                Source = request.Source,
                HashCode = request.HashCode,
                HkicHash = request.HkicHash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                StepUpMethod = SigningStepUpMethod.FrThenNfc,
                StepUpWaitingPeriodHours = 0,
            },
            Cancel);

        var expected = sample.DeepClone().AsObject();
        expected["suaMethod"] = "{\"and\":[\"FR\",\"NFC\"]}";
        expected["suaWaitPeriod"] = 0;
        var logged = AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousHashSigning, expected, AnonymousHashSigning);
        AssertStepUpSent(RequestJournal.AssertHonoursContract(logged, ContractData.GetKeyCek), "{\"and\":[\"FR\",\"NFC\"]}", 0);
    }

    // Addendum §A1.4: the other names (S3's tables and samples) behind the one option, StepUpFieldNames.StepupAuth.
    [Fact]
    public async Task Hash_signing_sends_the_step_up_under_the_S3_sample_names_when_configured()
    {
        using var session = await ContractSession.StartAsync(server, stepUpFieldNames: StepUpFieldNames.StepupAuth);
        var sample = Sample("signing-initiate");
        var operation = await BeginAsync(session, IAmSmartFunctions.HashSigning, sample);
        var request = HashSigningRequest(sample, operation);

        await session.Client.Signing.InitiateHashSigningAsync(
            new HashSigningRequest
            {
                BusinessId = request.BusinessId,
                State = request.State,
                AccessToken = request.AccessToken,
                CallbackUri = request.CallbackUri,
                Source = request.Source,
                HashCode = request.HashCode,
                HkicHash = request.HkicHash,
                Department = request.Department,
                ServiceName = request.ServiceName,
                DocumentName = request.DocumentName,
                StepUpMethod = SigningStepUpMethod.Fr,
                StepUpWaitingPeriodHours = 720,
            },
            Cancel);

        var expected = new JsonObject();
        foreach (var (name, value) in Sample("signing-initiate-stepup"))
        {
            expected[name switch { "suaMethod" => "stepupAuthMethod", "suaWaitPeriod" => "stepupAuthPeriod", _ => name }] = value?.DeepClone();
        }

        var logged = AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.HashSigning, expected, HashSigning);
        AssertStepUpSent(RequestJournal.AssertHonoursContract(logged, ContractData.GetKeyCek), "{\"unary\":[\"FR\"]}", 720, "stepupAuthMethod", "stepupAuthPeriod");
    }

    // The method is a JSON string holding JSON text, never a nested object; the period a JSON number, never a string (addendum §A1.2).
    private static void AssertStepUpSent(JsonObject sent, string method, int hours, string methodName = "suaMethod", string periodName = "suaWaitPeriod")
    {
        Assert.Equal(JsonValueKind.String, sent[methodName]!.GetValueKind());
        Assert.Equal(method, sent[methodName]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, sent[periodName]!.GetValueKind());
        Assert.Equal(hours, sent[periodName]!.GetValue<int>());
        Assert.Equal(2, sent.Count(p => StepUpFields.Contains(p.Key)));
    }

    [Fact]
    public async Task Pdf_signing_with_login_returns_the_sample_sign_code_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("pdfsigning-initiate");
        var operation = await BeginAsync(session, IAmSmartFunctions.PdfSigning, sample);

        var initiation = await session.Client.Signing.InitiatePdfSigningAsync(PdfSigningRequest(sample, operation), Cancel);

        AssertStartedAsSample(initiation, operation, ContractData.Sample("responses/pdfsigning-initiate.json"));
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.PdfSigning, sample, PdfSigning);
    }

    [Fact]
    public async Task Anonymous_hash_signing_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-signing-initiate");
        var request = AnonymousHashSigningRequest(sample);

        var initiation = await session.Client.Signing.InitiateAnonymousHashSigningAsync(request, Cancel);

        AssertAnonymousAsSample(initiation, request, ContractData.Sample("responses/anonymous-signing-initiate.json"));
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousHashSigning, sample, AnonymousHashSigning);
    }

    [Fact]
    public async Task Anonymous_pdf_signing_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-pdfsigning-initiate");
        var request = AnonymousPdfSigningRequest(sample);

        var initiation = await session.Client.Signing.InitiateAnonymousPdfSigningAsync(request, Cancel);

        AssertAnonymousAsSample(initiation, request, ContractData.Sample("responses/anonymous-pdfsigning-initiate.json"));
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousPdfSigning, sample, AnonymousPdfSigning);
    }

    [Fact]
    public async Task Anonymous_hash_signing_result_is_the_sample_signature()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-getResult");

        var outcome = await session.Client.Signing.GetAnonymousHashSigningResultAsync(SigningToken(sample), Cancel);

        AssertHashResultIsSample(outcome);
        Assert.Equal(ContractData.SuccessTxId("anonymous-signing-getResult"), outcome.TxId);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousHashSigningResult, sample, SigningResult);
    }

    [Fact]
    public async Task Anonymous_pdf_signing_result_is_the_sample_signature()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-getResult");

        var outcome = await session.Client.Signing.GetAnonymousPdfSigningResultAsync(SigningToken(sample), Cancel);

        AssertPdfResultIsSample(outcome);
        Assert.Equal(ContractData.SuccessTxId("anonymous-pdfsigning-getResult"), outcome.TxId);
        AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.AnonymousPdfSigningResult, sample, SigningResult);
    }

    [Fact]
    public async Task Accepting_a_signature_sends_ackResult_with_SR001()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("signing-ackResult");

        // The sample is the contract's "signature accepted" (§10.2): the SDK's Accepted must be sent as exactly that.
        await session.Client.Signing.AcknowledgeAsync(Text(sample, "businessID"), SigningAcknowledgement.Accepted, Cancel);

        var logged = AssertSentOnce(await session.JournalAsync(), IAmSmartFunctions.SigningAck, sample, SigningAck);
        Assert.StartsWith("signing-ackResult: success", logged.MappingName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_hash_signing_from_ticket_to_result_uses_the_login_token_for_getResult()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("anonymous-signing-initiate");
        var token = ContractData.Sample("responses/getToken.json");
        var initiation = await session.Client.Signing.InitiateAnonymousHashSigningAsync(AnonymousHashSigningRequest(sample), Cancel);

        // The browser goes to the ticket login and comes back with a code, the state and the businessID (contract §12.3).
        var login = session.Client.Auth.CreateLoginUrl(initiation.ToLoginRequest());
        Assert.Contains("&ticketID=" + Uri.EscapeDataString(initiation.TicketId) + "&", login.Url.Query, StringComparison.Ordinal);
        var code = "ct+" + Guid.NewGuid().ToString("N")[..12] + "/=";
        var redirect = AuthCallback.Parse(
            $"?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(login.State)}&businessID={Uri.EscapeDataString(initiation.BusinessId)}");
        var outcome = await session.Client.Signing.CompleteAnonymousHashSigningAsync(initiation, redirect, Cancel);

        AssertHashResultIsSample(outcome);
        var journal = await session.JournalAsync();
        Assert.Equal(
            [IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.AnonymousHashSigning.Path, IAmSmartFunctions.GetToken.Path, IAmSmartFunctions.AnonymousHashSigningResult.Path],
            journal.Select(r => r.Path["/api/v1/".Length..]));
        var sent = journal.Select(r => RequestJournal.AssertHonoursContract(r, ContractData.GetKeyCek)).ToList();
        Assert.Equal(code, sent[2]["code"]!.GetValue<string>());
        var tokenSent = new JsonObject { ["accessToken"] = token["accessToken"]!.DeepClone(), ["openID"] = token["openID"]!.DeepClone() };
        AssertSentAsContracted(sent[3], tokenSent, SigningResult);
    }

    private static void AssertStartedAsSample(SigningInitiation initiation, PendingOperation operation, JsonNode expected)
    {
        Assert.True(initiation.IsStarted, $"refused: {initiation}");
        Assert.Equal(operation.BusinessId, initiation.BusinessId);
        Assert.Equal(expected["signCode"]!.GetValue<string>(), initiation.SignCode);
        Assert.Equal(expected["authByQR"]?.GetValue<bool>() ?? false, initiation.AuthByQr);
        Assert.Equal(expected["ticketID"]?.GetValue<string>(), initiation.TicketId);
        Assert.Equal(initiation.TicketId is not null, initiation.AppLink is not null);
        if (initiation.TicketId is { } ticket)
        {
            Assert.Contains("ticketID=" + Uri.EscapeDataString(ticket), initiation.AppLink!.Query, StringComparison.Ordinal);
        }

        Assert.Null(initiation.Code);
        Assert.Null(initiation.TxId);
    }

    private static void AssertAnonymousAsSample(AnonymousSigningInitiation initiation, AnonymousSigningRequest request, JsonNode expected)
    {
        Assert.Equal(expected["ticketID"]!.GetValue<string>(), initiation.TicketId);
        Assert.Equal(expected["signCode"]?.GetValue<string>(), initiation.SignCode);

        // Anonymous hash signing answers no authByQR (contract §12.3): the SDK reads it as false.
        Assert.Equal(expected["authByQR"]?.GetValue<bool>() ?? false, initiation.AuthByQr);
        Assert.Equal(request.BusinessId, initiation.BusinessId);
        Assert.Equal(request.State, initiation.State);
        Assert.Equal(request.RedirectUri, initiation.RedirectUri);
        Assert.Equal(request.Source, initiation.Source);
    }

    private static void AssertHashResultIsSample(SigningOutcome<HashSigningResult> outcome)
    {
        var expected = ContractData.Sample("responses/anonymous-signing-getResult.json");
        Assert.True(outcome.IsSigned, $"not signed: {outcome}");
        Assert.Equal(ReturnCodes.Success, outcome.Code);
        Assert.Equal(expected["hashCode"]!.GetValue<string>(), outcome.Result.HashCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected["timestamp"]!.GetValue<long>()), outcome.Result.Timestamp);
        Assert.Equal(expected["signature"]!.GetValue<string>(), outcome.Result.Signature);
        Assert.Equal(expected["cert"]!.GetValue<string>(), outcome.Result.Certificate);
    }

    private static void AssertPdfResultIsSample(SigningOutcome<PdfSigningResult> outcome)
    {
        var expected = ContractData.Sample("responses/anonymous-pdfsigning-getResult.json");
        Assert.True(outcome.IsSigned, $"not signed: {outcome}");
        Assert.Equal(ReturnCodes.Success, outcome.Code);
        Assert.Equal(expected["docDigest"]!.GetValue<string>(), outcome.Result.DocDigest);
        Assert.Equal(Convert.FromBase64String(expected["pdfSignature"]!.GetValue<string>()), outcome.Result.PdfSignature.ToArray());
    }

    // getKey, then the function once: signed over the exact logged body, and its content the sample with the contract's names.
    private static LoggedRequest AssertSentOnce(IReadOnlyList<LoggedRequest> journal, IAmSmartFunction operation, JsonObject sample, ContractFields fields)
    {
        Assert.Equal([IAmSmartFunctions.GetKey.Path, operation.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek), sample, fields);
        Assert.Equal(200, journal[1].ResponseStatus);
        return journal[1];
    }
}
