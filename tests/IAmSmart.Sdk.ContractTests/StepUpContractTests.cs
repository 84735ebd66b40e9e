using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;
using static IAmSmart.Sdk.ContractTests.Infrastructure.ContractRequests;

namespace IAmSmart.Sdk.ContractTests;

/// <summary><c>account/stepup/initiateRequest</c> (contract §6) through <c>client.Auth.InitiateStepUpAsync</c>.</summary>
[Collection(WireMockContractServer.Name)]
public sealed class StepUpContractTests(WireMockServer server)
{
    [Fact]
    public async Task Step_up_returns_the_sample_ticket_and_sends_the_contract_fields()
    {
        using var session = await ContractSession.StartAsync(server);
        var sample = Sample("stepup-initiate");
        var expected = ContractData.Sample("responses/stepup-initiate.json");
        var operation = await BeginAsync(session, IAmSmartFunctions.StepUp, sample);

        var initiation = await session.Client.Auth.InitiateStepUpAsync(StepUpRequest(sample, operation), TestContext.Current.CancellationToken);

        Assert.Equal(expected["authByQR"]!.GetValue<bool>(), initiation.AuthByQr);
        Assert.Equal(expected["ticketID"]?.GetValue<string>(), initiation.TicketId);
        Assert.Equal(operation.BusinessId, initiation.BusinessId);
        if (initiation.TicketId is { } ticket)
        {
            Assert.Contains("ticketID=" + Uri.EscapeDataString(ticket), initiation.AppLink!.Query, StringComparison.Ordinal);
        }

        var journal = await session.JournalAsync();
        Assert.Equal([IAmSmartFunctions.GetKey.Path, IAmSmartFunctions.StepUp.Path], journal.Select(r => r.Path["/api/v1/".Length..]));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        AssertSentAsContracted(RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek), sample, StepUp);
    }
}
