using IAmSmart.Sdk.FormFilling;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class EMeFieldTests
{
    [Fact]
    public void Known_eME_fields_are_the_data_dictionary_names()
    {
        string[] dictionary =
        [
            "idNo", "prefix", "enName", "chName", "chNameVerified", "birthDate", "gender", "maritalStatus", "homeTelNumber",
            "officeTelNumber", "mobileNumber", "emailAddress", "residentialAddress", "postalAddress", "educationLevel",
            "passportNumber", "passportExpiry", "propertyOwner", "carOwner", "employmentStatus", "addressDocInfo", "addressDocFile",
        ];

        Assert.Equal(dictionary, EMeField.Known.Select(f => f.Value));
    }

    [Fact]
    public void Known_profile_fields_are_the_five_confirmed_ones()
    {
        Assert.Equal(["idNo", "enName", "chName", "birthDate", "gender"], ProfileField.Known.Select(f => f.Value));
        Assert.DoesNotContain(ProfileField.ChNameVerified, ProfileField.Known);
        Assert.Equal("chNameVerified", ProfileField.ChNameVerified.Value);
    }

    [Fact]
    public void Fields_compare_by_value_and_print_their_wire_name()
    {
        Assert.Equal(EMeField.ResidentialAddress, new EMeField("residentialAddress"));
        Assert.NotEqual(EMeField.ResidentialAddress, new EMeField("ResidentialAddress"));
        Assert.Equal("mobileNumber", EMeField.MobileNumber.ToString());
        Assert.Equal("gender", $"{ProfileField.Gender}");
    }

    [Fact]
    public void A_field_the_SDK_does_not_know_can_be_wrapped()
    {
        var future = new EMeField("vaccinationRecord");

        Assert.Equal("vaccinationRecord", future.Value);
        Assert.DoesNotContain(future, EMeField.Known);
    }
}
