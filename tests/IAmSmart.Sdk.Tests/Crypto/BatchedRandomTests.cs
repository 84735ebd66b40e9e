using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Crypto;

public sealed class BatchedRandomTests
{
    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(5000)]
    public void Draws_never_repeat_within_or_across_batches(int size)
    {
        // 2,000 draws of 12 bytes span six batches; a draw that reused bytes would show up as a duplicate.
        var seen = new HashSet<string>();
        for (var i = 0; i < 2000 && i * size < 200_000; i++)
        {
            var bytes = new byte[size];
            BatchedRandom.Fill(bytes);
            Assert.True(seen.Add(Convert.ToHexString(bytes)));
            Assert.Contains(bytes, b => b != 0);
        }
    }

    [Fact]
    public void Nonces_are_32_lowercase_hex_digits_and_unique_across_threads()
    {
        var nonces = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                nonces.Add(RequestStamp.NextNonce());
            }
        });

        Assert.All(nonces, n => Assert.Matches("^[0-9a-f]{32}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }
}
