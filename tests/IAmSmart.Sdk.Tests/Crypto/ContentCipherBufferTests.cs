using System.Buffers;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Tests.Crypto;

/// <summary>
/// The working buffer of <see cref="AesGcmContentCipher"/>'s encryption held the ciphertext: it is cleared before the pool
/// gets it back, not left to <c>clearArray</c>, which a pool ignores for an array over its cap (SecretBuffers).
/// </summary>
public sealed class ContentCipherBufferTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(2 * 1024 * 1024)] // over the 1 MiB cap of System.Buffers' shared pool on .NET Framework
    public void Encryption_clears_its_working_buffer_before_the_pool_gets_it(int size)
    {
        var pool = new ClearCheckingPool();
        var plaintext = new byte[size];
        plaintext.AsSpan().Fill(0x42);

        var wire = AesGcmContentCipher.Encrypt(plaintext, new ContentKey(new byte[ContentKey.KeySizeInBytes]), new byte[12], pool);

        Assert.NotEmpty(wire);
        Assert.Equal(1, pool.Returns);
        Assert.False(pool.AskedToClear); // not trusted to
        Assert.Equal(-1, pool.FirstNonZero);
    }

    /// <summary>Rents arrays full of a marker and records, at the moment of return, whether any byte is not yet zero.</summary>
    private sealed class ClearCheckingPool : ArrayPool<byte>
    {
        public int Returns { get; private set; }

        public bool AskedToClear { get; private set; }

        public int FirstNonZero { get; private set; } = -2;

        public override byte[] Rent(int minimumLength) => new byte[minimumLength];

        public override void Return(byte[] array, bool clearArray = false)
        {
            Returns++;
            AskedToClear = clearArray;
            FirstNonZero = array.AsSpan().IndexOfAnyExcept((byte)0);
        }
    }
}
