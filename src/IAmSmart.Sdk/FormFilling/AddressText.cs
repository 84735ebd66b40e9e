using System.Collections.Frozen;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>Small text rules shared by the address line builders.</summary>
internal static class AddressText
{
    // Region codes as S5 maps them (contract §9.2); any other value (the official sample sends "香港") is shown as sent [I].
    private static readonly FrozenDictionary<string, (string English, string Chinese)> Regions =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["HK"] = ("HONG KONG", "香港"),
            ["KLN"] = ("KOWLOON", "九龍"),
            ["NT"] = ("NEW TERRITORIES", "新界"),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // District Council district abbreviations. The official sample sends "WC" for Wan Chai; the rest of the code table is
    // unpublished, so these are the usual abbreviations [G]. A value not listed is shown as sent, and a Sub-district wins.
    private static readonly FrozenDictionary<string, (string English, string Chinese)> Districts =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["CW"] = ("CENTRAL AND WESTERN", "中西區"),
            ["WC"] = ("WAN CHAI", "灣仔區"),
            ["E"] = ("EASTERN", "東區"),
            ["S"] = ("SOUTHERN", "南區"),
            ["YTM"] = ("YAU TSIM MONG", "油尖旺區"),
            ["SSP"] = ("SHAM SHUI PO", "深水埗區"),
            ["KC"] = ("KOWLOON CITY", "九龍城區"),
            ["WTS"] = ("WONG TAI SIN", "黃大仙區"),
            ["KT"] = ("KWUN TONG", "觀塘區"),
            ["TW"] = ("TSUEN WAN", "荃灣區"),
            ["TM"] = ("TUEN MUN", "屯門區"),
            ["YL"] = ("YUEN LONG", "元朗區"),
            ["N"] = ("NORTH", "北區"),
            ["TP"] = ("TAI PO", "大埔區"),
            ["SK"] = ("SAI KUNG", "西貢區"),
            ["ST"] = ("SHA TIN", "沙田區"),
            ["KI"] = ("KWAI TSING", "葵青區"),
            ["IS"] = ("ISLANDS", "離島區"),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string? Range(string? from, string? to)
    {
        from = Clean(from);
        to = Clean(to);
        return from is not null && to is not null && !string.Equals(from, to, StringComparison.Ordinal) ? $"{from}-{to}" : from ?? to;
    }

    public static IReadOnlyList<string> NonEmpty(params ReadOnlySpan<string?> values)
    {
        var result = new List<string>(values.Length);
        foreach (var value in values)
        {
            if (Clean(value) is { } clean)
            {
                result.Add(clean);
            }
        }

        return result;
    }

    /// <summary>Joins the non-empty parts; <see langword="null"/> when there are none.</summary>
    public static string? Join(string separator, params ReadOnlySpan<string?> parts)
    {
        var present = NonEmpty(parts);
        return present.Count == 0 ? null : string.Join(separator, present);
    }

    /// <summary>Joins the parts only when <paramref name="required"/> is present, for "number + descriptor" pairs.</summary>
    public static string? JoinIf(string? required, string separator, params ReadOnlySpan<string?> parts)
        => Clean(required) is null ? null : Join(separator, parts);

    public static string? EnglishRegion(string? region) => Map(Regions, region, english: true);

    public static string? ChineseRegion(string? region) => Map(Regions, region, english: false);

    public static string? EnglishDistrict(AddressDistrict? district)
        => district is null ? null : Clean(district.SubDistrict) ?? Map(Districts, district.DcDistrict, english: true);

    public static string? ChineseDistrict(AddressDistrict? district)
        => district is null ? null : Clean(district.SubDistrict) ?? Map(Districts, district.DcDistrict, english: false);

    public static string? EnglishFloor(AddressFloor? floor)
    {
        var value = Clean(floor?.FloorNum);
        if (value is null)
        {
            return null;
        }

        return value.EndsWith("/F", StringComparison.OrdinalIgnoreCase) || value.Contains("FLOOR", StringComparison.OrdinalIgnoreCase)
            ? value
            : $"{value}/F";
    }

    public static string? ChineseFloor(AddressFloor? floor)
    {
        var value = Clean(floor?.FloorNum);
        return value switch
        {
            null => null,
            _ when string.Equals(value, "G", StringComparison.OrdinalIgnoreCase) => "地下",
            _ when value.EndsWith('樓') || value.EndsWith('層') || value.EndsWith("地下", StringComparison.Ordinal) => value,
            _ => $"{value}樓",
        };
    }

    public static string? EnglishBlock(AddressBlock? block)
    {
        if (block is null || Clean(block.BlockNo) is null)
        {
            return Clean(block?.BlockDescriptor);
        }

        return string.Equals(Clean(block.BlockDescriptorPrecedenceIndicator), "N", StringComparison.OrdinalIgnoreCase)
            ? Join(" ", block.BlockNo, block.BlockDescriptor)
            : Join(" ", block.BlockDescriptor, block.BlockNo);
    }

    public static string? ChineseBlock(AddressBlock? block)
    {
        if (block is null || Clean(block.BlockNo) is null)
        {
            return Clean(block?.BlockDescriptor);
        }

        return string.Equals(Clean(block.BlockDescriptorPrecedenceIndicator), "Y", StringComparison.OrdinalIgnoreCase)
            ? Join(string.Empty, block.BlockDescriptor, block.BlockNo)
            : Join(string.Empty, block.BlockNo, block.BlockDescriptor);
    }

    public static string? EnglishPhase(AddressPhase? phase)
        => phase is null ? null : Clean(phase.PhaseName) ?? JoinIf(phase.PhaseNo, " ", "PHASE", phase.PhaseNo);

    public static string? ChinesePhase(AddressPhase? phase)
        => phase is null ? null : Clean(phase.PhaseName) ?? JoinIf(phase.PhaseNo, string.Empty, "第", phase.PhaseNo, "期");

    // "LOT 1234 S.A SS.1 RP IN DD 123": the order of Land Registry lot descriptions; the field values are not in any sample [G].
    public static string? EnglishLot(StructuredLot? lot)
    {
        if (lot is null)
        {
            return null;
        }

        var sections = NonEmpty(lot.LotSection1, lot.LotSection2, lot.LotSection3, lot.LotSection4).Select(s => $"S.{s}");
        var subsections = NonEmpty(lot.LotSubsection1, lot.LotSubsection2, lot.LotSubsection3, lot.LotSubsection4).Select(s => $"SS.{s}");
        var lotPart = Join(" ", [lot.LotType, lot.LotNo, .. sections, .. subsections, lot.LotExtendPortionCode]);
        var ddPart = Join(" ", lot.DdType, lot.DdNo);
        return lotPart is not null && ddPart is not null ? $"{lotPart} IN {ddPart}" : lotPart ?? ddPart;
    }

    // Chinese lot descriptions: district first, then the lot, values as sent [G].
    public static string? ChineseLot(StructuredLot? lot)
        => lot is null
            ? null
            : Join(
                string.Empty,
                lot.DdType, lot.DdNo, lot.LotType, lot.LotNo, lot.LotSection1, lot.LotSection2, lot.LotSection3, lot.LotSection4,
                lot.LotSubsection1, lot.LotSubsection2, lot.LotSubsection3, lot.LotSubsection4, lot.LotExtendPortionCode);

    private static string? Map(FrozenDictionary<string, (string English, string Chinese)> table, string? value, bool english)
    {
        var clean = Clean(value);
        if (clean is null)
        {
            return null;
        }

        return table.TryGetValue(clean, out var names) ? (english ? names.English : names.Chinese) : clean;
    }
}
