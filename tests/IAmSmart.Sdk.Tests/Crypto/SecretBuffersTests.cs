using System.Buffers;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Tests.Crypto;

/// <summary>
/// Pooled buffers that held secrets are cleared before they go back, whatever size: a pool drops an array over its cap
/// (1 MiB for System.Buffers on .NET Framework) without clearing it, even when asked to.
/// </summary>
public sealed class SecretBuffersTests
{
    [Theory]
    [InlineData(4 * 1024, 4 * 1024)]
    [InlineData(2 * 1024 * 1024, 2 * 1024 * 1024)] // over the 1 MiB cap of System.Buffers' shared pool on .NET Framework
    [InlineData(2 * 1024 * 1024, 1024 * 1024 + 1)]
    public void A_buffer_is_cleared_before_the_pool_gets_it_whatever_its_size(int size, int used)
    {
        var pool = new RecordingPool();
        var array = new byte[size];
        array.AsSpan().Fill(0x5A);

        SecretBuffers.Return(array, used, pool);

        Assert.Same(array, pool.Returned);
        Assert.False(pool.AskedToClear); // the pool is not trusted to: it may drop an array without clearing it
        Assert.Equal(-1, pool.FirstNonZeroInUsedSpan);
        Assert.Equal(used, pool.UsedLength);
    }

    [Fact]
    public void An_array_already_given_back_is_not_returned_twice()
    {
        var pool = new RecordingPool();

        SecretBuffers.Return([], 0, pool);

        Assert.Null(pool.Returned);
    }

    /// <summary>Records, at the moment of return, what the pool was given and whether it was cleared by then.</summary>
    private sealed class RecordingPool : ArrayPool<byte>
    {
        public byte[]? Returned { get; private set; }

        public bool AskedToClear { get; private set; }

        public int FirstNonZeroInUsedSpan { get; private set; } = -2;

        public int UsedLength { get; private set; }

        public override byte[] Rent(int minimumLength) => new byte[minimumLength];

        public override void Return(byte[] array, bool clearArray = false)
        {
            Returned = array;
            AskedToClear = clearArray;
            UsedLength = array.AsSpan().LastIndexOfAnyExcept((byte)0x5A) + 1;
            FirstNonZeroInUsedSpan = array.AsSpan(0, UsedLength).IndexOfAnyExcept((byte)0);
        }
    }
}
