using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// An address (<c>residentialAddress</c>, <c>postalAddress</c>): one of <see cref="ChiPremisesAddress"/>,
/// <see cref="EngPremisesAddress"/>, <see cref="FreeFormatAddress"/> or, for a postal address, <see cref="PostBoxAddress"/>
/// (contract §9.2). The model reads any combination, in case iAM Smart sends more than one.
/// </summary>
public sealed class EMeAddress
{
    /// <summary>A structured address in Chinese.</summary>
    [JsonPropertyName("ChiPremisesAddress")]
    public ChinesePremisesAddress? ChiPremisesAddress { get; set; }

    /// <summary>A structured address in English.</summary>
    [JsonPropertyName("EngPremisesAddress")]
    public EnglishPremisesAddress? EngPremisesAddress { get; set; }

    /// <summary>An address as free lines.</summary>
    [JsonPropertyName("FreeFormatAddress")]
    public FreeFormatAddress? FreeFormatAddress { get; set; }

    /// <summary>A post office box (postal addresses).</summary>
    [JsonPropertyName("PostBoxAddress")]
    public PostBoxAddress? PostBoxAddress { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The address as one English line: the English premises address, else the English post office box, else the
    /// free-format lines unless their language code says Chinese. <see langword="null"/> when there is none.
    /// </summary>
    public string? ToEnglishLine()
        => EngPremisesAddress?.ToLine()
           ?? PostBoxAddress?.EngPostBox?.ToEnglishLine()
           ?? (FreeFormatAddress is { IsChinese: false } free ? free.ToLine() : null);

    /// <summary>
    /// The address as one Chinese line: the Chinese premises address, else the Chinese post office box, else the
    /// free-format lines unless their language code says English. <see langword="null"/> when there is none.
    /// </summary>
    public string? ToChineseLine()
        => ChiPremisesAddress?.ToLine()
           ?? PostBoxAddress?.ChiPostBox?.ToChineseLine()
           ?? (FreeFormatAddress is { IsEnglish: false } free ? free.ToLine() : null);

    /// <summary>The address as one line in whichever language it was given, English first; <see langword="null"/> when there is none.</summary>
    public string? ToDisplayLine() => ToEnglishLine() ?? ToChineseLine();

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(EMeAddress), AdditionalMembers, ("ChiPremisesAddress", ChiPremisesAddress), ("EngPremisesAddress", EngPremisesAddress),
        ("FreeFormatAddress", FreeFormatAddress), ("PostBoxAddress", PostBoxAddress));
}

/// <summary>A structured Hong Kong address in Chinese (<c>ChiPremisesAddress</c>, contract §9.2).</summary>
public sealed class ChinesePremisesAddress
{
    /// <summary>The region: <c>HK</c>, <c>KLN</c>, <c>NT</c>, or a name such as <c>香港</c> (the official sample).</summary>
    [JsonPropertyName("Region")]
    public string? Region { get; set; }

    /// <summary>The district.</summary>
    [JsonPropertyName("ChiDistrict")]
    public AddressDistrict? ChiDistrict { get; set; }

    /// <summary>The building name.</summary>
    [JsonPropertyName("BuildingName")]
    public string? BuildingName { get; set; }

    /// <summary>The estate and its phase.</summary>
    [JsonPropertyName("ChiEstate")]
    public ChineseEstate? ChiEstate { get; set; }

    /// <summary>The street and building number.</summary>
    [JsonPropertyName("ChiStreet")]
    public AddressStreet? ChiStreet { get; set; }

    /// <summary>The village and house number [I].</summary>
    [JsonPropertyName("ChiVillage")]
    public AddressVillage? ChiVillage { get; set; }

    /// <summary>The block.</summary>
    [JsonPropertyName("ChiBlock")]
    public AddressBlock? ChiBlock { get; set; }

    /// <summary>The floor and unit.</summary>
    [JsonPropertyName("Chi3dAddress")]
    public Chinese3dAddress? Chi3dAddress { get; set; }

    /// <summary>The lot, for rural addresses.</summary>
    [JsonPropertyName("ChiLot")]
    public ChineseLot? ChiLot { get; set; }

    /// <summary>Lines outside the structured fields.</summary>
    [JsonPropertyName("ChiOutside")]
    public ChineseOutside? ChiOutside { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The address as one line, largest part first as Chinese addresses are written: region, district, street and
    /// number (or village and number), lot, estate and phase, building, block, floor, unit; for example
    /// <c>香港灣仔港灣道12號華富華清灣仔政府大樓東座15樓A1室</c>. <see langword="null"/> when there is nothing to show.
    /// </summary>
    public string? ToLine()
    {
        var street = ChiStreet is null ? null : AddressText.Join(string.Empty, ChiStreet.StreetName, AddressText.JoinIf(ChiStreet.BuildingNumber, string.Empty, ChiStreet.BuildingNumber, "號"));
        var village = ChiVillage is null ? null : AddressText.Join(string.Empty, ChiVillage.VillageName, AddressText.JoinIf(ChiVillage.BuildingNumber, string.Empty, ChiVillage.BuildingNumber, "號"));
        var unit = Chi3dAddress?.ChiUnit is { } u ? AddressText.Join(string.Empty, u.UnitNo, u.UnitDescriptor) : null;
        var outside = ChiOutside?.ChiStructuredOutside?.Lines ?? [];
        return AddressText.Join(
            string.Empty,
            [
                AddressText.ChineseRegion(Region),
                AddressText.ChineseDistrict(ChiDistrict),
                street,
                village,
                AddressText.ChineseLot(ChiLot?.ChiStructuredLot),
                ChiEstate is null ? null : AddressText.Join(string.Empty, ChiEstate.EstateName, AddressText.ChinesePhase(ChiEstate.ChiPhase)),
                BuildingName,
                AddressText.ChineseBlock(ChiBlock),
                AddressText.ChineseFloor(Chi3dAddress?.ChiFloor),
                unit,
                .. outside,
            ]);
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(ChinesePremisesAddress), AdditionalMembers, ("Region", Region), ("ChiDistrict", ChiDistrict), ("BuildingName", BuildingName),
        ("ChiEstate", ChiEstate), ("ChiStreet", ChiStreet), ("ChiVillage", ChiVillage), ("ChiBlock", ChiBlock), ("Chi3dAddress", Chi3dAddress),
        ("ChiLot", ChiLot), ("ChiOutside", ChiOutside));
}

/// <summary>A structured Hong Kong address in English (<c>EngPremisesAddress</c>, contract §9.2).</summary>
public sealed class EnglishPremisesAddress
{
    /// <summary>The region: <c>HK</c>, <c>KLN</c>, <c>NT</c>, or a name.</summary>
    [JsonPropertyName("Region")]
    public string? Region { get; set; }

    /// <summary>The district.</summary>
    [JsonPropertyName("EngDistrict")]
    public AddressDistrict? EngDistrict { get; set; }

    /// <summary>The building name.</summary>
    [JsonPropertyName("BuildingName")]
    public string? BuildingName { get; set; }

    /// <summary>The estate and its phase.</summary>
    [JsonPropertyName("EngEstate")]
    public EnglishEstate? EngEstate { get; set; }

    /// <summary>The street and building number.</summary>
    [JsonPropertyName("EngStreet")]
    public AddressStreet? EngStreet { get; set; }

    /// <summary>The village and house number [I].</summary>
    [JsonPropertyName("EngVillage")]
    public AddressVillage? EngVillage { get; set; }

    /// <summary>The block.</summary>
    [JsonPropertyName("EngBlock")]
    public AddressBlock? EngBlock { get; set; }

    /// <summary>The floor and unit.</summary>
    [JsonPropertyName("Eng3dAddress")]
    public English3dAddress? Eng3dAddress { get; set; }

    /// <summary>The lot, for rural addresses.</summary>
    [JsonPropertyName("EngLot")]
    public EnglishLot? EngLot { get; set; }

    /// <summary>Lines outside the structured fields [G].</summary>
    [JsonPropertyName("EngOutside")]
    public EnglishOutside? EngOutside { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The address as one line, smallest part first as English addresses are written in Hong Kong: unit, floor, block,
    /// building, estate and phase, number and street (or number and village), lot, district, region; for example
    /// <c>FLAT C, 8/F, BLOCK 2, SEAVIEW MANSION, 88 SAMPLE ROAD, WAN CHAI, HONG KONG</c>. Region codes are spelled out.
    /// <see langword="null"/> when there is nothing to show.
    /// </summary>
    public string? ToLine()
    {
        var street = EngStreet is null ? null : AddressText.Join(" ", EngStreet.BuildingNumber, EngStreet.StreetName);
        var village = EngVillage is null ? null : AddressText.Join(" ", EngVillage.BuildingNumber, EngVillage.VillageName);
        var unit = Eng3dAddress?.EngUnit is { } u ? AddressText.Join(" ", u.UnitDescriptor, u.UnitNo) : null;
        var outside = EngOutside?.EngStructuredOutside?.Lines ?? [];
        return AddressText.Join(
            ", ",
            [
                unit,
                AddressText.EnglishFloor(Eng3dAddress?.EngFloor),
                AddressText.EnglishBlock(EngBlock),
                BuildingName,
                EngEstate is null ? null : AddressText.Join(" ", EngEstate.EstateName, AddressText.EnglishPhase(EngEstate.EngPhase)),
                street,
                village,
                AddressText.EnglishLot(EngLot?.EngStructuredLot),
                AddressText.EnglishDistrict(EngDistrict),
                AddressText.EnglishRegion(Region),
                .. outside,
            ]);
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(EnglishPremisesAddress), AdditionalMembers, ("Region", Region), ("EngDistrict", EngDistrict), ("BuildingName", BuildingName),
        ("EngEstate", EngEstate), ("EngStreet", EngStreet), ("EngVillage", EngVillage), ("EngBlock", EngBlock), ("Eng3dAddress", Eng3dAddress),
        ("EngLot", EngLot), ("EngOutside", EngOutside));
}

/// <summary>An address as up to three free lines (<c>FreeFormatAddress</c>, contract §9.2).</summary>
public sealed class FreeFormatAddress
{
    /// <summary>The language of the lines; the code values are not published [G].</summary>
    [JsonPropertyName("LanguageCode")]
    public string? LanguageCode { get; set; }

    /// <summary>Line 1.</summary>
    [JsonPropertyName("AddressLine1")]
    public string? AddressLine1 { get; set; }

    /// <summary>Line 2.</summary>
    [JsonPropertyName("AddressLine2")]
    public string? AddressLine2 { get; set; }

    /// <summary>Line 3.</summary>
    [JsonPropertyName("AddressLine3")]
    public string? AddressLine3 { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The non-empty lines in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Lines => AddressText.NonEmpty(AddressLine1, AddressLine2, AddressLine3);

    /// <summary>Whether <see cref="LanguageCode"/> looks like Chinese (<c>zh…</c>, <c>chi…</c>, <c>tc</c>, <c>sc</c>) [G].</summary>
    [JsonIgnore]
    public bool IsChinese => AddressText.Clean(LanguageCode) is { } code
        && (code.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || code.StartsWith("chi", StringComparison.OrdinalIgnoreCase)
            || code.Equals("tc", StringComparison.OrdinalIgnoreCase) || code.Equals("sc", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <see cref="LanguageCode"/> looks like English (<c>en…</c>) [G].</summary>
    [JsonIgnore]
    public bool IsEnglish => AddressText.Clean(LanguageCode) is { } code && code.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The non-empty lines joined; <see langword="null"/> when there are none.</summary>
    /// <param name="separator">What goes between lines; a comma and a space by default.</param>
    public string? ToLine(string separator = ", ")
    {
        var lines = Lines;
        return lines.Count == 0 ? null : string.Join(separator, lines);
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(FreeFormatAddress), AdditionalMembers, ("LanguageCode", LanguageCode), ("AddressLine1", AddressLine1),
        ("AddressLine2", AddressLine2), ("AddressLine3", AddressLine3));
}

/// <summary>A post office box address (<c>PostBoxAddress</c>): <c>EngPostBox</c> or <c>ChiPostBox</c> (contract §9.2).</summary>
public sealed class PostBoxAddress
{
    /// <summary>The box in English.</summary>
    [JsonPropertyName("EngPostBox")]
    public PostBox? EngPostBox { get; set; }

    /// <summary>The box in Chinese.</summary>
    [JsonPropertyName("ChiPostBox")]
    public PostBox? ChiPostBox { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(PostBoxAddress), AdditionalMembers, ("EngPostBox", EngPostBox), ("ChiPostBox", ChiPostBox));
}

/// <summary>
/// A post office box: <c>{"PoBoxNo":24700,"PostOffice":"ABERDEEN POST OFFICE","PostOfficeRegion":"HONG KONG"}</c>.
/// <c>PoBoxNo</c> is a number in the official sample and may be a string elsewhere; either is read as text, and it is
/// written back as a string.
/// </summary>
public sealed class PostBox
{
    /// <summary>The box number as text, for example <c>24700</c>.</summary>
    [JsonPropertyName("PoBoxNo")]
    public string? PoBoxNo { get; set; }

    /// <summary>The post office, for example <c>ABERDEEN POST OFFICE</c>.</summary>
    [JsonPropertyName("PostOffice")]
    public string? PostOffice { get; set; }

    /// <summary>The region of the post office, for example <c>HONG KONG</c>; region codes are spelled out in the lines.</summary>
    [JsonPropertyName("PostOfficeRegion")]
    public string? PostOfficeRegion { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The box as one English line, for example <c>P.O. BOX 24700, ABERDEEN POST OFFICE, HONG KONG</c>.</summary>
    public string? ToEnglishLine()
        => AddressText.Join(", ", AddressText.JoinIf(PoBoxNo, " ", "P.O. BOX", PoBoxNo), PostOffice, AddressText.EnglishRegion(PostOfficeRegion));

    /// <summary>
    /// The box as one Chinese line, region and post office first as S5 writes it, for example
    /// <c>香港香港仔郵政局信箱24700號</c>.
    /// </summary>
    public string? ToChineseLine()
        => AddressText.Join(string.Empty, AddressText.ChineseRegion(PostOfficeRegion), PostOffice, AddressText.JoinIf(PoBoxNo, string.Empty, "信箱", PoBoxNo, "號"));

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(PostBox), AdditionalMembers, ("PoBoxNo", PoBoxNo), ("PostOffice", PostOffice), ("PostOfficeRegion", PostOfficeRegion));
}
