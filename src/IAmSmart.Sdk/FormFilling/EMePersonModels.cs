using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// The HKID number as iAM Smart sends it in <c>idNo</c>: <c>{"Identification":"A123456","CheckDigit":"3"}</c>
/// (contract §9.2). The raw parts are kept as sent; <see cref="Hkid"/> gives a validated <see cref="HkidNumber"/>.
/// </summary>
public sealed class EMeIdNumber
{
    /// <summary>The identifier without the check digit, for example <c>A123456</c>.</summary>
    [JsonPropertyName("Identification")]
    public string? Identification { get; set; }

    /// <summary>The check digit, <c>0</c>–<c>9</c> or <c>A</c>.</summary>
    [JsonPropertyName("CheckDigit")]
    public string? CheckDigit { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The number when the parts make a valid HKID number; <see langword="null"/> when they are missing or the check
    /// digit does not match (the raw parts stay in <see cref="Identification"/> and <see cref="CheckDigit"/>).
    /// </summary>
    [JsonIgnore]
    public HkidNumber? Hkid => HkidNumber.TryFromParts(Identification, CheckDigit, out var number) ? number : null;

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString()
        => PresenceDescription.Describe(nameof(EMeIdNumber), AdditionalMembers, ("Identification", Identification), ("CheckDigit", CheckDigit));
}

/// <summary>An English name (<c>enName</c>): <c>{"UnstructuredName":"SAN, Chi Nan"}</c> (contract §9.2).</summary>
public sealed class EMeEnglishName
{
    /// <summary>The name as one string, surname first and a comma after it, for example <c>SAN, Chi Nan</c>.</summary>
    [JsonPropertyName("UnstructuredName")]
    public string? UnstructuredName { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString()
        => PresenceDescription.Describe(nameof(EMeEnglishName), AdditionalMembers, ("UnstructuredName", UnstructuredName));
}

/// <summary>A Chinese name (<c>chName</c>): <c>{"ChineseName":"申智能"}</c> (contract §9.2).</summary>
public sealed class EMeChineseName
{
    /// <summary>The name in Chinese characters.</summary>
    [JsonPropertyName("ChineseName")]
    public string? ChineseName { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString()
        => PresenceDescription.Describe(nameof(EMeChineseName), AdditionalMembers, ("ChineseName", ChineseName));
}

/// <summary>
/// A telephone number (<c>homeTelNumber</c>, <c>officeTelNumber</c>, <c>mobileNumber</c>):
/// <c>{"CountryCode":"852","SubscriberNumber":"98765432"}</c>, with an optional <c>NationalDestinationCode</c> (contract §9.2).
/// </summary>
public sealed class EMePhoneNumber
{
    private const int MaxE164Digits = 15;

    /// <summary>The country calling code without <c>+</c>, for example <c>852</c>.</summary>
    [JsonPropertyName("CountryCode")]
    public string? CountryCode { get; set; }

    /// <summary>The area or network code, if any; Hong Kong numbers have none.</summary>
    [JsonPropertyName("NationalDestinationCode")]
    public string? NationalDestinationCode { get; set; }

    /// <summary>The subscriber number, for example <c>98765432</c>.</summary>
    [JsonPropertyName("SubscriberNumber")]
    public string? SubscriberNumber { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The number in E.164 form, for example <c>+85298765432</c>: the digits of the country code, the destination code
    /// and the subscriber number after a <c>+</c>. Spaces, dashes, brackets and a leading <c>+</c> or <c>00</c> on the
    /// country code are dropped.
    /// </summary>
    /// <param name="defaultCountryCode">The country code to use when none was sent, for example <c>852</c>; by default none is assumed.</param>
    /// <returns>The E.164 number; <see langword="null"/> when there is no subscriber number or country code, or the result is not a plausible E.164 number.</returns>
    public string? ToE164(string? defaultCountryCode = null)
    {
        var country = Digits(string.IsNullOrWhiteSpace(CountryCode) ? defaultCountryCode : CountryCode);
        if (country.StartsWith("00", StringComparison.Ordinal))
        {
            country = country[2..];
        }

        var national = Digits(NationalDestinationCode) + Digits(SubscriberNumber);
        if (country.Length is < 1 or > 3 || country[0] == '0' || Digits(SubscriberNumber).Length == 0 || country.Length + national.Length > MaxE164Digits)
        {
            return null;
        }

        return $"+{country}{national}";
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(EMePhoneNumber),
        AdditionalMembers,
        ("CountryCode", CountryCode),
        ("NationalDestinationCode", NationalDestinationCode),
        ("SubscriberNumber", SubscriberNumber));

    private static string Digits(string? value) => value is null ? string.Empty : string.Concat(value.Where(char.IsAsciiDigit));
}
