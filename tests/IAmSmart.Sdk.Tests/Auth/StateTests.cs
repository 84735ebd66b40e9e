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
