using System.Security.Cryptography;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>
/// One businessID rule on every path that takes one (contract §13 "≤ 36 ASCII chars", addendum §A4.2 "ASCII ≤ 36"):
/// printable ASCII without space, not state's letters-digits-_-- charset. Sent verbatim when well formed; refused,
/// naming the property and sending nothing, when not.
/// </summary>
public sealed class BusinessIdRuleTests
{
    private const string Printable = "INV-2026/0001.a:b";

    private const string Started = """{"signCode":"0427","authByQR":false,"ticketID":"tk-1"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds => ["hash", "anonymous-hash", "bulk", "e-ME", "re-authentication"];

    private static IAmSmartFunction FunctionOf(string kind) => kind switch
    {
        "hash" => IAmSmartFunctions.HashSigning,
        "anonymous-hash" => IAmSmartFunctions.AnonymousHashSigning,
        "bulk" => IAmSmartFunctions.BulkSigning,
        "e-ME" => IAmSmartFunctions.EMe,
        _ => IAmSmartFunctions.StepUp,
    };

    private static Task SendAsync(IAmSmartClient client, string kind, string businessId)
    {
        var token = SigningFixtures.Token(scopes: "eidapi_auth eidapi_sign eidapi_bulksign eidapi_formFilling eidapi_fr");
        return kind switch
        {
            "hash" => client.Signing.InitiateHashSigningAsync(
                new HashSigningRequest
                {
                    AccessToken = token, CallbackUri = SigningFixtures.CallbackUri, BusinessId = businessId, State = "state-1",
                    Source = IAmSmartSource.PcBrowser, HashCode = SigningFixtures.HashCode, Department = "Invented Bank",
                    ServiceName = "Personal loan", DocumentName = "Loan agreement",
                },
                Ct),
            "anonymous-hash" => client.Signing.InitiateAnonymousHashSigningAsync(
                new AnonymousHashSigningRequest
                {
                    RedirectUri = SigningFixtures.RedirectUri, BusinessId = businessId, State = "state-3", Source = IAmSmartSource.PcBrowser,
                    HashCode = SigningFixtures.HashCode, HkicHash = SigningFixtures.HkicHash, Department = "Invented Insurer",
                    ServiceName = "Claims", DocumentName = "Claim form",
                },
                Ct),
            "bulk" => client.Signing.StartBulkSigningAsync(
                new BulkSigningRequest
                {
                    AccessToken = token, TokenCallbackUri = new Uri("https://rp.example/iamsmart/bulk-token"),
                    ResultCallbackUri = new Uri("https://rp.example/iamsmart/bulk-result"), BusinessId = businessId, State = "state-5",
                    Source = IAmSmartSource.PcBrowser, ServiceName = "Account opening", RequestName = "Pack",
                    Documents = [new BulkHashDocument { Id = "d1", DocumentName = "Form 1", HashCode = Convert.ToBase64String(SHA256.HashData("d1"u8)) }],
                },
                Ct),
            "e-ME" => client.FormFilling.RequestEMeAsync(
                new EMeRequest
                {
                    AccessToken = token, CallbackUri = SigningFixtures.CallbackUri, BusinessId = businessId, Fields = [EMeField.EnName],
                    Form = new FormDetails("Account opening"), Source = IAmSmartSource.PcBrowser,
                },
                Ct),
            _ => client.Auth.StartStepUpAsync(
                new StepUpRequest { AccessToken = token, CallbackUri = SigningFixtures.CallbackUri, BusinessId = businessId, State = "state-6", Source = IAmSmartSource.PcBrowser },
                Ct),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Printable_ascii_business_id_is_accepted_and_sent_verbatim(string kind)
    {
        var function = FunctionOf(kind);
        var handler = VectorClient.HandlerAnswering(function.Path, Started);
        var client = VectorClient.Create(handler);

        await SendAsync(client, kind, Printable);

        Assert.Equal(Printable, VectorClient.DecryptRequest(handler.To(function.Path).Single().Body)["businessID"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Business_id_with_a_space_or_non_ascii_is_refused_naming_the_property_and_nothing_is_sent(string kind)
    {
        var function = FunctionOf(kind);
        var handler = VectorClient.HandlerAnswering(function.Path, Started);
        var client = VectorClient.Create(handler);

        var spaced = await Assert.ThrowsAsync<ArgumentException>(() => SendAsync(client, kind, "INV 2026"));
        var nonAscii = await Assert.ThrowsAsync<ArgumentException>(() => SendAsync(client, kind, "發票-1"));

        Assert.EndsWith(".BusinessId", spaced.ParamName, StringComparison.Ordinal);
        Assert.Contains("printable ASCII", spaced.Message, StringComparison.Ordinal);
        Assert.Equal(spaced.ParamName, nonAscii.ParamName);
        Assert.Empty(handler.To(function.Path));
    }
}
