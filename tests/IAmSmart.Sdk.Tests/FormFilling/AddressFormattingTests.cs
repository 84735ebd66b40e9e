using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.FormFilling.Fixtures;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class AddressFormattingTests
{
    [Fact]
    public void Official_Chinese_premises_address_is_one_line_from_region_to_unit()
    {
        var address = EMeData.Parse(EMeFixtures.OfficialSample).ResidentialAddress;

        Assert.Equal(EMeFixtures.OfficialSampleChineseLine, address?.ChiPremisesAddress?.ToLine());
        Assert.Equal(EMeFixtures.OfficialSampleChineseLine, address?.ToChineseLine());
        Assert.Null(address?.ToEnglishLine());
        Assert.Equal(EMeFixtures.OfficialSampleChineseLine, address?.ToDisplayLine());
    }

    [Fact]
    public void Chinese_line_uses_codes_tables_ranges_and_aliases()
    {
        var address = EMeData.Parse(EMeFixtures.ChinesePremisesAliases).ResidentialAddress;

        Assert.Equal(EMeFixtures.ChinesePremisesAliasesLine, address?.ToChineseLine());
    }

    [Fact]
    public void English_premises_address_is_one_line_from_unit_to_region()
    {
        var address = EMeData.Parse(EMeFixtures.EnglishPremises).ResidentialAddress;

        Assert.Equal(EMeFixtures.EnglishPremisesLine, address?.ToEnglishLine());
        Assert.Null(address?.ToChineseLine());
        Assert.Equal(EMeFixtures.EnglishPremisesLine, address?.ToDisplayLine());
    }

    [Fact]
    public void English_line_reads_the_other_spellings_the_same_way()
        => Assert.Equal(EMeFixtures.EnglishPremisesLine, EMeData.Parse(EMeFixtures.EnglishPremisesAliases).ResidentialAddress?.ToEnglishLine());

    [Theory]
    [InlineData(nameof(EMeFixtures.EnglishLotStructured))]
    [InlineData(nameof(EMeFixtures.EnglishLotStructure))]
    public void English_lot_is_described_before_the_district(string fixture)
    {
        var json = fixture == nameof(EMeFixtures.EnglishLotStructured) ? EMeFixtures.EnglishLotStructured : EMeFixtures.EnglishLotStructure;

        Assert.Equal(EMeFixtures.EnglishLotLine, EMeData.Parse(json).ResidentialAddress?.ToEnglishLine());
    }

    [Theory]
    [InlineData("""{"DcDistrict":"WC"}""", "WAN CHAI")]
    [InlineData("""{"DcDistrict":"ssp"}""", "SHAM SHUI PO")]
    [InlineData("""{"DcDistrict":"SOMEWHERE NEW"}""", "SOMEWHERE NEW")]
    [InlineData("""{"DcDistrict":"WC","Sub-district":"CAUSEWAY BAY"}""", "CAUSEWAY BAY")]
    public void English_district_prefers_the_sub_district_then_the_code_table(string district, string expected)
    {
        var data = EMeData.Parse("""{"residentialAddress":{"EngPremisesAddress":{"EngDistrict":@district@}}}""".Replace("@district@", district, StringComparison.Ordinal));

        Assert.Equal(expected, data.ResidentialAddress?.ToEnglishLine());
    }

    [Theory]
    [InlineData("HK", "HONG KONG", "香港")]
    [InlineData("KLN", "KOWLOON", "九龍")]
    [InlineData("NT", "NEW TERRITORIES", "新界")]
    [InlineData("香港", "香港", "香港")]
    public void Region_codes_are_spelled_out(string region, string english, string chinese)
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"Region":"@region@"}},
             "postalAddress":{"ChiPremisesAddress":{"Region":"@region@"}}}
            """.Replace("@region@", region, StringComparison.Ordinal));

        Assert.Equal(english, data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal(chinese, data.PostalAddress?.ToChineseLine());
    }

    [Theory]
    [InlineData("""{"BlockDescriptor":"TOWER","BlockNo":"3"}""", "TOWER 3", "3TOWER")]
    [InlineData("""{"BlockDescriptor":"TOWER","BlockNo":"3","BlockDescriptorPrecedenceIndicator":"N"}""", "3 TOWER", "3TOWER")]
    [InlineData("""{"BlockDescriptor":"座","BlockNo":"2","BlockDescriptorPrecedenceIndicator":"Y"}""", "座 2", "座2")]
    [InlineData("""{"BlockDescriptor":"BLOCK"}""", "BLOCK", "BLOCK")]
    public void Block_order_follows_the_precedence_indicator_or_the_language(string block, string english, string chinese)
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"EngBlock":@block@}},
             "postalAddress":{"ChiPremisesAddress":{"ChiBlock":@block@}}}
            """.Replace("@block@", block, StringComparison.Ordinal));

        Assert.Equal(english, data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal(chinese, data.PostalAddress?.ToChineseLine());
    }

    [Theory]
    [InlineData("12", "12/F", "12樓")]
    [InlineData("G", "G/F", "地下")]
    [InlineData("LG", "LG/F", "LG樓")]
    public void Floors_get_the_usual_suffix(string floor, string english, string chinese)
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"Eng3dAddress":{"EngFloor":{"FloorNum":"@floor@"}}}},
             "postalAddress":{"ChiPremisesAddress":{"Chi3dAddress":{"ChiFloor":{"FloorNum":"@floor@"}}}}}
            """.Replace("@floor@", floor, StringComparison.Ordinal));

        Assert.Equal(english, data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal(chinese, data.PostalAddress?.ToChineseLine());
    }

    [Fact]
    public void A_floor_that_already_has_its_suffix_is_left_alone()
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"Eng3dAddress":{"EngFloor":{"FloorNum":"UG/F"}}}},
             "postalAddress":{"ChiPremisesAddress":{"Chi3dAddress":{"ChiFloor":{"FloorNum":"3樓"}}}}}
            """);

        Assert.Equal("UG/F", data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal("3樓", data.PostalAddress?.ToChineseLine());
    }

    [Fact]
    public void Street_number_range_and_phase_number_are_formatted_per_language()
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"EngStreet":{"StreetName":"SAMPLE ROAD","BuildingNoFrom":"10","BuildingNoTo":"16"},"EngEstate":{"EstateName":"TEST COURT","EngPhase":{"PhaseNo":"1"}}}},
             "postalAddress":{"ChiPremisesAddress":{"ChiStreet":{"StreetName":"示範路","BuildingNoFrom":"10","BuildingNoTo":"10"}}}}
            """);

        Assert.Equal("TEST COURT PHASE 1, 10-16 SAMPLE ROAD", data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal("示範路10號", data.PostalAddress?.ToChineseLine());
    }

    [Fact]
    public void Village_house_is_used_when_there_is_no_street()
    {
        var data = EMeData.Parse("""
            {"residentialAddress":{"EngPremisesAddress":{"EngVillage":{"VillageName":"SAMPLE VILLAGE","BuildingNoFrom":"7"},"Region":"NT"}},
             "postalAddress":{"ChiPremisesAddress":{"ChiVillage":{"VillageName":"樣本村","BuildingNoFrom":"7"},"Region":"NT"}}}
            """);

        Assert.Equal("7 SAMPLE VILLAGE, NEW TERRITORIES", data.ResidentialAddress?.ToEnglishLine());
        Assert.Equal("新界樣本村7號", data.PostalAddress?.ToChineseLine());
    }

    [Fact]
    public void Outside_lines_are_appended()
    {
        var data = EMeData.Parse("""{"residentialAddress":{"ChiPremisesAddress":{"ChiOutside":{"ChiStructuredOutside":{"LineOne":"第一行","LineThree":"第三行"}}}}}""");

        Assert.Equal("第一行第三行", data.ResidentialAddress?.ToChineseLine());
    }

    [Fact]
    public void Free_format_lines_are_joined_skipping_blanks()
    {
        var address = new FreeFormatAddress { AddressLine1 = " ROOM 9, 1/F ", AddressLine2 = "  ", AddressLine3 = "77 EXAMPLE LANE" };

        Assert.Equal("ROOM 9, 1/F, 77 EXAMPLE LANE", address.ToLine());
        Assert.Equal("ROOM 9, 1/F\n77 EXAMPLE LANE", address.ToLine("\n"));
        Assert.Equal(["ROOM 9, 1/F", "77 EXAMPLE LANE"], address.Lines);
        Assert.Null(new FreeFormatAddress().ToLine());
    }

    [Theory]
    [InlineData("en", true, false)]
    [InlineData("zh-HK", false, true)]
    [InlineData("tc", false, true)]
    [InlineData(null, true, true)]
    [InlineData("X9", true, true)]
    public void Free_format_address_counts_for_the_languages_its_code_allows(string? languageCode, bool english, bool chinese)
    {
        var address = new EMeAddress { FreeFormatAddress = new FreeFormatAddress { LanguageCode = languageCode, AddressLine1 = "LINE" } };

        Assert.Equal(english ? "LINE" : null, address.ToEnglishLine());
        Assert.Equal(chinese ? "LINE" : null, address.ToChineseLine());
        Assert.Equal("LINE", address.ToDisplayLine());
    }

    [Fact]
    public void Official_English_post_box_is_one_line()
    {
        var address = EMeData.Parse(EMeFixtures.OfficialSample).PostalAddress;

        Assert.Equal("P.O. BOX 24700, ABERDEEN POST OFFICE, HONG KONG", address?.ToEnglishLine());
        Assert.Null(address?.ToChineseLine());
    }

    [Fact]
    public void Chinese_post_box_puts_region_and_office_first()
    {
        var address = EMeData.Parse(EMeFixtures.FullPersona).PostalAddress;

        Assert.Equal("九龍旺角郵政局信箱1357號", address?.ToChineseLine());
        Assert.Equal("九龍旺角郵政局信箱1357號", address?.ToDisplayLine());
    }

    [Fact]
    public void Post_box_region_codes_are_spelled_out_in_English()
    {
        var box = new PostBox { PoBoxNo = "88", PostOffice = "SAMPLE POST OFFICE", PostOfficeRegion = "KLN" };

        Assert.Equal("P.O. BOX 88, SAMPLE POST OFFICE, KOWLOON", box.ToEnglishLine());
    }

    [Fact]
    public void An_empty_address_gives_no_line()
    {
        var address = EMeData.Parse("""{"residentialAddress":{"EngPremisesAddress":{},"PostBoxAddress":{"EngPostBox":{}}}}""").ResidentialAddress;

        Assert.NotNull(address);
        Assert.Null(address.ToEnglishLine());
        Assert.Null(address.ToChineseLine());
        Assert.Null(address.ToDisplayLine());
    }
}
