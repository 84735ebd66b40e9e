using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

public sealed class ReturnCodeTests
{
    public static TheoryData<string> ContractCodes => new(
        "D00000", "D20000", "D20001", "D20002", "D20003", "D20004", "D20005", "D20006", "D20007", "D20008", "D20009", "D20010",
        "D20011", "D20012", "D20015", "D20022", "D20026", "D20027", "D30001", "D30002", "D30003", "D30004", "D40000", "D40001",
        "D40002", "D40003", "D40004", "D40035", "D50001", "D50002", "D50003", "D60000", "D60001", "D60002", "D60003", "D70000",
        "D70001", "D70002", "D70003", "D70004", "D70005", "D70006", "D71000", "D71009", "D80001", "D80002", "D80003");

    [Theory]
    [MemberData(nameof(ContractCodes))]
    public void Every_contract_code_has_a_meaning_and_an_action(string code)
    {
        Assert.True(ReturnCodes.TryGet(code, out var info));
        Assert.False(string.IsNullOrWhiteSpace(info.Meaning));
        Assert.False(string.IsNullOrWhiteSpace(info.Action));
    }

    [Theory]
    [InlineData("D40000", UserOutcome.Cancelled)]
    [InlineData("D60001", UserOutcome.Rejected)]
    [InlineData("D70003", UserOutcome.TimedOut)]
    [InlineData("D70004", UserOutcome.NotSigningCapable)]
    [InlineData("D70005", UserOutcome.IdentityMismatch)]
    [InlineData("D80002", UserOutcome.Failed)]
    public void User_outcome_codes_carry_their_outcome(string code, UserOutcome outcome)
    {
        var ex = Assert.IsType<IAmSmartUserOutcomeException>(ReturnCodes.ToException(code, null, "<T=1>", null, "test"));

        Assert.Equal(outcome, ex.Outcome);
    }

    [Fact]
    public void Server_message_is_redacted_in_the_exception()
    {
        var ex = ReturnCodes.ToException("D20003", "invalid parameter idNo A123456(3)", "<T=1>", null, "test");

        Assert.DoesNotContain("A123456", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D30001", true)]
    [InlineData("D30004", true)]
    [InlineData("D30005", false)]
    [InlineData("D20006", false)]
    [InlineData(null, false)]
    public void Only_D30001_to_D30004_trigger_a_key_refresh(string? code, bool expected)
        => Assert.Equal(expected, ReturnCodes.IsContentKeyError(code));
}
