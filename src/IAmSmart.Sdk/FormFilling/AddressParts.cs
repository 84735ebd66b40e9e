using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>A district (<c>ChiDistrict</c> / <c>EngDistrict</c>): <c>{"DcDistrict":"WC","Sub-district":"灣仔"}</c>.</summary>
public sealed class AddressDistrict
{
    /// <summary>The District Council district: a code such as <c>WC</c> in the official sample, or a name.</summary>
    [JsonPropertyName("DcDistrict")]
    public string? DcDistrict { get; set; }

    /// <summary>The area within the district, for example <c>灣仔</c> (wire name <c>Sub-district</c>).</summary>
    [JsonPropertyName("Sub-district")]
    public string? SubDistrict { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString()
        => PresenceDescription.Describe(nameof(AddressDistrict), AdditionalMembers, ("DcDistrict", DcDistrict), ("Sub-district", SubDistrict));
}

/// <summary>A street and building number (<c>ChiStreet</c> / <c>EngStreet</c>).</summary>
public sealed class AddressStreet
{
    /// <summary>The street name, for example <c>港灣道</c> or <c>HARBOUR ROAD</c>.</summary>
    [JsonPropertyName("StreetName")]
    public string? StreetName { get; set; }

    /// <summary>The building number, or the first of a range, for example <c>12</c>.</summary>
    [JsonPropertyName("BuildingNoFrom")]
    public string? BuildingNoFrom { get; set; }

    /// <summary>The last building number of a range; in Hong Kong address data, not seen in an e-ME sample [I].</summary>
    [JsonPropertyName("BuildingNoTo")]
    public string? BuildingNoTo { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The building number or range, for example <c>12</c> or <c>12-14</c>.</summary>
    [JsonIgnore]
    public string? BuildingNumber => AddressText.Range(BuildingNoFrom, BuildingNoTo);

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressStreet), AdditionalMembers, ("StreetName", StreetName), ("BuildingNoFrom", BuildingNoFrom), ("BuildingNoTo", BuildingNoTo));
}

/// <summary>
/// A village and house number (<c>ChiVillage</c> / <c>EngVillage</c>), as in Hong Kong address data for village houses;
/// not seen in an e-ME sample [I].
/// </summary>
public sealed class AddressVillage
{
    /// <summary>The village name.</summary>
    [JsonPropertyName("VillageName")]
    public string? VillageName { get; set; }

    /// <summary>The house number, or the first of a range.</summary>
    [JsonPropertyName("BuildingNoFrom")]
    public string? BuildingNoFrom { get; set; }

    /// <summary>The last house number of a range.</summary>
    [JsonPropertyName("BuildingNoTo")]
    public string? BuildingNoTo { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The house number or range.</summary>
    [JsonIgnore]
    public string? BuildingNumber => AddressText.Range(BuildingNoFrom, BuildingNoTo);

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressVillage), AdditionalMembers, ("VillageName", VillageName), ("BuildingNoFrom", BuildingNoFrom), ("BuildingNoTo", BuildingNoTo));
}

/// <summary>A block (<c>ChiBlock</c> / <c>EngBlock</c>): <c>{"BlockDescriptor":"座","BlockNo":"東"}</c>.</summary>
public sealed class AddressBlock
{
    /// <summary>The kind of block, for example <c>座</c>, <c>BLOCK</c> or <c>TOWER</c>.</summary>
    [JsonPropertyName("BlockDescriptor")]
    public string? BlockDescriptor { get; set; }

    /// <summary>The block number or name, for example <c>東</c> or <c>2</c>.</summary>
    [JsonPropertyName("BlockNo")]
    public string? BlockNo { get; set; }

    /// <summary>
    /// <c>Y</c> when the descriptor comes before the number, <c>N</c> when after; from Hong Kong address data [I]. When
    /// absent, English puts the descriptor first (<c>BLOCK 2</c>) and Chinese after (<c>東座</c>).
    /// </summary>
    [JsonPropertyName("BlockDescriptorPrecedenceIndicator")]
    public string? BlockDescriptorPrecedenceIndicator { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressBlock), AdditionalMembers, ("BlockDescriptor", BlockDescriptor), ("BlockNo", BlockNo));
}

/// <summary>
/// A floor (<c>ChiFloor</c> / <c>EngFloor</c>): <c>{"FloorNum":"15"}</c>. One implementation names the member
/// <c>Floor</c>; both are read into <see cref="FloorNum"/>, which wins if both are sent, and written as <c>FloorNum</c>.
/// </summary>
public sealed class AddressFloor
{
    /// <summary>The floor, for example <c>15</c> or <c>G</c> (wire name <c>FloorNum</c>, alias <c>Floor</c>).</summary>
    [JsonPropertyName("FloorNum")]
    public string? FloorNum { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    // The alias as spelled in S4's DTO (contract §9.2 naming drift); read only, never written.
    [JsonInclude]
    [JsonPropertyName("Floor")]
    internal string? FloorAlias
    {
        get => null;
        set => FloorNum ??= value;
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(AddressFloor), AdditionalMembers, ("FloorNum", FloorNum));
}

/// <summary>A unit (<c>ChiUnit</c> / <c>EngUnit</c>): <c>{"UnitDescriptor":"室","UnitNo":"A1"}</c>.</summary>
public sealed class AddressUnit
{
    /// <summary>The kind of unit, for example <c>室</c>, <c>FLAT</c> or <c>ROOM</c>.</summary>
    [JsonPropertyName("UnitDescriptor")]
    public string? UnitDescriptor { get; set; }

    /// <summary>The unit number, for example <c>A1</c>.</summary>
    [JsonPropertyName("UnitNo")]
    public string? UnitNo { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressUnit), AdditionalMembers, ("UnitDescriptor", UnitDescriptor), ("UnitNo", UnitNo));
}

/// <summary>
/// A phase of an estate (<c>ChiPhase</c> / <c>EngPhase</c>). The official sample sends <c>PhaseName</c> (<c>華清</c>);
/// another implementation reads <c>PhaseNo</c> (a number, shown as <c>第2期</c>). Both are kept as sent, since they may
/// be different things; the address lines use whichever is present.
/// </summary>
public sealed class AddressPhase
{
    /// <summary>The phase name, for example <c>華清</c>.</summary>
    [JsonPropertyName("PhaseName")]
    public string? PhaseName { get; set; }

    /// <summary>The phase number, for example <c>2</c>.</summary>
    [JsonPropertyName("PhaseNo")]
    public string? PhaseNo { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressPhase), AdditionalMembers, ("PhaseName", PhaseName), ("PhaseNo", PhaseNo));
}

/// <summary>An estate in a Chinese address (<c>ChiEstate</c>): <c>{"EstateName":"華富","ChiPhase":{"PhaseName":"華清"}}</c>.</summary>
public sealed class ChineseEstate
{
    /// <summary>The estate name.</summary>
    [JsonPropertyName("EstateName")]
    public string? EstateName { get; set; }

    /// <summary>The phase of the estate, if any.</summary>
    [JsonPropertyName("ChiPhase")]
    public AddressPhase? ChiPhase { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(ChineseEstate), AdditionalMembers, ("EstateName", EstateName), ("ChiPhase", ChiPhase));
}

/// <summary>An estate in an English address (<c>EngEstate</c>).</summary>
public sealed class EnglishEstate
{
    /// <summary>The estate name.</summary>
    [JsonPropertyName("EstateName")]
    public string? EstateName { get; set; }

    /// <summary>The phase of the estate, if any.</summary>
    [JsonPropertyName("EngPhase")]
    public AddressPhase? EngPhase { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(EnglishEstate), AdditionalMembers, ("EstateName", EstateName), ("EngPhase", EngPhase));
}

/// <summary>Floor and unit in a Chinese address (<c>Chi3dAddress</c>).</summary>
public sealed class Chinese3dAddress
{
    /// <summary>The floor.</summary>
    [JsonPropertyName("ChiFloor")]
    public AddressFloor? ChiFloor { get; set; }

    /// <summary>The unit.</summary>
    [JsonPropertyName("ChiUnit")]
    public AddressUnit? ChiUnit { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(Chinese3dAddress), AdditionalMembers, ("ChiFloor", ChiFloor), ("ChiUnit", ChiUnit));
}

/// <summary>Floor and unit in an English address (<c>Eng3dAddress</c>).</summary>
public sealed class English3dAddress
{
    /// <summary>The floor.</summary>
    [JsonPropertyName("EngFloor")]
    public AddressFloor? EngFloor { get; set; }

    /// <summary>The unit.</summary>
    [JsonPropertyName("EngUnit")]
    public AddressUnit? EngUnit { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(English3dAddress), AdditionalMembers, ("EngFloor", EngFloor), ("EngUnit", EngUnit));
}

/// <summary>
/// A lot in a Demarcation District (<c>ChiStructuredLot</c> / <c>EngStructuredLot</c>), for village and rural
/// addresses: <c>DdType, DdNo, LotType, LotNo, LotSection1..4, LotSubsection1..4, LotExtendPortionCode</c> (contract §9.2).
/// </summary>
public sealed class StructuredLot
{
    /// <summary>The district type, for example <c>DD</c>.</summary>
    [JsonPropertyName("DdType")]
    public string? DdType { get; set; }

    /// <summary>The district number.</summary>
    [JsonPropertyName("DdNo")]
    public string? DdNo { get; set; }

    /// <summary>The lot type, for example <c>LOT</c>.</summary>
    [JsonPropertyName("LotType")]
    public string? LotType { get; set; }

    /// <summary>The lot number.</summary>
    [JsonPropertyName("LotNo")]
    public string? LotNo { get; set; }

    /// <summary>Section 1.</summary>
    [JsonPropertyName("LotSection1")]
    public string? LotSection1 { get; set; }

    /// <summary>Section 2.</summary>
    [JsonPropertyName("LotSection2")]
    public string? LotSection2 { get; set; }

    /// <summary>Section 3.</summary>
    [JsonPropertyName("LotSection3")]
    public string? LotSection3 { get; set; }

    /// <summary>Section 4.</summary>
    [JsonPropertyName("LotSection4")]
    public string? LotSection4 { get; set; }

    /// <summary>Subsection 1.</summary>
    [JsonPropertyName("LotSubsection1")]
    public string? LotSubsection1 { get; set; }

    /// <summary>Subsection 2.</summary>
    [JsonPropertyName("LotSubsection2")]
    public string? LotSubsection2 { get; set; }

    /// <summary>Subsection 3.</summary>
    [JsonPropertyName("LotSubsection3")]
    public string? LotSubsection3 { get; set; }

    /// <summary>Subsection 4.</summary>
    [JsonPropertyName("LotSubsection4")]
    public string? LotSubsection4 { get; set; }

    /// <summary>The extension or portion code, for example <c>RP</c> (remaining portion).</summary>
    [JsonPropertyName("LotExtendPortionCode")]
    public string? LotExtendPortionCode { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(StructuredLot), AdditionalMembers, ("DdType", DdType), ("DdNo", DdNo), ("LotType", LotType), ("LotNo", LotNo),
        ("LotSection1", LotSection1), ("LotSubsection1", LotSubsection1), ("LotExtendPortionCode", LotExtendPortionCode));
}

/// <summary>A lot in a Chinese address (<c>ChiLot</c>).</summary>
public sealed class ChineseLot
{
    /// <summary>
    /// The lot (wire name <c>ChiStructuredLot</c>; <c>ChiStructureLot</c> is read too, by analogy with the English drift [I]).
    /// </summary>
    [JsonPropertyName("ChiStructuredLot")]
    public StructuredLot? ChiStructuredLot { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    [JsonInclude]
    [JsonPropertyName("ChiStructureLot")]
    internal StructuredLot? StructureLotAlias
    {
        get => null;
        set => ChiStructuredLot ??= value;
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(ChineseLot), AdditionalMembers, ("ChiStructuredLot", ChiStructuredLot));
}

/// <summary>A lot in an English address (<c>EngLot</c>).</summary>
public sealed class EnglishLot
{
    /// <summary>
    /// The lot (wire name <c>EngStructuredLot</c> as in the official sample; <c>EngStructureLot</c>, as in S4's DTO, is
    /// read too and written back as <c>EngStructuredLot</c>).
    /// </summary>
    [JsonPropertyName("EngStructuredLot")]
    public StructuredLot? EngStructuredLot { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    [JsonInclude]
    [JsonPropertyName("EngStructureLot")]
    internal StructuredLot? StructureLotAlias
    {
        get => null;
        set => EngStructuredLot ??= value;
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(EnglishLot), AdditionalMembers, ("EngStructuredLot", EngStructuredLot));
}

/// <summary>Up to three free lines (<c>ChiStructuredOutside</c>; <c>EngStructuredOutside</c> by analogy [G]).</summary>
public sealed class StructuredOutside
{
    /// <summary>Line one.</summary>
    [JsonPropertyName("LineOne")]
    public string? LineOne { get; set; }

    /// <summary>Line two.</summary>
    [JsonPropertyName("LineTwo")]
    public string? LineTwo { get; set; }

    /// <summary>Line three.</summary>
    [JsonPropertyName("LineThree")]
    public string? LineThree { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The non-empty lines in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Lines => AddressText.NonEmpty(LineOne, LineTwo, LineThree);

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(StructuredOutside), AdditionalMembers, ("LineOne", LineOne), ("LineTwo", LineTwo), ("LineThree", LineThree));
}

/// <summary>The part of a Chinese address outside the structured fields (<c>ChiOutside</c>).</summary>
public sealed class ChineseOutside
{
    /// <summary>The lines.</summary>
    [JsonPropertyName("ChiStructuredOutside")]
    public StructuredOutside? ChiStructuredOutside { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(ChineseOutside), AdditionalMembers, ("ChiStructuredOutside", ChiStructuredOutside));
}

/// <summary>The part of an English address outside the structured fields (<c>EngOutside</c>), by analogy with <c>ChiOutside</c> [G].</summary>
public sealed class EnglishOutside
{
    /// <summary>The lines.</summary>
    [JsonPropertyName("EngStructuredOutside")]
    public StructuredOutside? EngStructuredOutside { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(EnglishOutside), AdditionalMembers, ("EngStructuredOutside", EngStructuredOutside));
}
