using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Testing.Consent;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.FormFilling;

/// <summary>Every bad request is refused before anything is stored or sent, with the parameter named.</summary>
public sealed class DataRequestValidationTests : IDisposable
{
    private static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    private readonly FakeIAmSmartHandler _handler = new();
    private readonly RecordingConsentReceiptSink _sink = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _handler.Dispose();

    private IAmSmartClient Client() => IAmSmartClient.Create(VectorClient.Options(), _handler, consentReceiptSink: _sink);

    private static EMeRequest EMe(IReadOnlyCollection<EMeField>? fields = null, FormDetails? form = null, string? businessId = null, bool allowUnknown = false) => new()
    {
        AccessToken = DataRequestTests.Token(),
        CallbackUri = CallbackUri,
        Fields = fields ?? [EMeField.EnName],
        Form = form ?? new FormDetails("Account opening"),
        BusinessId = businessId,
        Source = IAmSmartSource.PcBrowser,
        AllowFieldNamesUnknownToSdk = allowUnknown,
    };

    public static TheoryData<string, string> BadEMeRequests() => new()
    {
        { "empty field list", "EMeRequest.Fields" },
        { "unknown field", "EMeRequest.Fields" },
        { "wrong case", "EMeRequest.Fields" },
        { "repeated field", "EMeRequest.Fields" },
        { "blank field name", "EMeRequest.Fields" },
        { "field name with a space", "EMeRequest.Fields" },
        { "field name too long", "EMeRequest.Fields" },
        { "oversized list", "EMeRequest.Fields" },
        { "empty form name", "EMeRequest.Form.Name" },
        { "form name 256", "EMeRequest.Form.Name" },
        { "form number 21", "EMeRequest.Form.Number" },
        { "form description 256", "EMeRequest.Form.Description" },
        { "form description blank", "EMeRequest.Form.Description" },
        { "form name with line break", "EMeRequest.Form.Name" },
        { "businessID 37", "EMeRequest.BusinessId" },
        { "businessID with a space", "EMeRequest.BusinessId" },
        { "http callback", "EMeRequest.CallbackUri" },
        { "no form", "EMeRequest.Form" },
    };

    private static EMeRequest Bad(string which) => which switch
    {
        "empty field list" => EMe(fields: []),
        "unknown field" => EMe(fields: [new EMeField("favouriteColour")]),
        "wrong case" => EMe(fields: [new EMeField("EnName")]),
        "repeated field" => EMe(fields: [EMeField.EnName, EMeField.ChName, EMeField.EnName]),
        "blank field name" => EMe(fields: [new EMeField(" ")], allowUnknown: true),
        "field name with a space" => EMe(fields: [new EMeField("en Name")], allowUnknown: true),
        "field name too long" => EMe(fields: [new EMeField(new string('a', 65))], allowUnknown: true),
        "oversized list" => EMe(fields: [.. Enumerable.Range(0, 65).Select(i => new EMeField($"field{i}"))], allowUnknown: true),
        "empty form name" => EMe(form: new FormDetails("")),
        "form name 256" => EMe(form: new FormDetails(new string('n', 256))),
        "form number 21" => EMe(form: new FormDetails("F", new string('1', 21))),
        "form description 256" => EMe(form: new FormDetails("F", "1", new string('d', 256))),
        "form description blank" => EMe(form: new FormDetails("F", "1", "  ")),
        "form name with line break" => EMe(form: new FormDetails("Account\nopening")),
        "businessID 37" => EMe(businessId: new string('b', 37)),
        "businessID with a space" => EMe(businessId: "b 1"),
        "http callback" => new EMeRequest { AccessToken = DataRequestTests.Token(), CallbackUri = new Uri("http://rp.example/cb"), Fields = [EMeField.EnName], Form = new FormDetails("F") },
        "no form" => new EMeRequest { AccessToken = DataRequestTests.Token(), CallbackUri = CallbackUri, Fields = [EMeField.EnName], Form = null! },
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(BadEMeRequests))]
    public async Task Bad_eMe_request_is_refused_naming_the_parameter_before_anything_is_stored_or_sent(string which, string parameter)
    {
        var client = Client();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.FormFilling.RequestEMeAsync(Bad(which), Ct));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(_handler.Requests);
        Assert.Empty(_sink.All);
    }

    [Fact]
    public async Task Boundary_lengths_are_accepted()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = IAmSmartClient.Create(VectorClient.Options(), handler);

        await client.FormFilling.RequestEMeAsync(
            EMe(form: new FormDetails(new string('n', 255), new string('1', 20), new string('d', 255)), businessId: new string('b', 36), fields: EMeField.Known.ToArray()), Ct);

        Assert.Single(handler.To(IAmSmartFunctions.EMe.Path));
    }

    [Fact]
    public async Task Unknown_field_names_are_sent_only_with_the_explicit_escape_hatch()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = IAmSmartClient.Create(VectorClient.Options(), handler);

        await client.FormFilling.RequestEMeAsync(EMe(fields: [EMeField.EnName, new EMeField("newField2027")], allowUnknown: true), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.EMe.Path).Single().Body);
        Assert.Equal(["enName", "newField2027"], sent["eMEFields"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Unknown_field_message_lists_the_known_names_and_the_escape_hatch_but_a_malformed_name_is_not_quoted()
    {
        var client = Client();

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestEMeAsync(EMe(fields: [new EMeField("favouriteColour")]), Ct));
        var malformed = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestEMeAsync(EMe(fields: [new EMeField("A123456(3)")], allowUnknown: true), Ct));

        Assert.Contains("favouriteColour", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("residentialAddress", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("AllowFieldNamesUnknownToSdk", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_fields_are_checked_against_the_profile_list()
    {
        var client = Client();
        ProfileRequest Profile(params ProfileField[] fields) => new() { AccessToken = DataRequestTests.Token(), CallbackUri = CallbackUri, Fields = fields };

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestProfileAsync(Profile(), Ct));
        var eMeOnly = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestProfileAsync(Profile(new ProfileField("residentialAddress")), Ct));
        var guessed = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestProfileAsync(Profile(ProfileField.ChNameVerified), Ct));

        Assert.All([empty, eMeOnly, guessed], e => Assert.Equal("ProfileRequest.Fields", e.ParamName));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Anonymous_request_is_checked_the_same_way()
    {
        var client = Client();

        var fields = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [], Form = new FormDetails("F") }, Ct));
        var form = await Assert.ThrowsAsync<ArgumentException>(() => client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("F", new string('9', 21)) }, Ct));

        Assert.Equal("AnonymousEMeRequest.Fields", fields.ParamName);
        Assert.Equal("AnonymousEMeRequest.Form.Number", form.ParamName);
        Assert.Empty(_handler.Requests);
    }
}
