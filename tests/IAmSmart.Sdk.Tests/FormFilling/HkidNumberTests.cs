using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class HkidNumberTests
{
    // Invented identifiers; check digits computed independently of the SDK (Python, same published algorithm).
    public static TheoryData<string, char> KnownValid => new()
    {
        { "A123456", '3' },
        { "XA123456", '8' },
        { "Y654321", '7' },
        { "Z683365", 'A' },
        { "K123456", '0' },
        { "C668668", '9' },
        { "R100000", '3' },
        { "WX987654", '3' },
        { "M000000", '6' },
        { "G567890", 'A' },
        { "AB123456", '9' },
        { "H000001", '0' },
        { "S555555", 'A' },
    };

    [Theory]
    [MemberData(nameof(KnownValid))]
    public void Check_digit_matches_independently_computed_values(string identifier, char expected)
        => Assert.Equal(expected, HkidNumber.ComputeCheckDigit(identifier));

    [Theory]
    [MemberData(nameof(KnownValid))]
    public void Known_valid_numbers_parse_in_every_accepted_layout(string identifier, char checkDigit)
    {
        foreach (var text in new[] { $"{identifier}({checkDigit})", $"{identifier}{checkDigit}", $"{identifier} ({checkDigit})", $"  {identifier.ToLowerInvariant()}( {char.ToLowerInvariant(checkDigit)} ) " })
        {
            Assert.True(HkidNumber.TryParse(text, out var number, out var error), text);
            Assert.Equal(HkidParseError.None, error);
            Assert.Equal(identifier, number.Identifier);
            Assert.Equal(checkDigit, number.CheckDigit);
        }
    }

    [Fact]
    public void The_contract_example_A123456_3_is_valid_and_formats_back()
    {
        var number = HkidNumber.Parse("A123456(3)");

        Assert.Equal("A", number.Prefix);
        Assert.Equal("A123456(3)", number.Format());
        Assert.Equal("A1234563", number.FormatCompact());
    }

    [Fact]
    public void Two_letter_prefix_is_kept()
    {
        var number = HkidNumber.Parse("xa123456(8)");

        Assert.Equal("XA", number.Prefix);
        Assert.Equal("XA123456", number.Identifier);
        Assert.Equal("XA123456(8)", number.Format());
    }

    [Fact]
    public void Every_wrong_check_digit_is_rejected_for_generated_identifiers()
    {
        var random = new Random(20240517);
        const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (var i = 0; i < 200; i++)
        {
            var prefix = i % 3 == 0 ? $"{Letters[random.Next(26)]}{Letters[random.Next(26)]}" : $"{Letters[random.Next(26)]}";
            var identifier = prefix + random.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var valid = HkidNumber.ComputeCheckDigit(identifier);

            Assert.True(HkidNumber.TryParse($"{identifier}({valid})", out _));
            foreach (var wrong in "0123456789A".Where(c => c != valid))
            {
                Assert.False(HkidNumber.TryParse($"{identifier}({wrong})", out _, out var error));
                Assert.Equal(HkidParseError.CheckDigitMismatch, error);
            }
        }
    }

    [Theory]
    [InlineData("A123456(4)")]
    [InlineData("XA123456(9)")]
    [InlineData("Z683365(0)")]
    public void Wrong_check_digit_is_reported_as_a_mismatch(string text)
    {
        Assert.False(HkidNumber.TryParse(text, out var number, out var error));
        Assert.Null(number);
        Assert.Equal(HkidParseError.CheckDigitMismatch, error);
    }

    [Theory]
    [InlineData("A123456")]
    [InlineData("A12345(6)")]
    [InlineData("A1234567(3)")]
    [InlineData("ABC123456(3)")]
    [InlineData("1123456(3)")]
    [InlineData("A123456(3")]
    [InlineData("A123456 3)")]
    [InlineData("A123456(B)")]
    [InlineData("A123456(33)")]
    [InlineData("A12B456(3)")]
    [InlineData("A123456()")]
    public void Malformed_text_is_reported_as_invalid_format(string text)
    {
        Assert.False(HkidNumber.TryParse(text, out _, out var error));
        Assert.Equal(HkidParseError.InvalidFormat, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_reported_as_empty(string? text)
    {
        Assert.False(HkidNumber.TryParse(text, out _, out var error));
        Assert.Equal(HkidParseError.Empty, error);
    }

    [Theory]
    [InlineData("Y654321(8)")]
    [InlineData("Y654321")]
    [InlineData("Y65432(1)")]
    public void Parse_errors_never_echo_the_input(string text)
    {
        var exception = Assert.Throws<FormatException>(() => HkidNumber.Parse(text));

        Assert.DoesNotContain("654321", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("65432", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_error_messages_differ_by_cause()
    {
        var mismatch = Assert.Throws<FormatException>(() => HkidNumber.Parse("A123456(4)"));
        var format = Assert.Throws<FormatException>(() => HkidNumber.Parse("A12(3)"));

        Assert.Contains("check digit", mismatch.Message, StringComparison.Ordinal);
        Assert.NotEqual(mismatch.Message, format.Message);
    }

    [Theory]
    [InlineData("A123456(3)", "A123***(*)")]
    [InlineData("XA123456(8)", "XA123***(*)")]
    [InlineData("Z683365(A)", "Z683***(*)")]
    public void ToString_masks_the_number(string text, string masked)
    {
        var number = HkidNumber.Parse(text);

        Assert.Equal(masked, number.ToString());
        Assert.Equal(masked, $"{number}");
        Assert.DoesNotContain(number.Identifier, number.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HkicHash_is_computed_over_the_identifier_without_the_check_digit()
    {
        var number = HkidNumber.Parse("A123456(3)");

        // Base64(SHA-256("A123456")), computed independently.
        Assert.Equal("rDcExehSzsiEp2laLaJqrtaX2ua9sdaugwaY5ONmYwk=", number.ComputeHkicHash());
        Assert.Equal(HkicHash.Compute("A123456(3)"), number.ComputeHkicHash());
    }

    [Fact]
    public void Numbers_are_equal_by_value_whatever_the_layout()
    {
        var a = HkidNumber.Parse("A123456(3)");
        var b = HkidNumber.Parse("a1234563");
        var c = HkidNumber.Parse("Y654321(7)");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.False(a.Equals(null));
        Assert.Single(new HashSet<HkidNumber> { a, b });
    }

    [Theory]
    [InlineData("A123456", "3", true)]
    [InlineData(" A123456 ", " 3 ", true)]
    [InlineData("A1234563", null, true)]
    [InlineData("A123456(3)", "", true)]
    [InlineData("A123456", "A", false)]
    [InlineData("A123456", null, false)]
    [InlineData(null, "3", false)]
    public void Parts_from_idNo_make_a_number_only_when_valid(string? identification, string? checkDigit, bool valid)
    {
        Assert.Equal(valid, HkidNumber.TryFromParts(identification, checkDigit, out var number));
        Assert.Equal(valid, number is not null);
    }

    [Theory]
    [InlineData("A12345")]
    [InlineData("A123456(3)")]
    [InlineData("1234567")]
    public void ComputeCheckDigit_rejects_non_identifiers(string text)
        => Assert.Throws<FormatException>(() => HkidNumber.ComputeCheckDigit(text));
}
