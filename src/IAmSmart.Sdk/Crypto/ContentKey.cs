using System.Security.Cryptography;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// A content encryption key (CEK): the 32-byte AES-256 key iAM Smart issues through <c>security/getKey</c> or
/// sends with a callback. Its <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class ContentKey : IEquatable<ContentKey>
{
    /// <summary>The length of an AES-256 key in bytes.</summary>
    public const int KeySizeInBytes = 32;

    private readonly byte[] _key;
    private int _retired;

    /// <summary>Creates a key from its 32 raw bytes.</summary>
    /// <param name="key">The key; copied.</param>
    /// <param name="expiresAt">When iAM Smart stops accepting the key, if known.</param>
    /// <exception cref="IAmSmartCryptographyException">The key is not 32 bytes.</exception>
    public ContentKey(ReadOnlySpan<byte> key, DateTimeOffset? expiresAt = null)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new IAmSmartCryptographyException(
                $"A content encryption key must be {KeySizeInBytes} bytes (AES-256); got {key.Length}.",
                ContentDecryptionFailure.InvalidKey);
        }

        _key = key.ToArray();
        ExpiresAt = expiresAt;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(_key).AsSpan(0, 4));
        // Creating an AesGcm costs more than a small encryption; reuse a few per key.
        Ciphers = new BoundedPool<AesGcm>(CreateCipher, BoundedPool<AesGcm>.DefaultCapacity);
    }

    /// <summary>
    /// When iAM Smart stops accepting the key, on this machine's clock: the time of receipt plus the lifetime the server
    /// gave (<c>expiresIn</c>); <see langword="null"/> when unknown, as for a key that came with a callback.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>A short, non-secret identifier of the key (the first 4 bytes of its SHA-256, in hex) for logs.</summary>
    public string Fingerprint { get; }

    /// <summary>The raw key bytes.</summary>
    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Reusable AES-GCM instances keyed with this key.</summary>
    internal BoundedPool<AesGcm> Ciphers { get; }

    /// <summary>Whether the key was retired: its bytes are zeroed and it can no longer encrypt or decrypt.</summary>
    internal bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>
    /// Zeroes the key bytes and disposes the pooled AES-GCM instances (which hold the key schedule). Called by
    /// <see cref="ContentKeyManager"/> a grace period after the key stopped being current, so that no call in flight still
    /// uses it; a late use throws <see cref="ObjectDisposedException"/> rather than encrypting under a zero key.
    /// </summary>
    internal void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            CryptographicOperations.ZeroMemory(_key);
            Ciphers.Close();
        }
    }

    private AesGcm CreateCipher()
        => IsRetired
            ? throw new ObjectDisposedException(nameof(ContentKey), $"The content key {Fingerprint} was retired and wiped.")
            : new AesGcm(_key, AesGcmContentCipher.TagSizeInBytes);

    /// <summary>Creates a key from Base64 text of its 32 bytes.</summary>
    /// <param name="base64">Base64 of 32 bytes.</param>
    /// <param name="expiresAt">When iAM Smart stops accepting the key, if known.</param>
    public static ContentKey FromBase64(string base64, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(base64);
        Span<byte> buffer = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64, buffer, out var written))
        {
            throw new IAmSmartCryptographyException("The content encryption key is not Base64 of 32 bytes.", ContentDecryptionFailure.InvalidKey);
        }

        try
        {
            return new ContentKey(buffer[..written], expiresAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>Returns a copy of this key with another expiry.</summary>
    public ContentKey WithExpiry(DateTimeOffset? expiresAt) => new(_key, expiresAt);

    /// <summary>Whether both keys hold the same bytes (compared in constant time).</summary>
    public bool Equals(ContentKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_key, other._key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ContentKey);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Fingerprint);

    /// <summary>The fingerprint, never the key.</summary>
    public override string ToString() => $"ContentKey({Fingerprint})";
}
