using IAmSmart.Sdk.Diagnostics;

namespace IAmSmart.Sdk.Tests.Diagnostics;

public sealed class PersonalDataRedactorTests
{
    [Theory]
    [InlineData("parameter idNo A123456(3) is invalid", "A123456")]
    [InlineData("hkic Y6543213 rejected", "Y6543213")]
    [InlineData("two letters: XA123456(9)", "XA123456")]
    [InlineData("""{"enName":{"UnstructuredName":"WONG, Siu Ming"},"birthDate":"19900101"}""", "WONG, Siu Ming")]
    [InlineData("""{"enName":{"UnstructuredName":"WONG, Siu Ming"},"birthDate":"19900101"}""", "19900101")]
    [InlineData("""{"chName":{"ChineseName":"黃小明"}}""", "黃小明")]
    [InlineData("""{"accessToken":"5ddc9ccf32fa2c6ed3dff1730e047ad9","x":1}""", "5ddc9ccf32fa2c6ed3dff1730e047ad9")]
    [InlineData("""{"openID" : "liR14%2BvX%2F5hSum5uf4ERczu0KcDnIJA5BM7FoM1ag9c%3D"}""", "liR14")]
    [InlineData("https://eservice.example/cb?code=ec95a17527cafeb8&state=abc", "ec95a17527cafeb8")]
    [InlineData("secretKey=E7wOeN7tA95GYVdlI/JP2trJtcd9kQ8Ll6ONzI1kZD3nKC7PDl4AdH6sDTOnnU5m", "E7wOeN7tA95GYVdl")]
    [InlineData("""{"clientSecret":"9c9384f2b60e42fc3e6e983ec69530c0"}""", "9c9384f2b60e42fc")]
    [InlineData("""{"mobileNumber":{"CountryCode":"852","SubscriberNumber":"91234567"}}""", "91234567")]
    [InlineData("blob AAAADCTKN2hyyLspp46/SXSTKsNwLwTlnx7wTvoLpD+aMxZJ0vZAqF3C898NNNFKSA7ZM3jVZby+nuzjfYmId11tsuiBBEG6m59WbU60M5mNcjSAnS/CHNK8K/0= end", "AAAADCTKN2hyyLspp46")]
    [InlineData("""{"addressDocInfo":{"enUserName":"CHAN, Tai Man","enServiceAddress":{"addressLine1":"FLAT 3, 9/F"}}}""", "CHAN, Tai Man")]
    [InlineData("""{"addressDocInfo":{"enUserName":"CHAN, Tai Man","enServiceAddress":{"addressLine1":"FLAT 3, 9/F"}}}""", "FLAT 3")]
    [InlineData("""{"tcUserName":"陳大文","billDate":1}""", "陳大文")]
    [InlineData("""{"addressLine4":"SHA TIN"}""", "SHA TIN")]
    [InlineData("""{"docFile":"JVBERi0x"}""", "JVBERi0x")]
    public void Personal_data_and_secrets_do_not_survive(string text, string secret)
    {
        var redacted = PersonalDataRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(PersonalDataRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("authCode not exist or expired")]
    [InlineData("signature verification failed")]
    [InlineData("content encryption key not exist or expired")]
    public void Plain_server_messages_are_left_as_they_are(string text)
        => Assert.Equal(text, PersonalDataRedactor.Redact(text));

    [Fact]
    [Trait("Category", "Security")]
    public void Json_is_an_allow_list_every_other_value_is_masked()
    {
        var redacted = PersonalDataRedactor.Redact("""{"businessID":"biz-42","accessToken":"abc","lang":"en-US","someNewField":"Chan Tai Man","count":3,"ok":true,"none":null}""");

        Assert.Equal("""{"businessID":"***","accessToken":"***","lang":"***","someNewField":"***","count":"***","ok":"***","none":null}""", redacted);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Allowed_members_keep_their_values_when_they_have_their_shape()
    {
        var redacted = PersonalDataRedactor.Redact("""{"txID":"<T=938ffb193b4b4370b6c2584372c6a588>","code":"D40004","message":"authCode not exist or expired","status":"PENDING","expiresIn":3600}""");

        Assert.Equal("""{"txID":"<T=938ffb193b4b4370b6c2584372c6a588>","code":"D40004","message":"authCode not exist or expired","status":"PENDING","expiresIn":3600}""", redacted);
    }

    [Theory]
    [Trait("Category", "Security")]
    [InlineData("""{"txID":"<T=1> Chan Tai Man"}""", "Chan Tai Man")]
    [InlineData("""{"code":"ec95a17527cafeb8ec95a17527cafeb8"}""", "ec95a17527")]
    [InlineData("""{"status":"Flat 3, 9/F, Block B"}""", "Flat 3")]
    [InlineData("""{"message":"idNo A123456(3) is invalid"}""", "A123456")]
    [InlineData("""{"message":"bad {"enName":"Chan Tai Man"}"}""", "Chan Tai Man")]
    [InlineData("""{"code":{"enName":"Chan Tai Man"}}""", "Chan Tai Man")]
    [InlineData("""{"message":["Chan Tai Man"]}""", "Chan Tai Man")]
    public void Allowed_members_with_another_shape_are_masked(string text, string secret)
    {
        var redacted = PersonalDataRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
    }

    public static TheoryData<string> NestedPersonalData => new()
    {
        // An e-bill address proof (addendum §A6.1) three and four levels down: bill-holder names and address lines.
        """{"content":{"formData":{"addressDocInfo":{"enUserName":"Chan Tai Man","tcUserName":"陳大文","enServiceAddress":{"addressLine1":"Flat 3, 9/F, Block B","addressLine2":"Sha Tin"}}}}}""",
        // Arrays of objects and of plain strings.
        """{"people":[{"address":{"lines":["Flat 3, 9/F, Block B","Sha Tin"]}},{"n":["Chan Tai Man"]}],"x":["陳大文"]}""",
        // A member this SDK has never heard of, five levels down.
        """{"a":{"b":{"c":{"d":{"holder":"Chan Tai Man","flat":"Flat 3, 9/F, Block B","district":"Sha Tin","zh":"陳大文"}}}}}""",
        // Embedded in free text, and cut off in mid-value.
        """iAM Smart said: {"addressDocInfo":{"enUserName":"Chan Tai Man","tcUserName":"陳大文","enPostalAddress":{"addressLine1":"Flat 3, 9/F, Block B","addressLine2":"Sha Tin""",
        """failed at "tcUserName": "陳大文", "enUserName":"Chan Tai Man", "lines": ["Flat 3, 9/F, Block B", "Sha Tin""",
        // A top-level array, and JSON after JSON.
        """["Chan Tai Man","陳大文","Flat 3, 9/F, Block B","Sha Tin"]""",
        """{"ok":1} then {"holder":"Chan Tai Man","zh":"陳大文"} and [{"flat":"Flat 3, 9/F, Block B","d":"Sha Tin"}]""",
    };

    [Theory]
    [Trait("Category", "Security")]
    [MemberData(nameof(NestedPersonalData))]
    public void Names_and_addresses_at_any_depth_in_objects_and_arrays_are_masked(string text)
    {
        var redacted = PersonalDataRedactor.Redact(text);

        foreach (var secret in new[] { "Chan Tai Man", "陳大文", "Flat 3", "Sha Tin" })
        {
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }

        Assert.Contains(PersonalDataRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Member_names_stay_so_a_line_still_shows_which_fields_were_there()
    {
        var redacted = PersonalDataRedactor.Redact("""{"addressDocInfo":{"enUserName":"Chan Tai Man","docFile":"JVBERi0x"}}""");

        Assert.Equal("""{"addressDocInfo":{"enUserName":"***","docFile":"***"}}""", redacted);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Free_text_around_json_keeps_its_words()
    {
        var redacted = PersonalDataRedactor.Redact("""The payload {"enName":"Chan Tai Man"} is not the expected JSON (HTTP 400).""");

        Assert.Equal("""The payload {"enName":"***"} is not the expected JSON (HTTP 400).""", redacted);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Thousands_of_json_values_in_one_text_do_not_exhaust_the_stack()
    {
        var text = string.Concat(Enumerable.Repeat("""{"holder":"Chan Tai Man"} """, 50_000)) + new string('[', 10_000);

        var redacted = PersonalDataRedactor.Redact(text);

        Assert.DoesNotContain("Chan Tai Man", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_and_empty_give_empty()
    {
        Assert.Equal(string.Empty, PersonalDataRedactor.Redact(null));
        Assert.Equal(string.Empty, PersonalDataRedactor.Redact(string.Empty));
    }
}
