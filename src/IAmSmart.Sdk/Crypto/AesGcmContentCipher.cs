using System.Buffers;
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

    private readonly IRandomSource _random;

    /// <summary>Creates a cipher that draws its IVs from <see cref="SystemRandomSource"/>.</summary>
    public AesGcmContentCipher()
        : this(SystemRandomSource.Instance)
    {
    }

    /// <summary>Creates a cipher that draws its IVs from <paramref name="random"/>.</summary>
    /// <param name="random">The source of the 12-byte IV of each message.</param>
    public AesGcmContentCipher(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>The shared instance, with IVs from <see cref="SystemRandomSource"/>; the cipher holds no state.</summary>
    public static AesGcmContentCipher Instance { get; } = new();

    /// <inheritdoc/>
    public string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key)
    {
        Span<byte> iv = stackalloc byte[IvSizeInBytes];
        _random.Fill(iv);
        return Encrypt(plaintext, key, iv);
    }

    /// <summary>Encrypts with a given IV. Only for known-answer tests and fixtures: never reuse an IV with the same key.</summary>
    internal static string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv)
        => Encrypt(plaintext, key, iv, ArrayPool<byte>.Shared);

    /// <summary>As <see cref="Encrypt(ReadOnlySpan{byte}, ContentKey, ReadOnlySpan{byte})"/>, with the pool the working buffer comes from (a test sees what it is given back).</summary>
    internal static string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv, ArrayPool<byte> pool)
    {
        ArgumentNullException.ThrowIfNull(key);
        var total = ContentWireFormat.WireLength(plaintext.Length);
        var rented = pool.Rent(total);
        try
        {
            var wire = rented.AsSpan(0, total);
            ContentWireFormat.WriteHeader(wire, iv);
            var aes = key.Ciphers.Rent();
            try
            {
                aes.Encrypt(iv, plaintext, wire.Slice(ContentWireFormat.HeaderSize, plaintext.Length), wire[^TagSizeInBytes..]);
            }
            finally
            {
                key.Ciphers.Return(aes);
            }

            return Convert.ToBase64String(wire);
        }
        finally
        {
            // The buffer held the ciphertext: cleared before it goes back, whatever its size (SecretBuffers says why not clearArray).
            SecretBuffers.Return(rented, total, pool);
        }
    }

    /// <inheritdoc/>
    public byte[] Decrypt(string content, ContentKey key) => ContentWireFormat.DecryptToArray(this, content, key);

    /// <inheritdoc/>
    public int Decrypt(ReadOnlySpan<byte> content, ContentKey key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        var workingSpace = ContentWireFormat.WorkingSpace(content.Length);
        if (destination.Length < workingSpace)
        {
            throw new ArgumentException("The destination must hold at least three quarters of the content's length.", nameof(destination));
        }

        var work = destination[..workingSpace];
        var wire = ContentWireFormat.Decode(content, work);
        var cipherLength = wire.Length - ContentWireFormat.HeaderSize - TagSizeInBytes;
        var ciphertext = wire.Slice(ContentWireFormat.HeaderSize, cipherLength);
        var aes = key.Ciphers.Rent();
        try
        {
            // In place: AES-GCM may write the plaintext over its own ciphertext (the same span, not a shifted one), so
            // the decoded wire form is the only buffer; the plaintext then moves to the start.
            aes.Decrypt(wire.Slice(ContentWireFormat.PrefixSize, IvSizeInBytes), ciphertext, wire[^TagSizeInBytes..], ciphertext);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            work.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content failed authentication: the content key (fingerprint {key.Fingerprint}) is wrong or the content was altered.",
                ContentDecryptionFailure.AuthenticationFailed,
                ex);
        }
        finally
        {
            key.Ciphers.Return(aes);
        }

        ciphertext.CopyTo(work);
        work[cipherLength..].Clear();
        return cipherLength;
    }
}
