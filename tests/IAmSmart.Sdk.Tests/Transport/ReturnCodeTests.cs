using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

public sealed class ReturnCodeTests
{
    public static TheoryData<string> ContractCodes => new(
        "D00000", "D20000", "D20001", "D20002", "D20003", "D20004", "D20005", "D20006", "D20007", "D20008", "D20009", "D20010",
        "D20011", "D20012", "D20015", "D20022", "D20026", "D20027", "D30001", "D30002", "D30003", "D30004", "D40000", "D40001",
        "D40002", "D40003", "D40004", "D40035", "D50001", "D50002", "D50003", "D60000", "D60001", "D60002", "D60003", "D70000",
        "D70001", "D70002", "D70003", "D70004", "D70005", "D70006", "D71000", "D71001", "D71002", "D71003", "D71004", "D71005",
        "D71006", "D71007", "D71008", "D71009", "D77000", "D77001", "D77002", "D77003", "D77004", "D80001", "D80002", "D80003",
        "M10001", "M99990", "M99991", "M99992", "S00001", "C00001");

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
    [InlineData("D71000", UserOutcome.Cancelled)]
    [InlineData("D71004", UserOutcome.NotSigningCapable)]
    [InlineData("D77001", UserOutcome.FaceRecognitionFailed)]
    [InlineData("D77002", UserOutcome.NfcFailed)]
    [InlineData("D77003", UserOutcome.NfcNotSupported)]
    [InlineData("D77004", UserOutcome.InWaitingPeriod)]
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

    // Contract §3: "On any encryption error code (D30001–D30004), call getKey again and retry once".
    [Theory]
    [InlineData("D30001", true)]
    [InlineData("D30002", true)]
    [InlineData("D30003", true)]
    [InlineData("D30004", true)]
    [InlineData("D30000", false)]
    [InlineData("D30005", false)]
    [InlineData("D20006", false)]
    [InlineData(null, false)]
    public void D30001_to_D30004_trigger_a_key_refresh(string? code, bool expected)
        => Assert.Equal(expected, ReturnCodes.IsContentKeyError(code));

    [Fact]
    public void D30001_is_refreshed_once_but_stays_a_configuration_error_that_is_never_repeated()
    {
        Assert.True(ReturnCodes.TryGet("D30001", out var info));

        Assert.Equal(ReturnCodeClass.CallerError, info.Class);
        Assert.False(ReturnCodes.IsRepeatable("D30001"));
        Assert.IsType<IAmSmartConfigurationException>(ReturnCodes.ToException("D30001", null, "<T=1>", null, "test"));
    }

    public static TheoryData<string> EveryCode => new(ReturnCodes.All.Select(c => c.Code));

    [Fact]
    public void Every_code_appears_once_and_only_D00000_is_success()
    {
        Assert.Equal(ReturnCodes.All.Count, ReturnCodes.All.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ReturnCodes.Success, Assert.Single(ReturnCodes.All, c => c.Class == ReturnCodeClass.Success).Code);
    }

    [Theory]
    [MemberData(nameof(EveryCode))]
    public void Every_code_is_classified_consistently_with_the_exception_it_raises(string code)
    {
        Assert.True(ReturnCodes.TryGet(code, out var info));
        Assert.True(Enum.IsDefined(info.Class));
        Assert.Equal(info.Class == ReturnCodeClass.Retryable, info.IsRetryable);
        Assert.Equal(info.IsRetryable, ReturnCodes.IsRetryable(code));
        Assert.True(!info.NeedsNewRequest || info.IsRetryable, "only a retryable code can need a new request");
        Assert.Equal(info.IsRetryable && !info.NeedsNewRequest && !ReturnCodes.IsContentKeyError(code), ReturnCodes.IsRepeatable(code));

        // A user outcome is exactly a code that names one, raises the user-outcome exception, and is never retried.
        var isUser = info.Class == ReturnCodeClass.UserOutcome;
        Assert.Equal(isUser, info.Outcome is not null);
        Assert.Equal(isUser, info.Category == IAmSmartErrorCategory.UserOutcome);
        if (info.Class == ReturnCodeClass.Success)
        {
            return;
        }

        var ex = ReturnCodes.ToException(code, null, "<T=1>", null, "test");
        Assert.Equal(info.Category, ex.Category);
        if (isUser)
        {
            Assert.Equal(info.Outcome, Assert.IsType<IAmSmartUserOutcomeException>(ex).Outcome);
        }

        if (ex is IAmSmartServiceException service)
        {
            Assert.Equal(info.IsRetryable, service.IsTransient);
        }

        // Nothing the user or the caller must act on may be retried, by the SDK or by a caller trusting IsTransient.
        if (info.Class is ReturnCodeClass.UserOutcome or ReturnCodeClass.CallerError)
        {
            Assert.False(ReturnCodes.IsRetryable(code));
            Assert.False(ReturnCodes.IsRepeatable(code));
            Assert.False(ex is IAmSmartServiceException { IsTransient: true });

            // The one exception is D30001: a caller error that the contract (§3) still answers with one new key and one resend.
            Assert.Equal(code == "D30001", ReturnCodes.IsContentKeyError(code));
        }
    }

    [Theory]
    [InlineData("S00001")]
    [InlineData("C00001")]
    [InlineData("M99990")]
    [InlineData("M99991")]
    [InlineData("D20000")]
    [InlineData("D70002")]
    [InlineData("D77000")]
    public void Transient_codes_including_other_prefixes_raise_a_transient_service_error(string code)
    {
        var ex = Assert.IsType<IAmSmartServiceException>(ReturnCodes.ToException(code, null, "<T=1>", null, "test"));

        Assert.True(ex.IsTransient);
        Assert.Equal(code, ex.Code);
    }

    [Theory]
    [InlineData("M10001")]
    [InlineData("M99992")]
    [InlineData("D71007")]
    [InlineData("D71009")]
    public void Caller_codes_raise_a_configuration_error(string code)
    {
        var ex = Assert.IsType<IAmSmartConfigurationException>(ReturnCodes.ToException(code, null, "<T=1>", null, "test"));

        Assert.Equal(code, ex.Code);
        Assert.Equal(ReturnCodeClass.CallerError, ReturnCodes.All.Single(c => c.Code == code).Class);
    }

    [Fact]
    public void A_cancel_that_conflicts_with_the_bulk_request_state_says_to_enquire_and_not_retry()
    {
        Assert.True(ReturnCodes.TryGet("D71007", out var info));

        Assert.Contains("enquireStatus", info.Action, StringComparison.Ordinal);
        Assert.Contains("do not retry", info.Action, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("X12345")]
    [InlineData("D20102")] // A2.6: a typo in the samples for D20002, kept unknown
    [InlineData("D21002")] // A2.6: a typo in the samples for D71007
    [InlineData("d20000")] // codes are opaque and case-sensitive
    public void An_unknown_code_maps_to_a_generic_error_that_is_not_transient(string code)
    {
        Assert.False(ReturnCodes.TryGet(code, out _));

        var ex = Assert.IsType<IAmSmartServiceException>(ReturnCodes.ToException(code, null, "<T=1>", null, "test"));

        Assert.False(ex.IsTransient);
        Assert.Equal(code, ex.Code);
        Assert.Contains("unknown code", ex.Message, StringComparison.Ordinal);
    }
}
