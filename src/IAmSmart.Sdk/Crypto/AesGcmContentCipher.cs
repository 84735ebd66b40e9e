using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// AES-256-GCM with the iAM Smart wire layout <c>Base64(int32BE(12) ‖ IV(12) ‖ ciphertext ‖ tag16)</c>, a random IV
/// per message and no associated data (contract §11.3).
/// </summary>
public sealed class AesGcmContentCipher : IContentCipher
{
    /// <summary>The IV (nonce) length iAM Smart uses, in bytes.</summary>
    public const int IvSizeInBytes = 12;

    /// <summary>The GCM tag length in bytes.</summary>
    public const int TagSizeInBytes = 16;

    private const int PrefixSizeInBytes = 4;
    private const int HeaderSizeInBytes = PrefixSizeInBytes + IvSizeInBytes;

    /// <summary>The shared instance; the cipher holds no state.</summary>
    public static AesGcmContentCipher Instance { get; } = new();

    /// <inheritdoc/>
    public string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key)
    {
        Span<byte> iv = stackalloc byte[IvSizeInBytes];
        RandomIvs.Fill(iv);
        return Encrypt(plaintext, key, iv);
    }

    /// <summary>Encrypts with a given IV. Only for known-answer tests and fixtures: never reuse an IV with the same key.</summary>
    internal static string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (iv.Length != IvSizeInBytes)
        {
            throw new ArgumentException($"The IV must be {IvSizeInBytes} bytes.", nameof(iv));
        }

        var total = HeaderSizeInBytes + plaintext.Length + TagSizeInBytes;
        var rented = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var wire = rented.AsSpan(0, total);
            BinaryPrimitives.WriteInt32BigEndian(wire, IvSizeInBytes);
            iv.CopyTo(wire[PrefixSizeInBytes..]);
            var aes = key.Ciphers.Rent();
            try
            {
                aes.Encrypt(iv, plaintext, wire.Slice(HeaderSizeInBytes, plaintext.Length), wire[^TagSizeInBytes..]);
            }
            finally
            {
                key.Ciphers.Return(aes);
            }

            return Convert.ToBase64String(wire);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <inheritdoc/>
    public byte[] Decrypt(string content, ContentKey key)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(key);

        var maxLength = (content.Length / 4 * 3) + 3;
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(maxLength, 1));
        try
        {
            if (!Convert.TryFromBase64String(content, rented, out var length))
            {
                throw new IAmSmartCryptographyException("The encrypted content is not valid Base64.", ContentDecryptionFailure.InvalidBase64);
            }

            var wire = rented.AsSpan(0, length);
            if (wire.Length < HeaderSizeInBytes + TagSizeInBytes)
            {
                throw new IAmSmartCryptographyException(
                    $"The encrypted content is truncated: {wire.Length} bytes, fewer than the {HeaderSizeInBytes + TagSizeInBytes} of prefix, IV and tag.",
                    ContentDecryptionFailure.Truncated);
            }

            var ivLength = BinaryPrimitives.ReadInt32BigEndian(wire);
            if (ivLength != IvSizeInBytes)
            {
                throw new IAmSmartCryptographyException(
                    $"The encrypted content declares an IV of {ivLength} bytes; iAM Smart uses {IvSizeInBytes}.",
                    ContentDecryptionFailure.InvalidIvLength);
            }

            var cipherLength = wire.Length - HeaderSizeInBytes - TagSizeInBytes;
            var plaintext = new byte[cipherLength];
            var aes = key.Ciphers.Rent();
            try
            {
                aes.Decrypt(
                    wire.Slice(PrefixSizeInBytes, IvSizeInBytes),
                    wire.Slice(HeaderSizeInBytes, cipherLength),
                    wire[^TagSizeInBytes..],
                    plaintext);
            }
            catch (AuthenticationTagMismatchException ex)
            {
                throw new IAmSmartCryptographyException(
                    $"The encrypted content failed authentication: the content key (fingerprint {key.Fingerprint}) is wrong or the content was altered.",
                    ContentDecryptionFailure.AuthenticationFailed,
                    ex);
            }
            finally
            {
                key.Ciphers.Return(aes);
            }

            return plaintext;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>
    /// Random IVs from the system CSPRNG, drawn a few hundred at a time per thread: one call into the CSPRNG costs more
    /// than the AES-GCM encryption of a small request (see docs/benchmarks.md). Every IV is still fresh CSPRNG output,
    /// used once.
    /// </summary>
    private static class RandomIvs
    {
        private const int BufferSize = IvSizeInBytes * 256;

        [ThreadStatic]
        private static byte[]? t_buffer;

        [ThreadStatic]
        private static int t_next;

        public static void Fill(Span<byte> iv)
        {
            var buffer = t_buffer ??= new byte[BufferSize];
            if (t_next == 0 || t_next + iv.Length > BufferSize)
            {
                RandomNumberGenerator.Fill(buffer);
                t_next = 0;
            }

            var slice = buffer.AsSpan(t_next, iv.Length);
            slice.CopyTo(iv);
            slice.Clear(); // never hand out the same bytes twice, even after a fault between here and the next refill
            t_next += iv.Length;
        }
    }
}
