using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>
/// Signing step-up (addendum §A1): the method is a JSON string holding one expression, the waiting period a JSON number
/// of hours 0–720 that goes only with a method, on every signing request kind.
/// </summary>
public sealed class SigningStepUpTests
{
    private const string Started = """{"signCode":"0427","authByQR":false,"ticketID":"tk+9"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Methods => new()
    {
        { nameof(SigningStepUpMethod.Fr), """{"unary":["FR"]}""" },
        { nameof(SigningStepUpMethod.Nfc), """{"unary":["NFC"]}""" },
        { nameof(SigningStepUpMethod.FrThenNfc), """{"and":["FR","NFC"]}""" },
    };

    public static TheoryData<string> Kinds => ["hash", "pdf", "anonymous-hash", "anonymous-pdf"];

    private static SigningStepUpMethod MethodNamed(string name) => name switch
    {
        nameof(SigningStepUpMethod.Fr) => SigningStepUpMethod.Fr,
        nameof(SigningStepUpMethod.Nfc) => SigningStepUpMethod.Nfc,
        nameof(SigningStepUpMethod.FrThenNfc) => SigningStepUpMethod.FrThenNfc,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Sends one request of <paramref name="kind"/> and returns the decrypted body.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> SendAsync(string kind, SigningStepUpMethod? method, int? hours, StepUpFieldNames? names = null)
    {
        var operation = kind switch
        {
            "hash" => IAmSmartFunctions.HashSigning,
            "pdf" => IAmSmartFunctions.PdfSigning,
            "anonymous-hash" => IAmSmartFunctions.AnonymousHashSigning,
            _ => IAmSmartFunctions.AnonymousPdfSigning,
        };
        var handler = VectorClient.HandlerAnswering(operation.Path, Started);
        var options = VectorClient.Options();
        if (names is { } configured)
        {
            options.StepUpFieldNames = configured;
        }

        var client = VectorClient.Create(handler, options);
        _ = kind switch
        {
            "hash" => (object)await client.Signing.InitiateHashSigningAsync(SigningFixtures.Hash(stepUp: method, waitingPeriod: hours), Ct),
            "pdf" => await client.Signing.InitiatePdfSigningAsync(SigningFixtures.Pdf(stepUp: method, waitingPeriod: hours), Ct),
            "anonymous-hash" => await client.Signing.InitiateAnonymousHashSigningAsync(SigningFixtures.AnonymousHash(stepUp: method, waitingPeriod: hours), Ct),
            _ => await client.Signing.InitiateAnonymousPdfSigningAsync(SigningFixtures.AnonymousPdf(stepUp: method, waitingPeriod: hours), Ct),
        };
        return VectorClient.DecryptRequest(handler.To(operation.Path).Single().Body);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Each_method_is_the_exact_JSON_text_of_the_specification(string name, string expected)
    {
        var method = MethodNamed(name);

        Assert.Equal(expected, method.Value);
        Assert.Equal(name, method.ToString());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Method_is_sent_as_a_JSON_string_holding_its_text(string name, string expected)
    {
        var sent = await SendAsync("hash", MethodNamed(name), hours: null);

        Assert.Equal(System.Text.Json.JsonValueKind.String, sent["suaMethod"]!.GetValueKind());
        Assert.Equal(expected, sent["suaMethod"]!.GetValue<string>());
        Assert.False(sent.ContainsKey("suaWaitPeriod"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_signing_kind_carries_the_method_as_a_string_and_the_period_as_a_number(string kind)
    {
        var sent = await SendAsync(kind, SigningStepUpMethod.FrThenNfc, 720);

        Assert.Equal("""{"and":["FR","NFC"]}""", sent["suaMethod"]!.GetValue<string>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, sent["suaWaitPeriod"]!.GetValueKind());
        Assert.Equal(720, sent["suaWaitPeriod"]!.GetValue<int>());
        Assert.Equal(["suaMethod", "suaWaitPeriod"], sent.Select(p => p.Key).TakeLast(2));
    }

    // Addendum §A1.4: "Keep both names behind one option, defaulting to suaMethod/suaWaitPeriod [G]".
    [Fact]
    public void The_default_names_are_suaMethod_and_suaWaitPeriod()
        => Assert.Equal(StepUpFieldNames.SuaMethod, new IAmSmartOptions().StepUpFieldNames);

    public static TheoryData<string, StepUpFieldNames, string, string> KindsAndNames
    {
        get
        {
            var data = new TheoryData<string, StepUpFieldNames, string, string>();
            foreach (var kind in new[] { "hash", "pdf", "anonymous-hash", "anonymous-pdf" })
            {
                data.Add(kind, StepUpFieldNames.SuaMethod, "suaMethod", "suaWaitPeriod");
                data.Add(kind, StepUpFieldNames.StepupAuth, "stepupAuthMethod", "stepupAuthPeriod");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndNames))]
    public async Task Every_signing_kind_writes_exactly_the_configured_pair_of_names(string kind, StepUpFieldNames names, string method, string period)
    {
        var sent = await SendAsync(kind, SigningStepUpMethod.Fr, 24, names);

        Assert.Equal([method, period], sent.Select(p => p.Key).TakeLast(2));
        Assert.Equal("""{"unary":["FR"]}""", sent[method]!.GetValue<string>());
        Assert.Equal(24, sent[period]!.GetValue<int>());
        Assert.Equal(2, sent.Count(p => p.Key is "suaMethod" or "suaWaitPeriod" or "stepupAuthMethod" or "stepupAuthPeriod"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Neither_field_is_sent_when_unset(string kind)
    {
        var sent = await SendAsync(kind, method: null, hours: null);

        Assert.DoesNotContain(sent, p => p.Key is "suaMethod" or "suaWaitPeriod" or "stepupAuthMethod" or "stepupAuthPeriod");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(720)]
    public async Task Waiting_period_from_0_to_720_hours_is_accepted(int hours)
    {
        var sent = await SendAsync("anonymous-hash", SigningStepUpMethod.Nfc, hours);

        Assert.Equal(hours, sent["suaWaitPeriod"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("hash", -1)]
    [InlineData("hash", 721)]
    [InlineData("pdf", 721)]
    [InlineData("anonymous-hash", -1)]
    [InlineData("anonymous-pdf", 721)]
    public async Task Waiting_period_outside_0_to_720_is_refused_before_any_call(string kind, int hours)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SendAsync(kind, SigningStepUpMethod.Fr, hours));

        Assert.EndsWith(".StepUpWaitingPeriodHours", error.ParamName, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Waiting_period_without_a_method_is_refused_naming_both_properties(string kind)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => SendAsync(kind, method: null, hours: 0));

        Assert.EndsWith(".StepUpWaitingPeriodHours", error.ParamName, StringComparison.Ordinal);
        Assert.Contains("StepUpMethod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_signing_ticket_lives_12_minutes()
        => Assert.Equal(TimeSpan.FromMinutes(12), AnonymousSigningInitiation.TicketLifetime);
}
