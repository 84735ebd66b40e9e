using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.FormFilling;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// What iAM Smart decrypts: request JSON written as the production client writes it (no <c>\uXXXX</c> for <c>+ / =</c>,
/// CJK or <c>&amp; &lt; &gt; '</c>), and <c>lang</c> from the request or else from <see cref="IAmSmartOptions.DefaultLanguage"/>.
/// </summary>
public sealed class RequestWireTests
{
    private const string Cjk = "數碼港銀行";
    private const string Html = "A & B <Ltd> 'HK'";
    private const string Base64Like = "a+b/c==";
    private static readonly Uri CallbackUri = new("https://rp.example/iamsmart/callback");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Plaintext(RecordedRequest request)
    {
        var content = JsonNode.Parse(request.Body)!["content"]!.GetValue<string>();
        return Encoding.UTF8.GetString(AesGcmContentCipher.Instance.Decrypt(content, VectorClient.Cek()));
    }

    private static IAmSmartClient Client(FakeIAmSmartHandler handler, string? defaultLanguage = null)
    {
        var options = VectorClient.Options();
        options.DefaultLanguage = defaultLanguage;
        return VectorClient.Create(handler, options);
    }

    [Fact]
    public async Task Request_json_keeps_plus_slash_equals_cjk_and_html_characters_literal_on_the_wire()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.EMe.Path, """{"authByQR":true}""");
        var client = Client(handler);

        await client.FormFilling.RequestEMeAsync(
            new EMeRequest
            {
                AccessToken = DataRequestTests.Token(),
                CallbackUri = CallbackUri,
                Fields = [EMeField.EnName],
                Form = new FormDetails(Cjk, Base64Like, Html),
                Source = IAmSmartSource.PcBrowser,
            },
            Ct);

        var plaintext = Plaintext(handler.To(IAmSmartFunctions.EMe.Path).Single());
        Assert.Contains($"\"formName\":\"{Cjk}\"", plaintext, StringComparison.Ordinal);
        Assert.Contains($"\"formNum\":\"{Base64Like}\"", plaintext, StringComparison.Ordinal);
        Assert.Contains($"\"formDesc\":\"{Html}\"", plaintext, StringComparison.Ordinal);
        Assert.Contains("\"openID\":\"open+id/1=\"", plaintext, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", plaintext, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_still_escaped()
    {
        var json = Encoding.UTF8.GetString(IAmSmartTransport.SerializeRequest(
            new ProfileWireRequest
            {
                OpenId = "o", AccessToken = "t", BusinessId = "q\"b\\c\nd", Source = "PC_Browser", RedirectUri = "r", State = "s", ProfileFields = [],
            },
            FormFillingWireJsonContext.Default.ProfileWireRequest));

        Assert.Contains("\"businessID\":\"q\\\"b\\\\c\\nd\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_default_language_is_sent_with_profile_eMe_anonymous_eMe_and_step_up()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.Profile.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""))
            .OnJson(IAmSmartFunctions.EMe.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""))
            .OnJson(IAmSmartFunctions.AnonymousEMe.Path, (_, _) => VectorClient.Success("""{"ticketID":"anon-1"}"""))
            .OnJson(IAmSmartFunctions.StepUp.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""));
        var client = Client(handler, "en-US");

        await client.FormFilling.RequestProfileAsync(
            new ProfileRequest { AccessToken = DataRequestTests.Token(), CallbackUri = CallbackUri, Fields = [ProfileField.EnName], Source = IAmSmartSource.PcBrowser },
            Ct);
        await client.FormFilling.RequestEMeAsync(
            new EMeRequest { AccessToken = DataRequestTests.Token(), CallbackUri = CallbackUri, Fields = [EMeField.EnName], Form = new FormDetails("Form"), Source = IAmSmartSource.PcBrowser },
            Ct);
        await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("Form") }, Ct);
        await client.Auth.InitiateStepUpAsync(
            new StepUpRequest { AccessToken = DataRequestTests.Token(), CallbackUri = CallbackUri, BusinessId = "biz-1", State = "state-1", Source = IAmSmartSource.PcBrowser },
            Ct);

        foreach (var path in new[] { IAmSmartFunctions.Profile.Path, IAmSmartFunctions.EMe.Path, IAmSmartFunctions.AnonymousEMe.Path, IAmSmartFunctions.StepUp.Path })
        {
            Assert.Equal("en-US", (string?)VectorClient.DecryptRequest(handler.To(path).Single().Body)["lang"]);
        }
    }

    [Fact]
    public async Task A_request_language_overrides_the_configured_default()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"anon-1"}""");
        var client = Client(handler, "en-US");

        await client.FormFilling.RequestAnonymousEMeAsync(
            new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("Form"), Language = IAmSmartLanguage.SimplifiedChinese }, Ct);

        Assert.Equal("zh-CN", (string?)VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.AnonymousEMe.Path).Single().Body)["lang"]);
    }

    [Fact]
    public async Task The_login_url_carries_the_configured_default_language_unless_the_request_names_one()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"anon-1"}""");
        var client = Client(handler, "zh-CN");

        var plain = client.Auth.CreateLoginUrl(new LoginRequest { RedirectUri = CallbackUri, Source = IAmSmartSource.PcBrowser });
        var own = client.Auth.CreateLoginUrl(new LoginRequest { RedirectUri = CallbackUri, Source = IAmSmartSource.PcBrowser, Language = IAmSmartLanguage.English });
        var pending = await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("Form") }, Ct);
        var anonymous = client.FormFilling.CreateAnonymousLoginUrl(pending, CallbackUri, IAmSmartSource.PcBrowser);

        Assert.Contains("&lang=zh-CN&", plain.Url.Query, StringComparison.Ordinal);
        Assert.Contains("&lang=en-US&", own.Url.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("zh-CN", own.Url.Query, StringComparison.Ordinal);
        Assert.Contains("&lang=zh-CN&", anonymous.Url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_default_language_no_lang_is_sent()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousEMe.Path, """{"ticketID":"anon-1"}""");
        var client = Client(handler);

        await client.FormFilling.RequestAnonymousEMeAsync(new AnonymousEMeRequest { Fields = [EMeField.EnName], Form = new FormDetails("Form") }, Ct);
        var login = client.Auth.CreateLoginUrl(new LoginRequest { RedirectUri = CallbackUri, Source = IAmSmartSource.PcBrowser });

        Assert.False(VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.AnonymousEMe.Path).Single().Body).ContainsKey("lang"));
        Assert.DoesNotContain("lang=", login.Url.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", true)]
    [InlineData("zh-HK", true)]
    [InlineData(null, true)]
    [InlineData("en", false)]
    [InlineData("English", false)]
    [InlineData("", false)]
    public void Default_language_must_be_a_language_tag(string? value, bool valid)
    {
        var options = VectorClient.Options();
        options.DefaultLanguage = value;

        var result = new IAmSmartOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("IAmSmart:DefaultLanguage", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
