using System.Collections;
using System.Reflection;
using System.Text.Json;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.FormFilling.Fixtures;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class PersonalDataToStringTests
{
    public static TheoryData<string> Fixtures => new()
    {
        EMeFixtures.OfficialSample,
        EMeFixtures.FullPersona,
        EMeFixtures.EnglishPremises,
        EMeFixtures.EnglishPremisesAliases,
        EMeFixtures.ChinesePremisesAliases,
        EMeFixtures.EnglishLotStructure,
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void No_model_object_reveals_a_value_in_ToString(string json)
    {
        var values = LeafValues(json);
        var descriptions = Descriptions(EMeData.Parse(json));

        Assert.True(descriptions.Count > 5, "the walk should reach the nested models");
        foreach (var (type, text) in descriptions)
        {
            foreach (var value in values)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{type}.ToString() reveals a value: {text}");
            }
        }
    }

    [Fact]
    public void ToString_names_the_type_and_the_members_present()
    {
        var data = EMeData.Parse(EMeFixtures.OfficialSample);

        Assert.Equal(
            "EMeData { idNo, prefix, enName, chName, chNameVerified, birthDate, gender, maritalStatus, homeTelNumber, residentialAddress, postalAddress, educationLevel }",
            data.ToString());
        Assert.Equal("EMeIdNumber { Identification, CheckDigit }", data.IdNo!.ToString());
        Assert.Equal("AddressFloor { FloorNum }", data.ResidentialAddress!.ChiPremisesAddress!.Chi3dAddress!.ChiFloor!.ToString());
        Assert.Equal("EMeData { }", new EMeData().ToString());
    }

    [Fact]
    public void Unknown_members_are_counted_not_named()
    {
        var data = EMeData.Parse("""{"A1234563":"x","gender":"F"}""");

        Assert.Equal("EMeData { gender, +1 unknown }", data.ToString());
    }

    [Fact]
    public void Hkid_of_a_parsed_persona_is_masked_in_ToString()
    {
        var data = EMeData.Parse(EMeFixtures.FullPersona);

        Assert.Equal("Z683***(*)", data.Hkid!.ToString());
    }

    private static HashSet<string> LeafValues(string json)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        Collect(document.RootElement);
        return values;

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
                case JsonValueKind.String or JsonValueKind.Number:
                    // Single characters (M, F, 座) and two-letter codes (en, HK) also occur in type and member names; longer
                    // values, and two characters with a digit (floors, units: 15, A1), must not appear.
                    var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                    if (text.Length >= 3 || (text.Length == 2 && text.Any(char.IsAsciiDigit)))
                    {
                        values.Add(text);
                    }

                    break;
            }
        }
    }

    private static List<(string Type, string Text)> Descriptions(object root)
    {
        var result = new List<(string, string)>();
        var pending = new Stack<object>([root]);
        while (pending.TryPop(out var current))
        {
            result.Add((current.GetType().Name, current.ToString()!));
            foreach (var property in current.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.PropertyType.Namespace != typeof(EMeData).Namespace)
                {
                    continue;
                }

                if (property.GetValue(current) is { } child and not IEnumerable)
                {
                    pending.Push(child);
                }
            }
        }

        return result;
    }
}
