using System.Buffers;
using System.Security.Cryptography;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Returns to the shared pool a buffer that held ciphertext, keys or personal data, cleared first: the one place that
/// does, for every such buffer (the callback path, the content wire format).
/// </summary>
/// <remarks>
/// Not <c>ArrayPool.Shared.Return(array, clearArray: true)</c>: a pool drops an array larger than it keeps without
/// clearing it (System.Buffers' shared pool on .NET Framework keeps none over 1 MiB, .NET's none over 1 GiB), and a bulk
/// page's decrypted <c>sigFile</c> is larger than that. The garbage collector frees such an array, but not its bytes.
/// </remarks>
internal static class SecretBuffers
{
    /// <summary>Clears the first <paramref name="used"/> bytes of <paramref name="array"/> and returns it to the shared pool.</summary>
    /// <param name="array">An array rented from <see cref="ArrayPool{T}.Shared"/>; an empty one (already returned) is ignored.</param>
    /// <param name="used">How much of it was written to (its whole length when that is not known).</param>
    public static void Return(byte[] array, int used) => Return(array, used, ArrayPool<byte>.Shared);

    /// <summary>Clears the whole of <paramref name="array"/> and returns it to the shared pool.</summary>
    /// <param name="array">An array rented from <see cref="ArrayPool{T}.Shared"/>; an empty one is ignored.</param>
    public static void Return(byte[] array) => Return(array, array.Length, ArrayPool<byte>.Shared);

    /// <summary>As <see cref="Return(byte[], int)"/>, to <paramref name="pool"/> (a test sees what the pool is given).</summary>
    internal static void Return(byte[] array, int used, ArrayPool<byte> pool)
    {
        if (array.Length == 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(array.AsSpan(0, used));
        pool.Return(array);
    }
}
