using System.Net;
using System.Security.Cryptography;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Testing.Personas;
using IAmSmart.Sdk.Testing.Tests.Support;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// The e-bill address proof (addendum §A6.1) through the simulator: asked for in e-ME on behalf of one end user (with
/// the <c>x-forwarded-for</c> header, which the simulator's signature check must ignore), released, verified and saved.
/// </summary>
public sealed class AddressProofJourneyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Address_proof_asked_for_an_end_user_is_released_verified_and_streamed()
    {
        using var journey = new FormFillingJourney();
        var persona = SimulatorPersonas.WongKaYan;
        var user = journey.Client.ForEndUser(IPAddress.Parse("2001:db8::7"));

        var token = await user.Auth.GetTokenAsync(journey.Sim.LoginCode(persona), Ct);
        var pending = await user.FormFilling.RequestEMeAsync(
            new EMeRequest
            {
                AccessToken = token,
                CallbackUri = Sim.Callback,
                Fields = [EMeField.AddressDocInfo, EMeField.AddressDocFile],
                Form = new FormDetails("Proof of address"),
                Source = IAmSmartSource.PcBrowser,
                CallbackContentType = FormFillingCallbackContentType.MultipartFormData, // accepted; the simulator still calls back in JSON
            },
            Ct);
        await journey.AnswerAsync(persona);
        var result = await journey.Client.FormFilling.WaitForResultAsync(pending, Ct);

        Assert.True(result.IsReleased);
        Assert.Equal(["addressDocInfo", "addressDocFile"], result.Receipt.FieldsReleased);
        var info = result.Data.AddressDocInfo!;
        var file = result.Data.AddressDocFile!;
        Assert.Equal("Simulated Power Company", info.EnProviderName);
        Assert.Equal("模拟电力公司", info.ScProviderName);
        Assert.Equal("WONG KA YAN", info.EnUserName);
        Assert.Equal(4, info.EnServiceAddress!.Lines.Count);
        Assert.Equal("P.O. BOX 10001, SIMULATOR POST OFFICE, HONG KONG", info.EnPostalAddress!.ToLine());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), info.LastRetrievedAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), file.BilledAt);
        Assert.True(file.VerifyDocHash());

        using var saved = new MemoryStream();
        await file.CopyToAsync(saved, Ct);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(saved.ToArray(), 0, 5), StringComparison.Ordinal);
        Assert.Equal(file.DocHash, Convert.ToHexStringLower(SHA256.HashData(saved.ToArray())));
        Assert.DoesNotContain("WONG", result.Data.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_persona_with_an_address_proof_has_a_PDF_whose_SHA256_hex_is_its_docHash()
    {
        var proofs = SimulatorPersonas.All.Select(p => EMeData.Parse(p.CreateData().ToJsonString()).AddressDocFile)
            .Where(f => f is not null).ToArray();

        Assert.NotEmpty(proofs);
        Assert.All(proofs, f =>
        {
            Assert.True(f!.VerifyDocHash());
            Assert.StartsWith("JVBERi0x", f.DocFile, StringComparison.Ordinal); // %PDF-1
            Assert.Matches("^[0-9a-f]{64}$", f.DocHash);
        });
    }
}
