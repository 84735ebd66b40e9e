using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The e-service's key-encryption keys, several at once during a certificate rollover. Chooses the key by the
/// <c>pubKey</c> iAM Smart names, and turns what RSA returns into a <see cref="ContentKey"/>.
/// </summary>
public sealed class KeyEncryptionKeyRing
{
    private readonly IReadOnlyList<IKeyEncryptionKey> _keys;

    /// <summary>Creates a ring. The first key is the current one.</summary>
    /// <param name="keys">At least one key.</param>
    public KeyEncryptionKeyRing(IEnumerable<IKeyEncryptionKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
        if (_keys.Count == 0)
        {
            throw new IAmSmartConfigurationException(
                "No key-encryption key (encipherment certificate) is configured. Set IAmSmart:EnciphermentCertificate or call UseEnciphermentCertificate.");
        }
    }

    /// <summary>The configured keys, current first.</summary>
    public IReadOnlyList<IKeyEncryptionKey> Keys => _keys;

    /// <summary>Unwraps a content encryption key.</summary>
    /// <param name="wrappedKeyBase64">The <c>secretKey</c> value: Base64 of the RSA ciphertext.</param>
    /// <param name="publicKeyBase64">The <c>pubKey</c> value naming the KEK used, if given; otherwise every key is tried.</param>
    /// <param name="expiresAt">When the content key expires, if known.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="IAmSmartCryptographyException">No key can unwrap it, or the result is not a 32-byte key.</exception>
    /// <exception cref="IAmSmartConfigurationException">iAM Smart used a KEK that is not configured.</exception>
    public async ValueTask<ContentKey> UnwrapAsync(
        string wrappedKeyBase64, string? publicKeyBase64, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrappedKeyBase64);
        byte[] wrapped;
        try
        {
            wrapped = Convert.FromBase64String(wrappedKeyBase64);
        }
        catch (FormatException ex)
        {
            throw new IAmSmartCryptographyException("The wrapped content key (secretKey) is not valid Base64.", ContentDecryptionFailure.KeyUnwrapFailed, ex);
        }

        var named = DecodeOrNull(publicKeyBase64);
        var hasNamedKey = named is null || _keys.Any(k => k.SubjectPublicKeyInfo.Span.SequenceEqual(named));

        // The named key first; the others after it, so that a pubKey in an unexpected encoding costs only time [I].
        foreach (var kek in _keys.OrderBy(k => named is not null && k.SubjectPublicKeyInfo.Span.SequenceEqual(named) ? 0 : 1))
        {
            byte[] unwrapped;
            try
            {
                unwrapped = await kek.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
            }
            catch (CryptographicException)
            {
                continue;
            }

            try
            {
                return ToContentKey(unwrapped, expiresAt);
            }
            catch (IAmSmartCryptographyException) when (!ReferenceEquals(kek, _keys[^1]))
            {
                // PKCS#1 v1.5 can "succeed" with the wrong key and return garbage of another length: try the next key.
            }
            finally
            {
                CryptographicOperations.ZeroMemory(unwrapped);
            }
        }

        if (!hasNamedKey)
        {
            throw new IAmSmartConfigurationException(
                "iAM Smart wrapped the content key under an encipherment key that is not configured (pubKey matches no configured key). Add the certificate registered in the iAM Smart portal, or revoke the content key so that it is wrapped under the current one.");
        }

        throw new IAmSmartCryptographyException(
            "The content key (secretKey) could not be unwrapped with any configured key-encryption key. Check that the encipherment certificate registered in the iAM Smart portal matches the configured private key.",
            ContentDecryptionFailure.KeyUnwrapFailed);
    }

    private static byte[]? DecodeOrNull(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // The unwrapped value is the 32 raw bytes (getKey, S4) or Base64 text of them (CorpID sandbox callbacks, S7) [I].
    private static ContentKey ToContentKey(byte[] unwrapped, DateTimeOffset? expiresAt)
    {
        if (unwrapped.Length == ContentKey.KeySizeInBytes)
        {
            return new ContentKey(unwrapped, expiresAt);
        }

        if (unwrapped.Length == 44)
        {
            Span<byte> decoded = stackalloc byte[33];
            if (Convert.TryFromBase64String(Encoding.ASCII.GetString(unwrapped), decoded, out var written) && written == ContentKey.KeySizeInBytes)
            {
                var key = new ContentKey(decoded[..written], expiresAt);
                CryptographicOperations.ZeroMemory(decoded);
                return key;
            }
        }

        throw new IAmSmartCryptographyException(
            $"The unwrapped content key is {unwrapped.Length} bytes; expected 32 raw bytes or 44 characters of Base64.",
            ContentDecryptionFailure.InvalidKey);
    }
}
