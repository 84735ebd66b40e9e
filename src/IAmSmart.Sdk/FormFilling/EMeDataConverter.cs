using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// Reads and writes <see cref="EMeData"/> member by member, so that one field with an unexpected shape is kept raw
/// instead of failing the whole document. Being on the type, it also applies when <see cref="EMeData"/> is a member of
/// another feature's source-generated model (for example a callback body).
/// </summary>
internal sealed class EMeDataConverter : JsonConverter<EMeData>
{
    private static readonly FormFillingJsonContext Context = FormFillingJsonContext.Default;

    // Wire order of the official sample (contract §9.2), then the callback's correlation members.
    private static readonly Member[] Members =
    [
        new Member<string>("businessID", Context.String, d => d.BusinessId, (d, v) => d.BusinessId = v),
        new Member<string>("state", Context.String, d => d.State, (d, v) => d.State = v),
        new Member<EMeIdNumber>("idNo", Context.EMeIdNumber, d => d.IdNo, (d, v) => d.IdNo = v),
        new Member<string>("prefix", Context.String, d => d.Prefix, (d, v) => d.Prefix = v),
        new Member<EMeEnglishName>("enName", Context.EMeEnglishName, d => d.EnName, (d, v) => d.EnName = v),
        new Member<EMeChineseName>("chName", Context.EMeChineseName, d => d.ChName, (d, v) => d.ChName = v),
        new Member<string>("chNameVerified", Context.String, d => d.ChNameVerified, (d, v) => d.ChNameVerified = v),
        new Member<string>("birthDate", Context.String, d => d.BirthDate, (d, v) => d.BirthDate = v),
        new Member<string>("gender", Context.String, d => d.Gender, (d, v) => d.Gender = v),
        new Member<string>("maritalStatus", Context.String, d => d.MaritalStatus, (d, v) => d.MaritalStatus = v),
        new Member<EMePhoneNumber>("homeTelNumber", Context.EMePhoneNumber, d => d.HomeTelNumber, (d, v) => d.HomeTelNumber = v),
        new Member<EMePhoneNumber>("officeTelNumber", Context.EMePhoneNumber, d => d.OfficeTelNumber, (d, v) => d.OfficeTelNumber = v),
        new Member<EMePhoneNumber>("mobileNumber", Context.EMePhoneNumber, d => d.MobileNumber, (d, v) => d.MobileNumber = v),
        new Member<string>("emailAddress", Context.String, d => d.EmailAddress, (d, v) => d.EmailAddress = v),
        new Member<EMeAddress>("residentialAddress", Context.EMeAddress, d => d.ResidentialAddress, (d, v) => d.ResidentialAddress = v),
        new Member<EMeAddress>("postalAddress", Context.EMeAddress, d => d.PostalAddress, (d, v) => d.PostalAddress = v),
        new Member<string>("educationLevel", Context.String, d => d.EducationLevel, (d, v) => d.EducationLevel = v),
        new Member<string>("passportNumber", Context.String, d => d.PassportNumber, (d, v) => d.PassportNumber = v),
        new Member<string>("passportExpiry", Context.String, d => d.PassportExpiry, (d, v) => d.PassportExpiry = v),
        new Member<string>("propertyOwner", Context.String, d => d.PropertyOwner, (d, v) => d.PropertyOwner = v),
        new Member<string>("carOwner", Context.String, d => d.CarOwner, (d, v) => d.CarOwner = v),
        new Member<string>("employmentStatus", Context.String, d => d.EmploymentStatus, (d, v) => d.EmploymentStatus = v),
        new Member<AddressDocInfo>("addressDocInfo", Context.AddressDocInfo, d => d.AddressDocInfo, (d, v) => d.AddressDocInfo = v),
        new Member<AddressDocFile>("addressDocFile", Context.AddressDocFile, d => d.AddressDocFile, (d, v) => d.AddressDocFile = v),
    ];

    // Case-insensitive like the nested models (FormFillingJsonContext), so "IdNo" is still idNo.
    private static readonly FrozenDictionary<string, Member> ByName = Members.ToFrozenDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public override EMeData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The e-ME data is not a JSON object.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        return ReadObject(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, EMeData value, JsonSerializerOptions options) => WriteObject(writer, value);

    internal static EMeData ReadObject(JsonElement json)
    {
        var data = new EMeData();
        List<string>? malformed = null;
        foreach (var property in json.EnumerateObject())
        {
            if (ByName.TryGetValue(property.Name, out var member))
            {
                try
                {
                    member.Read(data, property.Value);
                    continue;
                }
                catch (JsonException)
                {
                    (malformed ??= []).Add(member.Name);
                }
            }

            (data.AdditionalMembers ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[property.Name] = property.Value.Clone();
        }

        data.MalformedMembers = malformed ?? (IReadOnlyList<string>)[];
        return data;
    }

    internal static void WriteObject(Utf8JsonWriter writer, EMeData data)
    {
        writer.WriteStartObject();
        foreach (var member in Members)
        {
            member.Write(writer, data);
        }

        if (data.AdditionalMembers is { } additional)
        {
            foreach (var (name, value) in additional)
            {
                // A raw value kept for a malformed field gives way to a value set since.
                if (ByName.TryGetValue(name, out var member) && member.HasValue(data))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    internal static bool IsPresent(EMeData data, string name)
        => (ByName.TryGetValue(name, out var member) && member.HasValue(data)) || (data.AdditionalMembers?.ContainsKey(name) ?? false);

    internal static (string Name, object? Value)[] Presence(EMeData data)
        => Array.ConvertAll(Members, m => (m.Name, m.HasValue(data) ? (object)true : null));

    private abstract class Member(string name)
    {
        public string Name { get; } = name;

        public abstract void Read(EMeData data, JsonElement value);

        public abstract void Write(Utf8JsonWriter writer, EMeData data);

        public abstract bool HasValue(EMeData data);
    }

    private sealed class Member<T>(string name, JsonTypeInfo<T> typeInfo, Func<EMeData, T?> get, Action<EMeData, T?> set) : Member(name)
        where T : class
    {
        public override void Read(EMeData data, JsonElement value) => set(data, value.Deserialize(typeInfo));

        public override void Write(Utf8JsonWriter writer, EMeData data)
        {
            if (get(data) is { } value)
            {
                writer.WritePropertyName(Name);
                JsonSerializer.Serialize(writer, value, typeInfo);
            }
        }

        public override bool HasValue(EMeData data) => get(data) is not null and not "";
    }
}

/// <summary>
/// Source-generated JSON metadata for the e-ME model (trimming and AOT safe). Member names are matched case-insensitively,
/// text accepts numbers and booleans, and numbers accept numeric strings, because the wire format drifts between
/// versions (contract §9.2).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(LenientStringConverter)])]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(EMeIdNumber))]
[JsonSerializable(typeof(EMeEnglishName))]
[JsonSerializable(typeof(EMeChineseName))]
[JsonSerializable(typeof(EMePhoneNumber))]
[JsonSerializable(typeof(EMeAddress))]
[JsonSerializable(typeof(AddressDocInfo))]
[JsonSerializable(typeof(AddressDocFile))]
internal sealed partial class FormFillingJsonContext : JsonSerializerContext;
