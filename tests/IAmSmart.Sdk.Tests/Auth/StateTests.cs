using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Tests.Auth;

public sealed class StateTests
{
    [Fact]
    public void Generated_state_carries_192_random_bits_in_32_url_safe_characters()
    {
        var state = IAmSmartState.Generate();

        Assert.Equal(32, state.Length);
        Assert.Matches("^[A-Za-z0-9_-]{32}$", state);
        Assert.Equal(24, System.Buffers.Text.Base64Url.DecodeFromChars(state).Length);
    }

    [Fact]
    public void Generated_states_do_not_repeat()
    {
        var states = Enumerable.Range(0, 2000).Select(_ => IAmSmartState.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(2000, states.Count);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("AZaz09_-", true)]
    [InlineData("123456789012345678901234567890123456", true)]
    [InlineData("1234567890123456789012345678901234567", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a+b", false)]
    [InlineData("a/b", false)]
    [InlineData("a=b", false)]
    [InlineData("a.b", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Well_formed_state_is_1_to_36_characters_of_letters_digits_underscore_dash(string? value, bool expected)
    {
        Assert.Equal(expected, IAmSmartState.IsWellFormed(value));
    }

    // Contract §13 "≤ 36 ASCII chars" (the letters-digits-_-- charset is state's only); addendum §A4.2 "ASCII ≤ 36".
    // Printable ASCII 0x21–0x7E: no control characters and no space.
    [Theory]
    [InlineData("a", true)]
    [InlineData("AZaz09_-", true)]
    [InlineData("INV-2026/0001.a", true)]
    [InlineData("a+b=c:d#e?f&g%h", true)]
    [InlineData("!\"~{|}", true)]
    [InlineData("123456789012345678901234567890123456", true)]
    [InlineData("1234567890123456789012345678901234567", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a b", false)]
    [InlineData(" ab", false)]
    [InlineData("ab\t", false)]
    [InlineData("a\nb", false)]
    [InlineData("a\u007Fb", false)]
    [InlineData("é", false)]
    [InlineData("業務", false)]
    public void Well_formed_business_id_is_1_to_36_printable_ASCII_characters_without_space(string? value, bool expected)
    {
        Assert.Equal(expected, IAmSmartState.IsWellFormedBusinessId(value));
    }

    [Fact]
    public void A_generated_value_is_a_well_formed_business_id_and_every_state_is_one()
    {
        var value = IAmSmartState.Generate();

        Assert.True(IAmSmartState.IsWellFormedBusinessId(value));
        Assert.True(IAmSmartState.IsWellFormed(value));
    }

    [Fact]
    public void Fixed_time_comparison_matches_only_the_same_value()
    {
        var state = IAmSmartState.Generate();

        Assert.True(IAmSmartState.FixedTimeEquals(state, new string(state.AsSpan())));
        Assert.False(IAmSmartState.FixedTimeEquals(state, state[..^1] + (state[^1] == 'a' ? 'b' : 'a')));
        Assert.False(IAmSmartState.FixedTimeEquals(state, state[..^1]));
        Assert.False(IAmSmartState.FixedTimeEquals(state, null));
    }
}
