using IAmSmart.Sdk.Testing.Personas;

namespace IAmSmart.Sdk.Testing.Tests;

public sealed class PersonaTests
{
    public static TheoryData<string> PersonaIds => [.. SimulatorPersonas.All.Select(p => p.Id)];

    [Theory]
    [InlineData("A123456", '3')] // the well-known sample number
    [InlineData("Z682104", 'A')] // check 10 is written A
    [InlineData("M205983", '0')] // check 11 is written 0
    [InlineData("XA301742", '4')] // two letters, no padding
    public void Check_digit_follows_the_weighted_mod_11_rule(string identification, char expected)
        => Assert.Equal(expected, HkidCheckDigit.Compute(identification));

    [Theory]
    [InlineData("A123456", "4")]
    [InlineData("a123456", "3")]
    [InlineData("A12345", "3")]
    [InlineData("1234567", "3")]
    public void Invalid_identifiers_or_digits_do_not_validate(string identification, string checkDigit)
        => Assert.False(HkidCheckDigit.IsValid(identification, checkDigit));

    [Theory]
    [MemberData(nameof(PersonaIds))]
    public void Every_persona_has_an_HKID_valid_by_check_digit(string id)
    {
        var persona = SimulatorPersonas.All.Single(p => p.Id == id);
        var idNo = persona.CreateData()["idNo"]!;
        Assert.True(HkidCheckDigit.IsValid((string)idNo["Identification"]!, (string)idNo["CheckDigit"]!));
    }

    [Fact]
    public void Catalogue_covers_the_cases_integrators_meet()
    {
        var all = SimulatorPersonas.All;
        Assert.True(all.Count >= 12);
        Assert.Equal(all.Count, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(p => p.Identification).Distinct().Count());
        Assert.Contains(all, p => !p.CreateData().ContainsKey("chName"));
        Assert.Contains(all, p => ((string)p.CreateData()["enName"]!["UnstructuredName"]!).Length > 80);
        Assert.Contains(all, p => p.CreateData()["postalAddress"]?["PostBoxAddress"] is not null);
        Assert.Contains(all, p => p.CreateData()["residentialAddress"]?["FreeFormatAddress"] is not null);
        Assert.Contains(all, p => p.CreateData()["residentialAddress"] is { } a && a["ChiPremisesAddress"] is not null && a["EngPremisesAddress"] is null);
        Assert.Contains(all, p => !p.CanSign);
        Assert.Contains(all, p => p.Behaviour.Action == UserAction.Cancel);
        Assert.Contains(all, p => p.Behaviour.Action == UserAction.TimeOut);
        Assert.Contains(all, p => p.Behaviour.Action == UserAction.Reject && p.LoginDenial == LoginDenial.StateOnly);
        Assert.Contains(all, p => p.Behaviour.Action == UserAction.Reject && p.LoginDenial == LoginDenial.D20001);
        Assert.Contains(all, p => p.Behaviour.Action == UserAction.Approve && p.Behaviour.Delay > TimeSpan.Zero);
        Assert.Contains(all, p => p.CreateData().Count == 4); // idNo, enName, birthDate, gender: optional fields missing
    }

    [Fact]
    public void One_persona_fills_every_eMe_field_including_the_address_proof()
    {
        string[] fields =
        [
            "idNo", "prefix", "enName", "chName", "chNameVerified", "birthDate", "gender", "maritalStatus", "homeTelNumber",
            "officeTelNumber", "mobileNumber", "emailAddress", "residentialAddress", "postalAddress", "educationLevel",
            "passportNumber", "passportExpiry", "propertyOwner", "carOwner", "employmentStatus", "addressDocInfo", "addressDocFile",
        ];
        var data = SimulatorPersonas.WongKaYan.CreateData();
        Assert.All(fields, f => Assert.True(data.ContainsKey(f), f));
        var file = data["addressDocFile"]!;
        var pdf = Convert.FromBase64String((string)file["docFile"]!);
        Assert.Equal((string)file["docHash"]!, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
    }

    [Fact]
    public void HkicHash_is_base64_sha256_of_the_identifier_without_check_digit()
        => Assert.Equal(
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("A123456"u8.ToArray())),
            SimulatorPersonas.ChanTaiMan.HkicHash);

    [Fact]
    public void ToString_shows_no_personal_data()
    {
        var text = SimulatorPersonas.ChanTaiMan.ToString();
        Assert.DoesNotContain("Tai Man", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("A123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("陳", text, StringComparison.Ordinal);
    }
}
