using IAmSmart.Sdk.FormFilling;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("852", null, "98765432", "+85298765432")]
    [InlineData("+852", null, "9876 5432", "+85298765432")]
    [InlineData("00852", null, "9876-5432", "+85298765432")]
    [InlineData("86", "10", "12345678", "+861012345678")]
    [InlineData(" 44 ", "(20)", "7946 0000", "+442079460000")]
    public void E164_joins_the_digits_of_every_part(string country, string? destination, string subscriber, string expected)
    {
        var phone = new EMePhoneNumber { CountryCode = country, NationalDestinationCode = destination, SubscriberNumber = subscriber };

        Assert.Equal(expected, phone.ToE164());
    }

    [Fact]
    public void Official_sample_home_number_is_E164()
        => Assert.Equal("+85298765432", EMeData.Parse(Fixtures.EMeFixtures.OfficialSample).HomeTelNumber?.ToE164());

    [Fact]
    public void Missing_country_code_gives_null_unless_a_default_is_given()
    {
        var phone = new EMePhoneNumber { SubscriberNumber = "61234567" };

        Assert.Null(phone.ToE164());
        Assert.Equal("+85261234567", phone.ToE164("852"));
        Assert.Equal("+85261234567", new EMePhoneNumber { CountryCode = " ", SubscriberNumber = "61234567" }.ToE164("+852"));
        Assert.Equal("+4461234567", new EMePhoneNumber { CountryCode = "44", SubscriberNumber = "61234567" }.ToE164("852"));
    }

    [Theory]
    [InlineData("852", null)]
    [InlineData("852", "")]
    [InlineData("852", "--")]
    [InlineData("8520", "61234567")]
    [InlineData("0", "61234567")]
    [InlineData("852", "1234567890123")]
    [InlineData("abc", "61234567")]
    public void Implausible_numbers_give_null(string country, string? subscriber)
        => Assert.Null(new EMePhoneNumber { CountryCode = country, SubscriberNumber = subscriber }.ToE164());
}
