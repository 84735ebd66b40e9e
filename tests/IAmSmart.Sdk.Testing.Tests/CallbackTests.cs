using System.Text.Json.Nodes;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>Consent operations answer at once and deliver the user's answer by an encrypted callback.</summary>
public sealed class CallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Sim Sim, RawClient Raw, JsonObject Token)> LoggedInAsync(SimulatorPersona persona, Action<SimulatorOptions>? configure = null)
    {
        var sim = new Sim(configure);
        var raw = new RawClient(sim.Simulator);
        return (sim, raw, await raw.GetTokenAsync(sim.LoginCode(persona)));
    }

    [Theory]
    [InlineData("multipart/form-data", "D00000")]
    [InlineData("multipart/formdata", "D00000")]
    [InlineData("application/json", "D00000")]
    [InlineData("text/xml", "D20003")]
    public async Task EMe_accepts_the_callback_content_types_of_addendum_A3_2_and_refuses_others(string contentType, string code)
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan);
        using (sim)
        using (raw)
        {
            var request = RuleTests.EMeRequest(token, "b1");
            request["callbackContentType"] = contentType;

            Assert.Equal(code, (await raw.CallAsync("account/eme/initiateRequest", request)).Code);
        }
    }

    [Fact]
    public async Task Approved_eMe_request_calls_back_with_the_persona_data_decryptable_with_the_KEK()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan);
        using (sim)
        using (raw)
        {
            var reply = await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            Assert.Equal("D00000", reply.Code);
            Assert.True((bool)reply.Content!["authByQR"]!);
            Assert.Null(reply.Content["ticketID"]);

            var delivered = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            Assert.True(delivered.Delivered);
            Assert.Equal(Sim.Callback, delivered.Callback.RedirectUri);
            var (envelope, plaintext) = await CallbackReader.ReadAsync(sim.Simulator, delivered.Callback);
            Assert.Equal("D00000", (string?)envelope["code"]);
            Assert.Equal("SUCCESS", (string?)envelope["message"]);
            var content = plaintext["content"]!.AsObject(); // wrapped shape by default
            Assert.Equal("b1", (string?)content["businessID"]);
            Assert.Equal("st-b1", (string?)content["state"]);
            Assert.Equal("CHAN, Tai Man", (string?)content["enName"]!["UnstructuredName"]);
            Assert.Equal("陳大文", (string?)content["chName"]!["ChineseName"]);
            Assert.NotNull(content["residentialAddress"]!["EngPremisesAddress"]);
            Assert.Null(content["birthDate"]); // not requested, not released
            Assert.Same(delivered.Callback, Assert.Single(sim.Simulator.Callbacks.Delivered));
        }
    }

    [Theory]
    [InlineData("multipart/form-data", CallbackKeyField.SecretKey)]
    [InlineData("multipart/formdata", CallbackKeyField.Key)] // the spelling of the spec's value tables (addendum §A3.2)
    public async Task Request_for_a_multipart_callback_gets_one_that_the_SDK_reads(string contentType, CallbackKeyField keyField)
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan, o => o.CallbackKeyField = keyField);
        using (sim)
        using (raw)
        {
            var request = RuleTests.EMeRequest(token, "b1");
            request["callbackContentType"] = contentType;
            await raw.CallAsync("account/eme/initiateRequest", request);

            var callback = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct)).Callback;
            using var client = IAmSmartClient.Create(sim.Simulator.CreateClientOptions(), sim.Simulator.CreateHandler(), timeProvider: sim.Clock);
            var read = await client.Callbacks.ReadAsync(System.Text.Encoding.UTF8.GetBytes(callback.Body), callback.ContentType, Ct);

            Assert.StartsWith("multipart/form-data; boundary=", callback.ContentType, StringComparison.Ordinal);
            Assert.Contains(keyField == CallbackKeyField.Key ? "\"key\":" : "\"secretKey\":", callback.Body, StringComparison.Ordinal);
            Assert.True(read.IsSuccess);
            Assert.Equal("b1", read.BusinessId);
            Assert.Equal("CHAN, Tai Man", read.Payload!.Value.GetProperty("enName").GetProperty("UnstructuredName").GetString());
        }
    }

    [Fact]
    public async Task Unknown_callbackContentType_is_an_invalid_parameter()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan);
        using (sim)
        using (raw)
        {
            var request = RuleTests.EMeRequest(token, "b1");
            request["callbackContentType"] = "text/xml";

            var reply = await raw.CallAsync("account/eme/initiateRequest", request);

            Assert.Equal("D20003", reply.Code);
            Assert.Empty(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
        }
    }

    [Fact]
    public async Task Callback_after_key_expiry_carries_a_new_key_that_the_KEK_unwraps()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.SlowApprover);
        using (sim)
        using (raw)
        {
            var requestKey = raw.Key;
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            sim.Simulator.RotateContentKey();
            sim.Clock.Advance(TimeSpan.FromMinutes(2));
            var delivered = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            var (_, plaintext) = await CallbackReader.ReadAsync(sim.Simulator, delivered.Callback);
            Assert.Equal("b1", (string?)plaintext["content"]!["businessID"]);
            using var kek = sim.Simulator.CreateKeyEncryptionKey();
            var callbackKey = await new IAmSmart.Sdk.Crypto.KeyEncryptionKeyRing([kek]).UnwrapAsync((string)JsonNode.Parse(delivered.Callback.Body)!["secretKey"]!, null, null, Ct);
            Assert.NotEqual(requestKey, callbackKey);
        }
    }

    [Theory]
    [InlineData("always-rejects", "D60001")]
    [InlineData("always-cancels", "D60000")]
    public async Task Refusals_call_back_with_their_code_and_no_personal_data(string personaId, string expected)
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.All.Single(p => p.Id == personaId));
        using (sim)
        using (raw)
        {
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            var delivered = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            Assert.Equal(expected, delivered.Callback.Code);
            var (_, plaintext) = await CallbackReader.ReadAsync(sim.Simulator, delivered.Callback);
            var content = plaintext["content"]!.AsObject();
            Assert.Equal("b1", (string?)content["businessID"]);
            Assert.Null(content["enName"]);
        }
    }

    [Fact]
    public async Task User_who_never_answers_times_out_after_18_minutes()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.TimesOut);
        using (sim)
        using (raw)
        {
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            Assert.Empty(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            sim.Clock.Advance(TimeSpan.FromMinutes(17));
            Assert.Empty(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            sim.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("D60003", Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct)).Callback.Code);
        }
    }

    [Fact]
    public async Task Script_overrides_the_persona_per_request_and_next()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan);
        using (sim)
        using (raw)
        {
            sim.Simulator.Script.ForBusinessId("b2", UserBehaviour.Reject);
            sim.Simulator.Script.Next(UserBehaviour.ApproveAfter(TimeSpan.FromSeconds(90)));
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1")); // takes the queued delay
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b2")); // rejected
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b3")); // persona default

            var now = await sim.Simulator.DeliverDueCallbacksAsync(Ct);
            Assert.Equal([("b2", "D60001"), ("b3", "D00000")], now.Select(r => (r.Callback.BusinessId, r.Callback.Code)).OrderBy(x => x.BusinessId));
            Assert.Equal(1, sim.Simulator.PendingCallbackCount);
            sim.Clock.Advance(TimeSpan.FromSeconds(90));
            Assert.Equal("b1", Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct)).Callback.BusinessId);
        }
    }

    [Fact]
    public async Task Bare_shape_puts_the_business_object_at_the_top_of_the_plaintext()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan, o => o.CallbackContentShape = CallbackContentShape.Bare);
        using (sim)
        using (raw)
        {
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            var (_, plaintext) = await CallbackReader.ReadAsync(sim.Simulator, Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct)).Callback);
            Assert.Equal("b1", (string?)plaintext["businessID"]);
            Assert.Null(plaintext["content"]);
        }
    }

    [Fact]
    public async Task Callbacks_go_to_the_configured_sink_and_dropped_ones_do_not()
    {
        var received = new List<SimulatorCallback>();
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.ChanTaiMan, o =>
            o.CallbackSink = SimulatorCallbackSinks.Delegate((c, _) =>
            {
                received.Add(c);
                return Task.CompletedTask;
            }));
        using (sim)
        using (raw)
        {
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b1"));
            await sim.Simulator.DeliverDueCallbacksAsync(Ct);
            Assert.Equal("b1", Assert.Single(received).BusinessId);

            sim.Simulator.Options.Faults.DroppedCallbackRate = 1;
            await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "b2"));
            var dropped = Assert.Single(await sim.Simulator.DeliverDueCallbacksAsync(Ct));
            Assert.False(dropped.Delivered);
            Assert.Single(received);
        }
    }

    [Fact]
    public async Task Profile_and_step_up_call_back_their_shapes_and_app_sources_get_a_ticket()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.OliverBrightwater);
        using (sim)
        using (raw)
        {
            var profile = RuleTests.EMeRequest(token, "p1", source: "iOS_Safari");
            profile.Remove("eMEFields");
            profile["profileFields"] = new JsonArray("idNo", "enName", "chName", "birthDate", "gender");
            var reply = await raw.CallAsync("account/auth/profile/initiateRequest", profile);
            Assert.False((bool)reply.Content!["authByQR"]!);
            Assert.False(string.IsNullOrEmpty((string?)reply.Content["ticketID"]));

            var stepUp = RuleTests.EMeRequest(token, "s1");
            stepUp.Remove("eMEFields");
            Assert.Equal("D00000", (await raw.CallAsync("account/stepup/initiateRequest", stepUp)).Code);

            var results = await sim.Simulator.DeliverDueCallbacksAsync(Ct);
            var profileData = (await CallbackReader.ReadAsync(sim.Simulator, results.Single(r => r.Callback.BusinessId == "p1").Callback)).Plaintext["content"]!;
            Assert.Equal("Z682104", (string?)profileData["idNo"]!["Identification"]);
            Assert.Equal("A", (string?)profileData["idNo"]!["CheckDigit"]);
            Assert.Null(profileData["chName"]); // the persona has none
            var stepUpData = (await CallbackReader.ReadAsync(sim.Simulator, results.Single(r => r.Callback.BusinessId == "s1").Callback)).Plaintext["content"]!;
            Assert.True((bool)stepUpData["isPassed"]!);
        }
    }

    // The simulator takes the scope from the SDK's function table: re-authentication needs eidapi_fr (contract §6).
    [Theory]
    [InlineData(new[] { "eidapi_auth" }, "D20012")]
    [InlineData(new[] { "eidapi_auth", "eidapi_fr" }, "D00000")]
    public async Task Re_authentication_needs_the_eidapi_fr_scope_the_login_asked_for(string[] scopes, string code)
    {
        using var sim = new Sim();
        using var raw = new RawClient(sim.Simulator);
        var token = await raw.GetTokenAsync(sim.LoginCode(SimulatorPersonas.ChanTaiMan, scopes));
        Assert.Equal(string.Join(' ', scopes), (string?)token["scope"]);

        var stepUp = RuleTests.EMeRequest(token, "s1");
        stepUp.Remove("eMEFields");

        Assert.Equal(code, (await raw.CallAsync("account/stepup/initiateRequest", stepUp)).Code);
    }

    [Fact]
    public async Task Synchronous_profiles_return_the_data_when_the_scope_was_granted()
    {
        var (sim, raw, token) = await LoggedInAsync(SimulatorPersonas.WongKaYan);
        using (sim)
        using (raw)
        {
            var reply = await raw.CallAsync("profiles", new JsonObject
            {
                ["accessToken"] = (string)token["accessToken"]!,
                ["openID"] = (string)token["openID"]!,
                ["profileFields"] = new JsonArray("enName"),
                ["eMEFields"] = new JsonArray("addressDocInfo", "postalAddress"),
            });
            Assert.Equal("D00000", reply.Code);
            Assert.Equal("WONG, Ka Yan", (string?)reply.Content!["enName"]!["UnstructuredName"]);
            Assert.Equal(10001, (int)reply.Content["postalAddress"]!["PostBoxAddress"]!["EngPostBox"]!["PoBoxNo"]!);
            Assert.NotNull(reply.Content["addressDocInfo"]!["enServiceAddress"]);
        }
    }

    [Fact]
    public async Task Automatic_delivery_sends_a_due_callback_without_being_asked()
    {
        using var simulator = new IAmSmartSimulator(); // DeliverCallbacksAutomatically defaults to true
        using var raw = new RawClient(simulator);
        var code = simulator.SignIn("chan-tai-man", Sim.Callback, ["eidapi_formFilling"], "s").Code!;
        var token = await raw.GetTokenAsync(code);
        await raw.CallAsync("account/eme/initiateRequest", RuleTests.EMeRequest(token, "auto-1"));

        // The bound only keeps a broken build from hanging the run; delivery follows the response at once.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var callback = await simulator.Callbacks.WaitForAsync(c => c.BusinessId == "auto-1", bound.Token);
        Assert.Equal("D00000", callback.Code);
    }
}
