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
    public void Json_members_that_are_not_personal_keep_their_values()
    {
        var redacted = PersonalDataRedactor.Redact("""{"businessID":"biz-42","accessToken":"abc","lang":"en-US"}""");

        Assert.Equal("""{"businessID":"biz-42","accessToken":"***","lang":"en-US"}""", redacted);
    }

    [Fact]
    public void Null_and_empty_give_empty()
    {
        Assert.Equal(string.Empty, PersonalDataRedactor.Redact(null));
        Assert.Equal(string.Empty, PersonalDataRedactor.Redact(string.Empty));
    }
}
