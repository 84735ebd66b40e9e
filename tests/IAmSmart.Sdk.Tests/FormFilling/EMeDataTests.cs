using System.Text.Json;
using System.Text.Json.Serialization;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.FormFilling.Fixtures;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class EMeDataTests
{
    [Fact]
    public void Official_sample_reads_every_field()
    {
        var data = EMeData.Parse(EMeFixtures.OfficialSample);

        Assert.Equal("A123456", data.IdNo?.Identification);
        Assert.Equal("A", data.IdNo?.CheckDigit);
        Assert.Equal("Mr", data.Prefix);
        Assert.Equal("SAN, Chi Nan", data.EnName?.UnstructuredName);
        Assert.Equal("申智能", data.ChName?.ChineseName);
        Assert.Equal("申智能", data.ChNameVerified);
        Assert.Equal("19960128", data.BirthDate);
        Assert.Equal(new DateOnly(1996, 1, 28), data.DateOfBirth);
        Assert.Equal("M", data.Gender);
        Assert.Equal("S", data.MaritalStatus);
        Assert.Equal("852", data.HomeTelNumber?.CountryCode);
        Assert.Equal("98765432", data.HomeTelNumber?.SubscriberNumber);
        Assert.Equal("T", data.EducationLevel);
        Assert.Empty(data.MalformedMembers);
        Assert.Null(data.AdditionalMembers);

        var chinese = data.ResidentialAddress?.ChiPremisesAddress;
        Assert.NotNull(chinese);
        Assert.Equal("香港", chinese.Region);
        Assert.Equal("WC", chinese.ChiDistrict?.DcDistrict);
        Assert.Equal("灣仔", chinese.ChiDistrict?.SubDistrict);
        Assert.Equal("灣仔政府大樓", chinese.BuildingName);
        Assert.Equal("華富", chinese.ChiEstate?.EstateName);
        Assert.Equal("華清", chinese.ChiEstate?.ChiPhase?.PhaseName);
        Assert.Equal("港灣道", chinese.ChiStreet?.StreetName);
        Assert.Equal("12", chinese.ChiStreet?.BuildingNoFrom);
        Assert.Equal("座", chinese.ChiBlock?.BlockDescriptor);
        Assert.Equal("東", chinese.ChiBlock?.BlockNo);
        Assert.Equal("15", chinese.Chi3dAddress?.ChiFloor?.FloorNum);
        Assert.Equal("室", chinese.Chi3dAddress?.ChiUnit?.UnitDescriptor);
        Assert.Equal("A1", chinese.Chi3dAddress?.ChiUnit?.UnitNo);
    }

    [Fact]
    public void Official_sample_PoBoxNo_sent_as_a_number_is_read_as_its_text()
    {
        var box = EMeData.Parse(EMeFixtures.OfficialSample).PostalAddress?.PostBoxAddress?.EngPostBox;

        Assert.NotNull(box);
        Assert.Equal("24700", box.PoBoxNo);
        Assert.Equal("ABERDEEN POST OFFICE", box.PostOffice);
        Assert.Equal("HONG KONG", box.PostOfficeRegion);
    }

    [Fact]
    public void Official_sample_check_digit_A_is_not_valid_for_A123456_so_no_HkidNumber_is_exposed()
    {
        // The official sample pairs A123456 with "A"; the algorithm gives 3. The raw parts stay readable.
        var data = EMeData.Parse(EMeFixtures.OfficialSample);

        Assert.Null(data.Hkid);
        Assert.Equal("A123456", data.IdNo?.Identification);
    }

    [Fact]
    public void A_valid_idNo_is_exposed_as_an_HkidNumber()
    {
        var data = EMeData.Parse("""{"idNo":{"Identification":"A123456","CheckDigit":"3"}}""");

        Assert.Equal(HkidNumber.Parse("A123456(3)"), data.Hkid);
        Assert.Equal("A123456(3)", data.Hkid?.Format());
    }

    [Fact]
    public void Full_persona_reads_every_data_dictionary_field()
    {
        var data = EMeData.Parse(EMeFixtures.FullPersona);

        Assert.Equal("biz-emodel-001", data.BusinessId);
        Assert.Equal("state-7f3c", data.State);
        Assert.Equal("Z683365(A)", data.Hkid?.Format());
        Assert.Equal("Ms", data.Prefix);
        Assert.Equal("SAMPLE, Mei Ling", data.EnName?.UnstructuredName);
        Assert.Equal(new DateOnly(1988, 4, 12), data.DateOfBirth);
        Assert.Equal("F", data.Gender);
        Assert.Equal("+85231234567", data.OfficeTelNumber?.ToE164());
        Assert.Equal("+85261234567", data.MobileNumber?.ToE164());
        Assert.Equal("mei.ling.sample@example.invalid", data.EmailAddress);
        Assert.Equal("ROOM 9, 1/F, 77 EXAMPLE LANE, MONG KOK, KOWLOON", data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal("1357", data.PostalAddress?.PostBoxAddress?.ChiPostBox?.PoBoxNo);
        Assert.Equal("U", data.EducationLevel);
        Assert.Equal("K00000001", data.PassportNumber);
        Assert.Equal(new DateOnly(2030, 1, 31), data.PassportExpiryDate);
        Assert.Equal("N", data.PropertyOwner);
        Assert.Equal("Y", data.CarOwner);
        Assert.Equal("E", data.EmploymentStatus);
        Assert.Equal("INVENTED POWER CO", data.AddressDocInfo?.EnProviderName);
        Assert.Equal("虛構電力", data.AddressDocInfo?.TcProviderName);
        Assert.Equal("虚构电力", data.AddressDocInfo?.ScProviderName);
        Assert.Equal("SAMPLE MEI LING", data.AddressDocInfo?.EnUserName);
        Assert.Equal("樣本美玲", data.AddressDocInfo?.TcUserName);
        Assert.Equal("ROOM 9, 1/F, 77 EXAMPLE LANE, MONG KOK, KOWLOON", data.AddressDocInfo?.EnServiceAddress?.ToLine());
        Assert.Equal("九龍旺角範例里77號1樓9室", data.AddressDocInfo?.TcServiceAddress?.ToLine(string.Empty));
        Assert.Equal("P.O. BOX 1357", data.AddressDocInfo?.EnPostalAddress?.AddressLine1);
        Assert.Equal("信箱1357號", data.AddressDocInfo?.TcPostalAddress?.AddressLine1);
        Assert.Equal(1767225600000, data.AddressDocInfo?.LastRetrievalDate);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), data.AddressDocInfo?.LastRetrievedAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), data.AddressDocFile?.BilledAt);
        Assert.True(data.AddressDocFile?.VerifyDocHash());
        Assert.Empty(data.MalformedMembers);
    }

    [Fact]
    public void Every_known_EMeField_is_a_member_of_the_model()
    {
        var data = EMeData.Parse(EMeFixtures.FullPersona);

        foreach (var field in EMeField.Known)
        {
            Assert.True(data.Has(field), field.Value);
        }

        // Known fields are modelled, so none of them ends up among the unknown members.
        Assert.DoesNotContain(data.AdditionalMembers!.Keys, k => EMeField.Known.Any(f => f.Value == k));
    }

    [Fact]
    public void Has_is_false_for_fields_not_sent_and_true_for_unknown_ones_sent()
    {
        var data = EMeData.Parse("""{"enName":{"UnstructuredName":"SAMPLE, Ka Lok"},"newField2027":"x"}""");

        Assert.True(data.Has(EMeField.EnName));
        Assert.False(data.Has(EMeField.ResidentialAddress));
        Assert.True(data.Has(new EMeField("newField2027")));
    }

    [Fact]
    public void Missing_optional_fields_read_as_null()
    {
        var data = EMeData.Parse("""{"enName":{}}""");

        Assert.NotNull(data.EnName);
        Assert.Null(data.EnName.UnstructuredName);
        Assert.Null(data.IdNo);
        Assert.Null(data.Hkid);
        Assert.Null(data.BirthDate);
        Assert.Null(data.DateOfBirth);
        Assert.Null(data.ResidentialAddress);
        Assert.Null(data.MobileNumber);
        Assert.Empty(data.MalformedMembers);
        Assert.Equal("""{"enName":{}}""", data.ToJson());
    }

    [Fact]
    public void Empty_object_and_nulls_read_as_an_empty_model()
    {
        var data = EMeData.Parse("""{"idNo":null,"birthDate":null}""");

        Assert.Null(data.IdNo);
        Assert.Null(data.BirthDate);
        Assert.Null(data.AdditionalMembers);
        Assert.Equal("{}", data.ToJson());
    }

    [Theory]
    [InlineData("\"19961340\"", "19961340")]
    [InlineData("\"1996012\"", "1996012")]
    [InlineData("\"unknown\"", "unknown")]
    [InlineData("\"\"", "")]
    public void Bad_birthDate_is_kept_raw_and_gives_no_date(string json, string raw)
    {
        var data = EMeData.Parse("""{"birthDate":@json@}""".Replace("@json@", json, StringComparison.Ordinal));

        Assert.Equal(raw, data.BirthDate);
        Assert.Null(data.DateOfBirth);
        Assert.Empty(data.MalformedMembers);
    }

    [Theory]
    [InlineData("\"1996-01-28\"")]
    [InlineData("19960128")]
    [InlineData("\" 19960128 \"")]
    public void BirthDate_in_tolerated_forms_gives_the_date(string json)
        => Assert.Equal(new DateOnly(1996, 1, 28), EMeData.Parse("""{"birthDate":@json@}""".Replace("@json@", json, StringComparison.Ordinal)).DateOfBirth);

    [Fact]
    public void Numbers_and_booleans_where_text_is_expected_are_read_as_text()
    {
        var data = EMeData.Parse("""{"gender":1,"carOwner":true,"mobileNumber":{"CountryCode":852,"SubscriberNumber":61234567}}""");

        Assert.Equal("1", data.Gender);
        Assert.Equal("true", data.CarOwner);
        Assert.Equal("+85261234567", data.MobileNumber?.ToE164());
        Assert.Empty(data.MalformedMembers);
    }

    [Fact]
    public void Timestamps_sent_as_numeric_strings_are_read()
    {
        var data = EMeData.Parse("""{"addressDocFile":{"billDate":"1764547200000"}}""");

        Assert.Equal(1764547200000, data.AddressDocFile?.BillDate);
    }

    [Fact]
    public void Member_names_are_matched_case_insensitively()
    {
        var data = EMeData.Parse("""{"IdNo":{"identification":"Y654321","checkDigit":"7"},"EMAILADDRESS":"ka.lok@example.invalid"}""");

        Assert.Equal("Y654321(7)", data.Hkid?.Format());
        Assert.Equal("ka.lok@example.invalid", data.EmailAddress);
        Assert.Null(data.AdditionalMembers);
    }

    [Fact]
    public void Floor_alias_is_read_like_FloorNum()
    {
        var official = EMeData.Parse(EMeFixtures.EnglishPremises).ResidentialAddress?.EngPremisesAddress?.Eng3dAddress?.EngFloor;
        var alias = EMeData.Parse(EMeFixtures.EnglishPremisesAliases).ResidentialAddress?.EngPremisesAddress?.Eng3dAddress?.EngFloor;

        Assert.Equal("8", official?.FloorNum);
        Assert.Equal("8", alias?.FloorNum);
        Assert.Null(alias?.AdditionalMembers);
    }

    [Theory]
    [InlineData("""{"FloorNum":"15","Floor":"99"}""")]
    [InlineData("""{"Floor":"99","FloorNum":"15"}""")]
    public void FloorNum_wins_over_Floor_whatever_the_order(string floor)
    {
        var data = EMeData.Parse("""{"residentialAddress":{"ChiPremisesAddress":{"Chi3dAddress":{"ChiFloor":@floor@}}}}""".Replace("@floor@", floor, StringComparison.Ordinal));

        Assert.Equal("15", data.ResidentialAddress?.ChiPremisesAddress?.Chi3dAddress?.ChiFloor?.FloorNum);
    }

    [Fact]
    public void Floor_alias_is_written_back_as_FloorNum()
    {
        var json = EMeData.Parse(EMeFixtures.EnglishPremisesAliases).ToJson();

        Assert.Contains("\"FloorNum\":\"8\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Floor\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void PhaseName_and_PhaseNo_are_both_read()
    {
        var named = EMeData.Parse(EMeFixtures.EnglishPremises).ResidentialAddress?.EngPremisesAddress?.EngEstate?.EngPhase;
        var numbered = EMeData.Parse(EMeFixtures.EnglishPremisesAliases).ResidentialAddress?.EngPremisesAddress?.EngEstate?.EngPhase;

        Assert.Equal("PHASE 2", named?.PhaseName);
        Assert.Null(named?.PhaseNo);
        Assert.Equal("2", numbered?.PhaseNo);
        Assert.Null(numbered?.PhaseName);
    }

    [Fact]
    public void EngStructuredLot_and_EngStructureLot_are_read_alike()
    {
        var official = EMeData.Parse(EMeFixtures.EnglishLotStructured).ResidentialAddress?.EngPremisesAddress?.EngLot?.EngStructuredLot;
        var alias = EMeData.Parse(EMeFixtures.EnglishLotStructure).ResidentialAddress?.EngPremisesAddress?.EngLot?.EngStructuredLot;

        Assert.NotNull(official);
        Assert.NotNull(alias);
        Assert.Equal("4321", official.LotNo);
        Assert.Equal("4321", alias.LotNo);
        Assert.Equal("999", alias.DdNo);
        Assert.Equal("RP", alias.LotExtendPortionCode);
        Assert.Contains("\"EngStructuredLot\"", EMeData.Parse(EMeFixtures.EnglishLotStructure).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ChiStructureLot_alias_is_read_like_ChiStructuredLot()
    {
        var data = EMeData.Parse("""{"residentialAddress":{"ChiPremisesAddress":{"ChiLot":{"ChiStructureLot":{"LotNo":"4321"}}}}}""");

        Assert.Equal("4321", data.ResidentialAddress?.ChiPremisesAddress?.ChiLot?.ChiStructuredLot?.LotNo);
    }

    [Fact]
    public void Unknown_members_are_kept_at_every_level()
    {
        var data = EMeData.Parse(EMeFixtures.FullPersona);

        Assert.Equal("profile", data.AdditionalMembers!["type"].GetString());
        Assert.True(data.AdditionalMembers["futureField"].GetProperty("nested")[2].GetProperty("deep").GetBoolean());
        Assert.Equal("809", data.OfficeTelNumber!.AdditionalMembers!["Extension"].GetString());
        Assert.Equal("GEO-0001", data.ResidentialAddress!.AdditionalMembers!["GeoAddress"].GetString());
        Assert.Equal("2", data.PostalAddress!.PostBoxAddress!.ChiPostBox!.AdditionalMembers!["Counter"].GetString());
        Assert.Equal("R", data.AddressDocInfo!.AdditionalMembers!["accountType"].GetString());
    }

    [Fact]
    public void Persona_round_trips_with_unknown_members()
    {
        using var original = JsonDocument.Parse(EMeFixtures.FullPersona);

        var json = EMeData.Parse(EMeFixtures.FullPersona).ToJson();

        using var written = JsonDocument.Parse(json);
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement), json);
        Assert.Equal(json, EMeData.Parse(json).ToJson());
    }

    [Fact]
    public void Round_trip_does_not_depend_on_the_source_document_staying_alive()
    {
        EMeData data;
        using (var document = JsonDocument.Parse(EMeFixtures.FullPersona))
        {
            data = EMeData.FromJson(document.RootElement);
        }

        Assert.Equal("profile", data.AdditionalMembers!["type"].GetString());
        Assert.Contains("\"GeoAddress\":\"GEO-0001\"", data.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_field_with_an_unexpected_shape_is_kept_raw_and_reported()
    {
        var data = EMeData.Parse("""{"idNo":"A1234563","enName":{"UnstructuredName":"SAMPLE, Ka Lok"},"residentialAddress":[1,2]}""");

        Assert.Equal(["idNo", "residentialAddress"], data.MalformedMembers);
        Assert.Null(data.IdNo);
        Assert.Null(data.ResidentialAddress);
        Assert.Equal("SAMPLE, Ka Lok", data.EnName?.UnstructuredName);
        Assert.Equal("A1234563", data.AdditionalMembers!["idNo"].GetString());
        Assert.True(data.Has(EMeField.IdNo));
        Assert.Equal("""{"enName":{"UnstructuredName":"SAMPLE, Ka Lok"},"idNo":"A1234563","residentialAddress":[1,2]}""", data.ToJson());
    }

    [Fact]
    public void A_value_set_after_reading_replaces_the_raw_malformed_one()
    {
        var data = EMeData.Parse("""{"idNo":"A1234563"}""");

        data.IdNo = new EMeIdNumber { Identification = "A123456", CheckDigit = "3" };

        Assert.Equal("""{"idNo":{"Identification":"A123456","CheckDigit":"3"}}""", data.ToJson());
    }

    [Theory]
    [InlineData("not json at all Y654321")]
    [InlineData("{\"enName\":")]
    [InlineData("{\"birthDate\":\"19880412\"} trailing Y654321")]
    public void Invalid_json_throws_a_FormatException_without_the_data(string json)
    {
        var exception = Assert.Throws<FormatException>(() => EMeData.Parse(json));

        Assert.DoesNotContain("Y654321", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("19880412", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"Y6543217\"")]
    [InlineData("42")]
    public void A_root_that_is_not_an_object_throws_a_FormatException(string json)
        => Assert.Throws<FormatException>(() => EMeData.Parse(json));

    [Fact]
    public void Utf8_and_JsonElement_entry_points_agree()
    {
        var fromBytes = EMeData.Parse(System.Text.Encoding.UTF8.GetBytes(EMeFixtures.OfficialSample));
        using var document = JsonDocument.Parse(EMeFixtures.OfficialSample);
        var fromElement = EMeData.FromJson(document.RootElement);

        Assert.Equal(fromBytes.ToJson(), fromElement.ToJson());
        Assert.Equal("申智能", fromElement.ChName?.ChineseName);
    }

    [Fact]
    public void EMeData_inside_another_source_generated_model_uses_the_tolerant_converter()
    {
        const string Json = """{"txID":"T-1","data":{"idNo":{"Identification":"A123456","CheckDigit":"3"},"extra":7,"postalAddress":{"PostBoxAddress":{"EngPostBox":{"PoBoxNo":24700}}}}}""";

        var envelope = JsonSerializer.Deserialize(Json, EnvelopeJsonContext.Default.TestEnvelope);

        Assert.NotNull(envelope?.Data);
        Assert.Equal("A123456(3)", envelope.Data.Hkid?.Format());
        Assert.Equal("24700", envelope.Data.PostalAddress?.PostBoxAddress?.EngPostBox?.PoBoxNo);
        Assert.Equal(7, envelope.Data.AdditionalMembers!["extra"].GetInt32());
        Assert.Contains("\"extra\":7", JsonSerializer.Serialize(envelope, EnvelopeJsonContext.Default.TestEnvelope), StringComparison.Ordinal);
    }
}

internal sealed class TestEnvelope
{
    [JsonPropertyName("txID")]
    public string? TxId { get; set; }

    [JsonPropertyName("data")]
    public EMeData? Data { get; set; }
}

[JsonSerializable(typeof(TestEnvelope))]
internal sealed partial class EnvelopeJsonContext : JsonSerializerContext;
