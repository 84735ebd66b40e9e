using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.ContractTests.Infrastructure;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.ContractTests;

/// <summary>auth/getToken (contract §5.4) against the WireMock fixture that answers the official sample token.</summary>
[Collection(WireMockContractServer.Name)]
public sealed class GetTokenContractTests(WireMockServer server)
{
    // Auth codes may carry + / = (contract §5.3): they must reach iAM Smart unchanged.
    private static string NewAuthCode() => "ct+" + Guid.NewGuid().ToString("N")[..12] + "/=";

    [Fact]
    public async Task GetToken_returns_the_token_of_the_official_sample()
    {
        using var session = await ContractSession.StartAsync(server);
        var expected = ContractData.Sample("responses/getToken.json");

        var token = await session.Client.Auth.GetTokenAsync(NewAuthCode(), TestContext.Current.CancellationToken);

        var issueAt = expected["issueAt"]!.GetValue<long>();
        Assert.Equal(expected["accessToken"]!.GetValue<string>(), token.Token);
        Assert.Equal(expected["tokenType"]!.GetValue<string>(), token.TokenType);
        Assert.Equal(expected["openID"]!.GetValue<string>(), token.OpenId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(issueAt), token.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(issueAt + expected["expiresIn"]!.GetValue<long>()), token.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected["lastModifiedDate"]!.GetValue<long>()), token.LastModifiedAt);
        Assert.Equal(
            expected["userType"]!.GetValue<string>() switch { "sign" => IAmSmartUserType.SigningCapable, "default" => IAmSmartUserType.Standard, _ => IAmSmartUserType.Unknown },
            token.UserType);
        Assert.Equal(
            expected["scope"]!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            token.Scopes.Select(s => s.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetToken_sends_getKey_then_one_signed_request_whose_content_carries_the_code()
    {
        using var session = await ContractSession.StartAsync(server);
        var code = NewAuthCode();

        await session.Client.Auth.GetTokenAsync(code, TestContext.Current.CancellationToken);

        var journal = await session.JournalAsync();
        Assert.Equal(2, journal.Count);
        Assert.True(journal[0].IsFor(IAmSmartFunctions.GetKey.Path));
        Assert.True(journal[1].IsFor(IAmSmartFunctions.GetToken.Path));
        RequestJournal.AssertHonoursContract(journal[0], ContractData.GetKeyCek);
        var plaintext = RequestJournal.AssertHonoursContract(journal[1], ContractData.GetKeyCek);
        Assert.Equal(code, plaintext["code"]!.GetValue<string>());
        Assert.Equal("authorization_code", plaintext["grantType"]!.GetValue<string>());
        Assert.NotEqual(journal[0].Header("nonce"), journal[1].Header("nonce"));
        Assert.True(
            string.CompareOrdinal(journal[0].Header("timestamp"), journal[1].Header("timestamp")) <= 0,
            "timestamps must never go back (D20004)");
    }

    [Fact]
    public async Task GetToken_reuses_the_cached_key_for_a_second_login()
    {
        using var session = await ContractSession.StartAsync(server);

        await session.Client.Auth.GetTokenAsync(NewAuthCode(), TestContext.Current.CancellationToken);
        await session.Client.Auth.GetTokenAsync(NewAuthCode(), TestContext.Current.CancellationToken);

        var journal = await session.JournalAsync();
        Assert.Single(journal, r => r.IsFor(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(2, journal.Count(r => r.IsFor(IAmSmartFunctions.GetToken.Path)));
    }

    [Fact]
    public async Task Direct_login_v2_web_code_is_sent_with_the_string_flag_and_no_verifier()
    {
        using var session = await ContractSession.StartAsync(server);
        var code = NewAuthCode();

        await session.Client.Auth.GetTokenAsync(DirectLoginV2Callback.Parse($"?code={Uri.EscapeDataString(code)}&RefID=REF-1"), TestContext.Current.CancellationToken);

        var plaintext = RequestJournal.AssertHonoursContract((await session.JournalAsync()).Single(r => r.IsFor(IAmSmartFunctions.GetToken.Path)), ContractData.GetKeyCek);
        Assert.Equal(code, plaintext["code"]!.GetValue<string>());
        Assert.Equal(System.Text.Json.JsonValueKind.String, plaintext["isDirectLoginV2"]!.GetValueKind()); // S5 sends "true", a string (addendum §A5.6)
        Assert.Equal("true", plaintext["isDirectLoginV2"]!.GetValue<string>());
        Assert.Null(plaintext["code_verifier"]);
        Assert.Null(plaintext["RefID"]); // the RefID is for troubleshooting, never sent back
    }

    [Fact]
    public async Task Direct_login_v2_app_code_is_sent_with_its_code_verifier()
    {
        using var session = await ContractSession.StartAsync(server);
        var code = NewAuthCode();

        await session.Client.Auth.GetTokenAsync(DirectLoginV2Callback.FromValues(code, "DxjdFp0vKYCY4F0DE6M3eEadLxcJBTb6k4LZ9J5z"), TestContext.Current.CancellationToken);

        var plaintext = RequestJournal.AssertHonoursContract((await session.JournalAsync()).Single(r => r.IsFor(IAmSmartFunctions.GetToken.Path)), ContractData.GetKeyCek);
        Assert.Equal(["code", "grantType", "isDirectLoginV2", "code_verifier"], plaintext.AsObject().Select(p => p.Key));
        Assert.Equal("DxjdFp0vKYCY4F0DE6M3eEadLxcJBTb6k4LZ9J5z", plaintext["code_verifier"]!.GetValue<string>());
    }
}
