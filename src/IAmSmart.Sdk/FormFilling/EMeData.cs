using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// The personal data iAM Smart releases for profile and e-ME form filling (contract §7, §8, §9.2), as one object with a
/// member per field. Every member is optional: only the fields the user agreed to share are sent.
/// </summary>
/// <remarks>
/// <para>
/// Reading is tolerant: members the SDK does not know are kept in <see cref="AdditionalMembers"/> and written back by
/// <see cref="ToJson"/>; a number where text is expected is read as its text; known aliases are accepted (see
/// <see cref="AddressFloor"/>, <see cref="EnglishLot"/>); and a known field whose value has an unexpected shape is kept raw
/// in <see cref="AdditionalMembers"/> and named in <see cref="MalformedMembers"/> instead of failing the whole document.
/// </para>
/// <para>
/// <see cref="ToString"/> and the <c>ToString</c> of every model type list only which members are present, never values.
/// </para>
/// </remarks>
[JsonConverter(typeof(EMeDataConverter))]
public sealed class EMeData
{
    /// <summary>The e-service's business id (<c>businessID</c>), echoed in callbacks; not personal data.</summary>
    public string? BusinessId { get; set; }

    /// <summary>The e-service's <c>state</c>, echoed in callbacks for correlation.</summary>
    public string? State { get; set; }

    /// <summary>HKID number (<c>idNo</c>).</summary>
    public EMeIdNumber? IdNo { get; set; }

    /// <summary>Title, for example <c>Mr</c> (<c>prefix</c>).</summary>
    public string? Prefix { get; set; }

    /// <summary>English name (<c>enName</c>).</summary>
    public EMeEnglishName? EnName { get; set; }

    /// <summary>Chinese name (<c>chName</c>).</summary>
    public EMeChineseName? ChName { get; set; }

    /// <summary>The Chinese name in the Immigration Department's characters, sent only if verified (<c>chNameVerified</c>).</summary>
    public string? ChNameVerified { get; set; }

    /// <summary>Date of birth as sent, normally <c>YYYYMMDD</c> (<c>birthDate</c>); see <see cref="DateOfBirth"/>.</summary>
    public string? BirthDate { get; set; }

    /// <summary>Gender code as sent, <c>M</c> or <c>F</c> (<c>gender</c>); other values are possible [G].</summary>
    public string? Gender { get; set; }

    /// <summary>Marital status code as sent, for example <c>S</c> (<c>maritalStatus</c>); the code table is not published.</summary>
    public string? MaritalStatus { get; set; }

    /// <summary>Home telephone number (<c>homeTelNumber</c>).</summary>
    public EMePhoneNumber? HomeTelNumber { get; set; }

    /// <summary>Office telephone number (<c>officeTelNumber</c>).</summary>
    public EMePhoneNumber? OfficeTelNumber { get; set; }

    /// <summary>Mobile telephone number (<c>mobileNumber</c>).</summary>
    public EMePhoneNumber? MobileNumber { get; set; }

    /// <summary>Email address (<c>emailAddress</c>).</summary>
    public string? EmailAddress { get; set; }

    /// <summary>Residential address (<c>residentialAddress</c>).</summary>
    public EMeAddress? ResidentialAddress { get; set; }

    /// <summary>Postal address (<c>postalAddress</c>).</summary>
    public EMeAddress? PostalAddress { get; set; }

    /// <summary>Education level code as sent, for example <c>T</c> (<c>educationLevel</c>); the code table is not published.</summary>
    public string? EducationLevel { get; set; }

    /// <summary>Passport number as sent (<c>passportNumber</c>).</summary>
    public string? PassportNumber { get; set; }

    /// <summary>Passport expiry as sent (<c>passportExpiry</c>); the format is not published, see <see cref="PassportExpiryDate"/>.</summary>
    public string? PassportExpiry { get; set; }

    /// <summary>Property owner indicator as sent (<c>propertyOwner</c>); values not published.</summary>
    public string? PropertyOwner { get; set; }

    /// <summary>Car owner indicator as sent (<c>carOwner</c>); values not published.</summary>
    public string? CarOwner { get; set; }

    /// <summary>Employment status as sent (<c>employmentStatus</c>); values not published.</summary>
    public string? EmploymentStatus { get; set; }

    /// <summary>What the address proof says (<c>addressDocInfo</c>).</summary>
    public AddressDocInfo? AddressDocInfo { get; set; }

    /// <summary>The address proof document (<c>addressDocFile</c>).</summary>
    public AddressDocFile? AddressDocFile { get; set; }

    /// <summary>
    /// Members the SDK does not know, and known members whose value could not be read (see <see cref="MalformedMembers"/>),
    /// kept as sent so that nothing is lost and <see cref="ToJson"/> writes them back.
    /// </summary>
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>
    /// The wire names of known fields whose value had an unexpected shape (for example text where an object was
    /// expected). Their raw values are in <see cref="AdditionalMembers"/>.
    /// </summary>
    public IReadOnlyList<string> MalformedMembers { get; internal set; } = [];

    /// <summary>The HKID number when <see cref="IdNo"/> holds a valid one (check digit matches); otherwise <see langword="null"/>.</summary>
    public HkidNumber? Hkid => IdNo?.Hkid;

    /// <summary><see cref="BirthDate"/> as a date when it is <c>YYYYMMDD</c> (or <c>YYYY-MM-DD</c>) and valid; the raw text stays in <see cref="BirthDate"/>.</summary>
    public DateOnly? DateOfBirth => ParseDate(BirthDate);

    /// <summary><see cref="PassportExpiry"/> as a date, if it is <c>YYYYMMDD</c> or <c>YYYY-MM-DD</c> (the format is a guess [G]).</summary>
    public DateOnly? PassportExpiryDate => ParseDate(PassportExpiry);

    /// <summary>Reads e-ME or profile data from UTF-8 JSON, such as the decrypted content of a callback or of <c>getResult</c>.</summary>
    /// <param name="utf8Json">A JSON object.</param>
    /// <exception cref="FormatException">The text is not JSON or not a JSON object. The message never contains the data.</exception>
    public static EMeData Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new FormatException("The e-ME data has content after the JSON object.");
            }

            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            // JsonException messages may quote a character of the input, so only the position is kept.
            throw new FormatException($"The e-ME data is not valid JSON (line {e.LineNumber}, byte {e.BytePositionInLine}).");
        }
    }

    /// <summary>Reads e-ME or profile data from JSON text.</summary>
    /// <param name="json">A JSON object.</param>
    /// <exception cref="FormatException">The text is not JSON or not a JSON object. The message never contains the data.</exception>
    public static EMeData Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads e-ME or profile data from a parsed JSON object. The result does not refer to <paramref name="json"/>'s document.</summary>
    /// <param name="json">A JSON object.</param>
    /// <exception cref="FormatException">The value is not a JSON object.</exception>
    public static EMeData FromJson(JsonElement json)
        => json.ValueKind == JsonValueKind.Object
            ? EMeDataConverter.ReadObject(json)
            : throw new FormatException("The e-ME data is not a JSON object.");

    /// <summary>Writes the data as JSON with the wire names, known members first, then <see cref="AdditionalMembers"/>.</summary>
    /// <remarks>The result is personal data: store and log it accordingly.</remarks>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the data as a JSON object (see <see cref="ToJson"/>).</summary>
    /// <param name="writer">Where to write.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        EMeDataConverter.WriteObject(writer, this);
    }

    /// <summary>Whether a field was sent, known to the SDK or not; a malformed known field counts as sent.</summary>
    /// <param name="field">For example <see cref="EMeField.ResidentialAddress"/>.</param>
    public bool Has(EMeField field) => EMeDataConverter.IsPresent(this, field.Value);

    /// <summary>The type name and which fields are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(nameof(EMeData), AdditionalMembers, EMeDataConverter.Presence(this));

    private static DateOnly? ParseDate(string? value)
        => DateOnly.TryParseExact(value?.Trim(), ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}
