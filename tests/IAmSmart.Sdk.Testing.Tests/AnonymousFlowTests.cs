using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Engine;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>Initiate → ticket → the user scans on the login page → code with businessID → getToken → getResult.</summary>
public sealed class AnonymousFlowTests
{
    private static async Task<(AuthorizationRedirect Redirect, JsonObject? Token)> ScanAsync(Sim sim, RawClient raw, string ticketId, SimulatorPersona persona, UserAction action = UserAction.Approve)
    {
        var url = sim.Simulator.CreateGetQrUrl(Sim.Callback, ["eidapi_formFilling", "eidapi_sign"], "anon-state", ticketId);
        var redirect = sim.Simulator.Authorize(url, persona.Id, action);
        return (redirect, redirect.Code is null ? null : await raw.GetTokenAsync(redirect.Code));
    }

    [Fact]
    public async Task Anonymous_eMe_returns_the_data_through_getResult()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var initiate = await raw.CallAsync("anonymous/eme/initiateRequest", new JsonObject
        {
            ["businessID"] = "anon-1",
            ["lang"] = "zh-HK",
            ["eMEFields"] = new JsonArray("enName", "residentialAddress"),
            ["formName"] = "Insurance claim",
        });
        Assert.Equal("D00000", initiate.Code);
        var (redirect, token) = await ScanAsync(sim, raw, (string)initiate.Content!["ticketID"]!, SimulatorPersonas.LiMeiLing);

        Assert.Equal("anon-1", redirect.BusinessId);
        Assert.Contains("businessID=anon-1", redirect.Location!.Query, StringComparison.Ordinal);
        var result = await raw.CallAsync("anonymous/eme/getResult", new JsonObject { ["accessToken"] = (string)token!["accessToken"]!, ["openID"] = (string)token["openID"]! });
        Assert.Equal("D00000", result.Code);
        Assert.Equal("樣本街", (string?)result.Content!["residentialAddress"]!["ChiPremisesAddress"]!["ChiStreet"]!["StreetName"]);
        Assert.Null(result.Content["residentialAddress"]!["EngPremisesAddress"]);
    }

    [Fact]
    public async Task Anonymous_signing_checks_the_signer_at_getResult()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var hash = Convert.ToBase64String(SHA256.HashData("invented document"u8.ToArray()));

        async Task<string> SignAsAsync(string businessId, SimulatorPersona scanner, string hkicHash)
        {
            var initiate = await raw.CallAsync("anonymous/signing/initiateRequest", new JsonObject
            {
                ["businessID"] = businessId,
                ["source"] = "PC_Browser",
                ["state"] = "s",
                ["hashCode"] = hash,
                ["redirectURI"] = Sim.Callback.AbsoluteUri,
                ["department"] = "Simulated Insurer",
                ["documentName"] = "claim.pdf",
                ["serviceName"] = "Claims",
                ["HKICHash"] = hkicHash,
            });
            Assert.Matches("^[0-9]{4}$", (string)initiate.Content!["signCode"]!);
            var (_, token) = await ScanAsync(sim, raw, (string)initiate.Content["ticketID"]!, scanner);
            var result = await raw.CallAsync("anonymous/signing/getResult", new JsonObject { ["accessToken"] = (string)token!["accessToken"]!, ["openID"] = (string)token["openID"]! });
            if (result.Code == "D00000")
            {
                Assert.Equal(hash, (string?)result.Content!["hashCode"]);
                Assert.False(string.IsNullOrEmpty((string?)result.Content["signature"]));
            }

            return result.Code;
        }

        Assert.Equal("D00000", await SignAsAsync("a1", SimulatorPersonas.ChanTaiMan, SimulatorPersonas.ChanTaiMan.HkicHash));
        Assert.Equal("D70005", await SignAsAsync("a2", SimulatorPersonas.ChanTaiMan, SimulatorPersonas.Minimal.HkicHash));
        Assert.Equal("D70004", await SignAsAsync("a3", SimulatorPersonas.NotSigningCapable, SimulatorPersonas.NotSigningCapable.HkicHash));
    }

    [Fact]
    public async Task Anonymous_pdf_signing_returns_a_CMS_through_getResult()
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var initiate = await raw.CallAsync("anonymous/pdfsigning/initiateRequest", new JsonObject
        {
            ["businessID"] = "p1",
            ["source"] = "Android_Chrome",
            ["redirectURI"] = Sim.Callback.AbsoluteUri,
            ["docDigest"] = Convert.ToBase64String(SHA256.HashData("pdf byte range"u8.ToArray())),
            ["HKICHash"] = SimulatorPersonas.VillageLot.HkicHash,
        });
        Assert.False((bool)initiate.Content!["authByQR"]!);
        var (_, token) = await ScanAsync(sim, raw, (string)initiate.Content["ticketID"]!, SimulatorPersonas.VillageLot);
        var result = await raw.CallAsync("anonymous/pdfsigning/getResult", new JsonObject { ["accessToken"] = (string)token!["accessToken"]!, ["openID"] = (string)token["openID"]! });
        Assert.Equal("D00000", result.Code);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms(new System.Security.Cryptography.Pkcs.ContentInfo("pdf byte range"u8.ToArray()), detached: true);
        cms.Decode(Convert.FromBase64String((string)result.Content!["pdfSignature"]!));
        cms.CheckSignature(verifySignatureOnly: true);
    }

    [Theory]
    [InlineData(UserAction.Reject, "D40001")]
    [InlineData(UserAction.Cancel, "D40000")]
    [InlineData(UserAction.TimeOut, "D40003")]
    public async Task Refusal_on_the_login_page_redirects_with_error_code_and_state(UserAction action, string expected)
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var initiate = await raw.CallAsync("anonymous/eme/initiateRequest", new JsonObject { ["businessID"] = "r1", ["eMEFields"] = new JsonArray("enName") });
        var (redirect, token) = await ScanAsync(sim, raw, (string)initiate.Content!["ticketID"]!, SimulatorPersonas.ChanTaiMan, action);
        Assert.Null(token);
        Assert.Equal(expected, redirect.ErrorCode);
        Assert.Equal($"?error_code={expected}&state=anon-state", redirect.Location!.Query);
    }

    [Fact]
    public void Persona_behaviour_decides_a_login_without_an_explicit_action()
    {
        using var sim = new Sim();
        Assert.Equal("D40000", sim.Simulator.SignIn(SimulatorPersonas.AlwaysCancels.Id, Sim.Callback, ["eidapi_auth"], "s").ErrorCode);
        Assert.Equal("D40001", sim.Simulator.SignIn(SimulatorPersonas.AlwaysRejects.Id, Sim.Callback, ["eidapi_auth"], "s").ErrorCode);
        Assert.Equal("D40003", sim.Simulator.SignIn(SimulatorPersonas.TimesOut.Id, Sim.Callback, ["eidapi_auth"], "s").ErrorCode);
        var approved = sim.Simulator.SignIn(SimulatorPersonas.ChanTaiMan.Id, Sim.Callback, ["eidapi_auth"], "s");
        Assert.Equal(Uri.EscapeDataString(approved.Code!), approved.Location!.Query.Split('&')[0]["?code=".Length..]);
    }
}
