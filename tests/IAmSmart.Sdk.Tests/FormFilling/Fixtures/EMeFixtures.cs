namespace IAmSmart.Sdk.Tests.FormFilling.Fixtures;

/// <summary>
/// e-ME JSON fixtures, embedded as raw string literals so the test project needs no copy-to-output rule. Every person,
/// address and number here is invented, except the official sample, which is iAM Smart's own placeholder data.
/// </summary>
internal static class EMeFixtures
{
    /// <summary>The official sample fragment of the data dictionary (contract §9.2), verbatim, wrapped in braces.</summary>
    public const string OfficialSample = """
        {
        "idNo":{"Identification":"A123456","CheckDigit":"A"}, "prefix":"Mr",
        "enName":{"UnstructuredName":"SAN, Chi Nan"}, "chName":{"ChineseName":"申智能"}, "chNameVerified":"申智能",
        "birthDate":"19960128", "gender":"M", "maritalStatus":"S",
        "homeTelNumber":{"CountryCode":"852","SubscriberNumber":"98765432"},
        "residentialAddress":{"ChiPremisesAddress":{"Region":"香港","ChiDistrict":{"DcDistrict":"WC","Sub-district":"灣仔"},
           "BuildingName":"灣仔政府大樓","ChiEstate":{"EstateName":"華富","ChiPhase":{"PhaseName":"華清"}},
           "ChiStreet":{"StreetName":"港灣道","BuildingNoFrom":"12"},"ChiBlock":{"BlockDescriptor":"座","BlockNo":"東"},
           "Chi3dAddress":{"ChiFloor":{"FloorNum":"15"},"ChiUnit":{"UnitDescriptor":"室","UnitNo":"A1"}}}},
        "postalAddress":{"PostBoxAddress":{"EngPostBox":{"PoBoxNo":24700,"PostOffice":"ABERDEEN POST OFFICE","PostOfficeRegion":"HONG KONG"}}},
        "educationLevel":"T"
        }
        """;

    /// <summary>The official sample's address line in Chinese, in the order region … unit.</summary>
    public const string OfficialSampleChineseLine = "香港灣仔港灣道12號華富華清灣仔政府大樓東座15樓A1室";

    /// <summary>An invented English premises address using the official spellings (FloorNum, PhaseName).</summary>
    public const string EnglishPremises = """
        {"residentialAddress":{"EngPremisesAddress":{
          "Region":"HK",
          "EngDistrict":{"DcDistrict":"WC","Sub-district":"WAN CHAI"},
          "BuildingName":"SEAVIEW MANSION",
          "EngEstate":{"EstateName":"HARBOUR GARDEN","EngPhase":{"PhaseName":"PHASE 2"}},
          "EngStreet":{"StreetName":"SAMPLE ROAD","BuildingNoFrom":"88"},
          "EngBlock":{"BlockDescriptor":"BLOCK","BlockNo":"2"},
          "Eng3dAddress":{"EngFloor":{"FloorNum":"8"},"EngUnit":{"UnitDescriptor":"FLAT","UnitNo":"C"}}}}}
        """;

    public const string EnglishPremisesLine = "FLAT C, 8/F, BLOCK 2, SEAVIEW MANSION, HARBOUR GARDEN PHASE 2, 88 SAMPLE ROAD, WAN CHAI, HONG KONG";

    /// <summary>The same address with the other spellings: Floor (S4) and PhaseNo (S5).</summary>
    public const string EnglishPremisesAliases = """
        {"residentialAddress":{"EngPremisesAddress":{
          "Region":"HK",
          "EngDistrict":{"DcDistrict":"WC","Sub-district":"WAN CHAI"},
          "BuildingName":"SEAVIEW MANSION",
          "EngEstate":{"EstateName":"HARBOUR GARDEN","EngPhase":{"PhaseNo":"2"}},
          "EngStreet":{"StreetName":"SAMPLE ROAD","BuildingNoFrom":"88"},
          "EngBlock":{"BlockDescriptor":"BLOCK","BlockNo":"2"},
          "Eng3dAddress":{"EngFloor":{"Floor":"8"},"EngUnit":{"UnitDescriptor":"FLAT","UnitNo":"C"}}}}}
        """;

    /// <summary>An invented rural address with a lot, official spelling EngStructuredLot.</summary>
    public const string EnglishLotStructured = """
        {"residentialAddress":{"EngPremisesAddress":{"Region":"NT","EngDistrict":{"DcDistrict":"YL"},
          "EngLot":{"EngStructuredLot":{"DdType":"DD","DdNo":"999","LotType":"LOT","LotNo":"4321","LotSection1":"A","LotSubsection1":"1","LotExtendPortionCode":"RP"}}}}}
        """;

    /// <summary>The same with S4's spelling EngStructureLot.</summary>
    public const string EnglishLotStructure = """
        {"residentialAddress":{"EngPremisesAddress":{"Region":"NT","EngDistrict":{"DcDistrict":"YL"},
          "EngLot":{"EngStructureLot":{"DdType":"DD","DdNo":"999","LotType":"LOT","LotNo":"4321","LotSection1":"A","LotSubsection1":"1","LotExtendPortionCode":"RP"}}}}}
        """;

    public const string EnglishLotLine = "LOT 4321 S.A SS.1 RP IN DD 999, YUEN LONG, NEW TERRITORIES";

    /// <summary>The invented Chinese sample with S4's Floor and S5's PhaseNo.</summary>
    public const string ChinesePremisesAliases = """
        {"residentialAddress":{"ChiPremisesAddress":{"Region":"KLN","ChiDistrict":{"DcDistrict":"SSP"},
          "BuildingName":"測試大廈","ChiEstate":{"EstateName":"樣本苑","ChiPhase":{"PhaseNo":"3"}},
          "ChiStreet":{"StreetName":"示範街","BuildingNoFrom":"20","BuildingNoTo":"22"},"ChiBlock":{"BlockDescriptor":"座","BlockNo":"B"},
          "Chi3dAddress":{"ChiFloor":{"Floor":"G"},"ChiUnit":{"UnitDescriptor":"室","UnitNo":"5"}}}}}
        """;

    public const string ChinesePremisesAliasesLine = "九龍深水埗區示範街20-22號樣本苑第3期測試大廈B座地下5室";

    /// <summary>An invented persona with every field of the data dictionary, unknown members at several levels, and a PO box number as a string.</summary>
    public const string FullPersona = """
        {
          "businessID":"biz-emodel-001",
          "state":"state-7f3c",
          "idNo":{"Identification":"Z683365","CheckDigit":"A"},
          "prefix":"Ms",
          "enName":{"UnstructuredName":"SAMPLE, Mei Ling"},
          "chName":{"ChineseName":"樣本美玲"},
          "chNameVerified":"樣本美玲",
          "birthDate":"19880412",
          "gender":"F",
          "maritalStatus":"M",
          "homeTelNumber":{"CountryCode":"852","SubscriberNumber":"21234567"},
          "officeTelNumber":{"CountryCode":"852","SubscriberNumber":"31234567","Extension":"809"},
          "mobileNumber":{"CountryCode":"852","SubscriberNumber":"61234567"},
          "emailAddress":"mei.ling.sample@example.invalid",
          "residentialAddress":{"FreeFormatAddress":{"LanguageCode":"en","AddressLine1":"ROOM 9, 1/F","AddressLine2":"77 EXAMPLE LANE","AddressLine3":"MONG KOK, KOWLOON"},"GeoAddress":"GEO-0001"},
          "postalAddress":{"PostBoxAddress":{"ChiPostBox":{"PoBoxNo":"1357","PostOffice":"旺角郵政局","PostOfficeRegion":"KLN","Counter":"2"}}},
          "educationLevel":"U",
          "passportNumber":"K00000001",
          "passportExpiry":"20300131",
          "propertyOwner":"N",
          "carOwner":"Y",
          "employmentStatus":"E",
          "addressDocInfo":{"enProviderName":"INVENTED POWER CO","tcProviderName":"虛構電力","scProviderName":"虚构电力",
            "enUserName":"SAMPLE MEI LING","tcUserName":"樣本美玲",
            "enServiceAddress":{"addressLine1":"ROOM 9, 1/F","addressLine2":"77 EXAMPLE LANE","addressLine3":"MONG KOK","addressLine4":"KOWLOON"},
            "tcServiceAddress":{"addressLine1":"九龍旺角","addressLine2":"範例里77號1樓9室"},
            "enPostalAddress":{"addressLine1":"P.O. BOX 1357"},"tcPostalAddress":{"addressLine1":"信箱1357號"},
            "lastRetrievalDate":1767225600000,"accountType":"R"},
          "addressDocFile":{"docFile":"JVBERi0xLjQKJSBpbnZlbnRlZCBlLWJpbGwgZm9yIHRlc3RzCiUlRU9GCg==",
            "docHash":"1ea26f95f6b1f28d1d90580074076b1d75afbcb7be85ad48e82f4556cbe7fd7f","billDate":1764547200000},
          "type":"profile",
          "futureField":{"nested":[1,2,{"deep":true}]}
        }
        """;
}
