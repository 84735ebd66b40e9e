using System.Buffers;
using IAmSmart.Sdk.Polyfills;

namespace IAmSmart.Sdk.Tests;

/// <summary>
/// The netstandard2.0 build reads a stream into memory that is not an array through a pooled array: a callback body
/// passes through it, so it is cleared before the pool gets it back, whatever its size (not left to <c>clearArray</c>).
/// </summary>
public sealed class ReadThroughArrayTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(2 * 1024 * 1024)] // over the 1 MiB cap of System.Buffers' shared pool on .NET Framework
    public async Task The_pooled_array_is_cleared_before_the_pool_gets_it(int size)
    {
        var body = new byte[size];
        body.AsSpan().Fill(0x7E);
        using var source = new MemoryStream(body);
        var destination = new byte[size];
        var pool = new ClearCheckingPool();

        var read = await TaskPolyfills.ReadThroughArrayAsync(source, destination, pool, TestContext.Current.CancellationToken);

        Assert.Equal(size, read);
        Assert.Equal(body, destination);
        Assert.False(pool.AskedToClear);
        Assert.Equal(-1, pool.FirstNonZero);
    }

    private sealed class ClearCheckingPool : ArrayPool<byte>
    {
        public bool AskedToClear { get; private set; }

        public int FirstNonZero { get; private set; } = -2;

        public override byte[] Rent(int minimumLength) => new byte[minimumLength];

        public override void Return(byte[] array, bool clearArray = false)
        {
            AskedToClear = clearArray;
            FirstNonZero = array.AsSpan().IndexOfAnyExcept((byte)0);
        }
    }
}
