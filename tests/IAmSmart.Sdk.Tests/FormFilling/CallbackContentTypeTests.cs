using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.FormFilling;

/// <summary>The optional <c>callbackContentType</c> of the logged-in profile and e-ME initiate requests (addendum §A3.2).</summary>
public sealed class CallbackContentTypeTests
{
    private static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (IAmSmartClient Client, FakeIAmSmartHandler Handler) Client()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        handler.OnJson(IAmSmartFunctions.Profile.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""));
        return (IAmSmartClient.Create(VectorClient.Options(), handler), handler);
    }

    private static EMeRequest EMe(FormFillingCallbackContentType? contentType) => new()
    {
        AccessToken = DataRequestTests.Token(),
        CallbackUri = CallbackUri,
        Fields = [EMeField.AddressDocInfo, EMeField.AddressDocFile],
        Form = new FormDetails("Address proof"),
        Source = IAmSmartSource.PcBrowser,
        CallbackContentType = contentType,
    };

    private static ProfileRequest Profile(FormFillingCallbackContentType? contentType) => new()
    {
        AccessToken = DataRequestTests.Token(),
        CallbackUri = CallbackUri,
        Fields = [ProfileField.EnName],
        Source = IAmSmartSource.PcBrowser,
        CallbackContentType = contentType,
    };

    [Theory]
    [InlineData(FormFillingCallbackContentType.MultipartFormData, "multipart/form-data")]
    [InlineData(FormFillingCallbackContentType.Json, "application/json")]
    public async Task EMe_request_sends_the_content_type_last(FormFillingCallbackContentType contentType, string expected)
    {
        var (client, handler) = Client();

        await client.FormFilling.RequestEMeAsync(EMe(contentType), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.EMe.Path).Single().Body);
        Assert.Equal(expected, (string?)sent["callbackContentType"]);
        Assert.Equal("callbackContentType", sent.Last().Key);
        Assert.Equal(["addressDocInfo", "addressDocFile"], sent["eMEFields"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Profile_request_sends_the_multipart_content_type()
    {
        var (client, handler) = Client();

        await client.FormFilling.RequestProfileAsync(Profile(FormFillingCallbackContentType.MultipartFormData), Ct);

        var sent = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.Profile.Path).Single().Body);
        Assert.Equal("multipart/form-data", (string?)sent["callbackContentType"]);
    }

    [Fact]
    public async Task The_content_type_is_absent_by_default()
    {
        var (client, handler) = Client();

        await client.FormFilling.RequestEMeAsync(EMe(null), Ct);
        await client.FormFilling.RequestProfileAsync(Profile(null), Ct);

        Assert.False(VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.EMe.Path).Single().Body).ContainsKey("callbackContentType"));
        Assert.False(VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.Profile.Path).Single().Body).ContainsKey("callbackContentType"));
    }

    [Fact]
    public async Task An_undefined_content_type_is_refused_before_anything_is_sent()
    {
        var (client, handler) = Client();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.FormFilling.RequestEMeAsync(EMe((FormFillingCallbackContentType)7), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.FormFilling.RequestProfileAsync(Profile((FormFillingCallbackContentType)7), Ct));

        Assert.Equal("EMeRequest.CallbackContentType", error.ParamName);
        Assert.Empty(handler.Requests);
    }
}
