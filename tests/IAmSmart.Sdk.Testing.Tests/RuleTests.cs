using System.Net;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>The request rules, each with the return code iAM Smart uses for it.</summary>
public sealed class RuleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signature_over_another_body_gets_D20006()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var signer = new IAmSmart.Sdk.Crypto.HmacSha256RequestSigner(sim.Simulator.ClientSecret);
        var ts = raw.NextTimestamp().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var envelope = await raw.PostEnvelopeAsync("security/getKey", "{}", nonce: "n1", timestamp: long.Parse(ts, System.Globalization.CultureInfo.InvariantCulture), signature: signer.Sign(sim.Simulator.ClientId, ts, "n1", "{ }"));
        Assert.Equal("D20006", (string?)envelope["code"]);
        Assert.Null(envelope["content"]);
    }

    [Fact]
    public async Task Signature_without_url_encoding_gets_D20006_unless_allowed()
    {
        using var strict = new Sim();
        using var lenient = new Sim(o => o.AcceptUnencodedSignature = true);
        foreach (var (sim, expected) in new[] { (strict, "D20006"), (lenient, "D00000") })
        {
            using var raw = new RawClient(sim.Simulator);
            var signer = new IAmSmart.Sdk.Crypto.HmacSha256RequestSigner(sim.Simulator.ClientSecret);
            string? encoded = null;
            long ts;
            string nonce;
            do
            {
                // Find a signature that URL encoding changes, so that the test cannot pass by luck.
                ts = raw.NextTimestamp();
                nonce = Guid.NewGuid().ToString("N");
                encoded = signer.Sign(sim.Simulator.ClientId, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, "{}");
            }
            while (!encoded.Contains('%', StringComparison.Ordinal));

            var envelope = await raw.PostEnvelopeAsync("security/getKey", "{}", nonce, ts, Uri.UnescapeDataString(encoded));
            Assert.Equal(expected, (string?)envelope["code"]);
        }
    }

    [Fact]
    public async Task Replayed_nonce_gets_D20004()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        Assert.Equal("D00000", (string?)(await raw.PostEnvelopeAsync("security/getKey", "{}", nonce: "same-nonce"))["code"]);
        Assert.Equal("D20004", (string?)(await raw.PostEnvelopeAsync("security/getKey", "{}", nonce: "same-nonce"))["code"]);
    }

    [Fact]
    public async Task Timestamp_lower_than_the_previous_gets_D20004_and_an_equal_one_passes()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var ts = raw.NextTimestamp();
        Assert.Equal("D00000", (string?)(await raw.PostEnvelopeAsync("security/getKey", "{}", timestamp: ts))["code"]);
        Assert.Equal("D00000", (string?)(await raw.PostEnvelopeAsync("security/getKey", "{}", timestamp: ts))["code"]);
        Assert.Equal("D20004", (string?)(await raw.PostEnvelopeAsync("security/getKey", "{}", timestamp: ts - 1))["code"]);
    }

    [Theory]
    [InlineData("nonce", null, "D20001")]
    [InlineData("timestamp", "", "D20002")]
    [InlineData("signatureMethod", "HmacSHA1", "D20005")]
    [InlineData("clientID", "someone-else", "D20003")]
    public async Task Header_rules_have_their_codes(string header, string? value, string expected)
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var envelope = await raw.PostEnvelopeAsync("security/getKey", "{}", tamper: r =>
        {
            r.Headers.Remove(header);
            if (value is not null)
            {
                r.Headers.TryAddWithoutValidation(header, value);
            }
        });
        Assert.Equal(expected, (string?)envelope["code"]);
    }

    [Fact]
    public async Task Body_over_the_limit_gets_HTTP_413()
    {
        using var sim = new Sim(o => o.MaxRequestBodyBytes = 1024);
        using var raw = new RawClient(sim.Simulator);
        using var response = await raw.PostAsync("auth/getToken", "{\"content\":\"" + new string('A', 2048) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Missing_and_empty_parameters_get_D20001_and_D20002()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        Assert.Equal("D20001", (await raw.CallAsync("auth/getToken", new JsonObject { ["grantType"] = "authorization_code" })).Code);
        Assert.Equal("D20002", (await raw.CallAsync("auth/getToken", new JsonObject { ["code"] = "", ["grantType"] = "authorization_code" })).Code);
        Assert.Equal("D20001", (await raw.PostEnvelopeAsync("auth/getToken", "{}"))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorisation_code_is_single_use_D40004()
    {
        using var sim = new Sim();
        var client = sim.Simulator.CreateClient();
        var code = sim.LoginCode(SimulatorPersonas.ChanTaiMan);
        var token = await client.Auth.GetTokenAsync(code, Ct);
        Assert.Contains(new IAmSmart.Sdk.Auth.IAmSmartScope("eidapi_auth"), token.Scopes);
        var again = await Assert.ThrowsAsync<IAmSmartExpiredException>(() => client.Auth.GetTokenAsync(code, Ct));
        Assert.Equal("D40004", again.Code);
    }

    [Fact]
    public async Task Authorisation_code_expires_after_30_seconds_D40004()
    {
        using var sim = new Sim();
        var client = sim.Simulator.CreateClient();
        var fresh = sim.LoginCode(SimulatorPersonas.ChanTaiMan);
        var stale = sim.LoginCode(SimulatorPersonas.ChanTaiMan);
        sim.Clock.Advance(TimeSpan.FromSeconds(29));
        await client.Auth.GetTokenAsync(fresh, Ct);
        sim.Clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<IAmSmartExpiredException>(() => client.Auth.GetTokenAsync(stale, Ct));
        Assert.Equal("D40004", error.Code);
    }

    [Fact]
    public async Task Expired_or_unknown_access_token_gets_D20009()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        Assert.Equal("D00000", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b1"))).Code);

        sim.Clock.Advance(TimeSpan.FromHours(4));
        await raw.GetKeyAsync(); // the content key expired too
        Assert.Equal("D20009", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b2"))).Code);
        token["accessToken"] = "0123456789abcdef0123456789abcdef";
        Assert.Equal("D20009", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b3"))).Code);
    }

    [Fact]
    public async Task OpenId_of_another_user_gets_D20010()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        token["openID"] = "someone-else";
        Assert.Equal("D20010", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b1"))).Code);
    }

    [Fact]
    public async Task Unregistered_redirect_URI_gets_D20008_in_the_API_and_on_the_login_page()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        var request = EMeRequest(token, "b1");
        request["redirectURI"] = "https://attacker.example/steal";
        Assert.Equal("D20008", (await raw.CallAsync("account/eme/initiateRequest", request)).Code);

        var page = sim.Simulator.CreateGetQrUrl(new Uri("https://attacker.example/steal"), ["eidapi_auth"], "s1");
        using var response = await raw.Http.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("D20008", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("D20008", sim.Simulator.Authorize(page, SimulatorPersonas.ChanTaiMan.Id).ErrorCode);
    }

    [Fact]
    public void Registering_a_redirect_URI_makes_it_acceptable()
    {
        using var sim = new Sim();
        var uri = new Uri("https://bank.example/login/callback");
        Assert.Equal("D20008", sim.Simulator.SignIn("chan-tai-man", uri, ["eidapi_auth"]).ErrorCode);
        sim.Simulator.RegisterRedirectUri(uri.AbsoluteUri);
        Assert.True(sim.Simulator.SignIn("chan-tai-man", uri, ["eidapi_auth"]).IsApproved);
    }

    [Fact]
    public async Task Function_outside_the_granted_scopes_gets_D20012()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan, "eidapi_auth"));
        Assert.Equal("D20012", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b1"))).Code);
    }

    [Fact]
    public void Login_with_a_scope_not_approved_for_the_e_service_returns_error_code_D20012()
    {
        using var sim = new Sim(o => o.ApprovedScopes.Remove("eidapi_sign"));
        var redirect = sim.Simulator.SignIn("chan-tai-man", Sim.Callback, ["eidapi_auth", "eidapi_sign"], "s1");
        Assert.Equal("D20012", redirect.ErrorCode);
        Assert.Contains("error_code=D20012", redirect.Location!.Query, StringComparison.Ordinal);
        Assert.Contains("state=s1", redirect.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_businessID_gets_D20011()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        Assert.Equal("D00000", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b1"))).Code);
        Assert.Equal("D20011", (await raw.CallAsync("account/eme/initiateRequest", EMeRequest(token, "b1"))).Code);
    }

    // The SDK's one businessID rule (contract §13, addendum §A4.2): printable ASCII ≤ 36, without space.
    [Theory]
    [InlineData("INV-2026/0001.a:b", "D00000")]
    [InlineData("123456789012345678901234567890123456", "D00000")]
    [InlineData("1234567890123456789012345678901234567", "D20003")]
    [InlineData("INV 2026", "D20003")]
    [InlineData("發票-1", "D20003")]
    public async Task BusinessID_is_printable_ascii_up_to_36(string businessId, string code)
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        var request = EMeRequest(token, businessId);
        request["state"] = "st-1";

        Assert.Equal(code, (await raw.CallAsync("account/eme/initiateRequest", request)).Code);
    }

    [Fact]
    public async Task Unknown_source_gets_D20007_and_empty_field_list_D20002()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan));
        var request = EMeRequest(token, "b1");
        request["source"] = "Nokia_Browser";
        Assert.Equal("D20007", (await raw.CallAsync("account/eme/initiateRequest", request)).Code);
        request = EMeRequest(token, "b2");
        request["eMEFields"] = new JsonArray();
        Assert.Equal("D20002", (await raw.CallAsync("account/eme/initiateRequest", request)).Code);
    }

    internal static JsonObject EMeRequest(JsonObject token, string businessId, string source = "PC_Browser", params string[] fields) => new()
    {
        ["openID"] = (string)token["openID"]!,
        ["accessToken"] = (string)token["accessToken"]!,
        ["businessID"] = businessId,
        ["source"] = source,
        ["redirectURI"] = Sim.Callback.AbsoluteUri,
        ["state"] = "st-" + businessId,
        ["lang"] = "en-US",
        ["eMEFields"] = new JsonArray([.. (fields.Length > 0 ? fields : ["enName", "chName", "residentialAddress"]).Select(f => (JsonNode)f)]),
        ["formName"] = "Account opening",
        ["formNum"] = "AO-1",
        ["formDesc"] = "Open an account",
    };
}
