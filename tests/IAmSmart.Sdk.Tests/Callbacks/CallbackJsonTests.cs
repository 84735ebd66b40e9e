using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Callbacks;

namespace IAmSmart.Sdk.Tests.Callbacks;

/// <summary>
/// <see cref="CallbackJson.Validate"/> checks the envelope in one reader pass instead of a <see cref="JsonDocument"/>:
/// it must refuse exactly what <see cref="CallbackJson.Parse"/> refuses.
/// </summary>
[Trait("Category", "Security")]
public sealed class CallbackJsonTests
{
    public static TheoryData<string, bool> Bodies => new()
    {
        { """{"code":"D00000","content":"QUJD"}""", true },
        { """{"code":"D00000","code":"D80001"}""", false },
        { """{"code":"D00000","c\u006fde":"D80001"}""", false }, // the same name, escaped
        { """{"code":"D00000","Code":"D80001"}""", true }, // names are case-sensitive
        { """{"content":{"a":1,"b":{"a":2}},"a":3}""", true }, // one name at different levels
        { """{"content":{"businessID":"x","businessID":"y"}}""", false }, // nested
        { """{"list":[{"a":1},{"a":2}]}""", true }, // one name in sibling objects
        { """{"list":[{"a":1,"a":2}]}""", false },
        { """{"code":"D00000"} {"code":"D80001"}""", false }, // two values
        { """{"code":"D00000",}""", false }, // trailing comma
        { """{"code":"D00000" /* note */}""", false }, // comment
        { """{"code":"D00000\""", false }, // truncated
        { "", false },
        { "[1,2]", true }, // not an object, but JSON: the envelope reader refuses it
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Validate_refuses_exactly_what_Parse_refuses(string body, bool valid)
    {
        var json = Encoding.UTF8.GetBytes(body);

        Assert.Equal(valid, Accepts(() => CallbackJson.Validate(json)));
        Assert.Equal(valid, Accepts(() => CallbackJson.Parse(json).Dispose()));
    }

    [Fact]
    public void A_member_name_that_is_not_utf8_is_a_json_error_not_an_invalid_operation()
    {
        byte[] json = [.. "{\""u8, 0xC3, 0x28, .. "\":1}"u8];

        Assert.ThrowsAny<JsonException>(() => CallbackJson.Validate(json));
    }

    private static bool Accepts(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
