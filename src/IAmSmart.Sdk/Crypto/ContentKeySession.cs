using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The content-key session of one client: the key-encryption key ring, the content keys in use and the content cipher.
/// The transport encrypts and decrypts calls with it, and the callback reader unwraps and decrypts callbacks with it; it
/// knows nothing of HTTP (the keys come from an <see cref="IContentKeySource"/>).
/// </summary>
internal sealed class ContentKeySession
{
    public ContentKeySession(
        KeyEncryptionKeyRing keyRing,
        IContentCipher cipher,
        IContentKeySource keySource,
        TimeProvider time,
        TimeSpan contentKeyRefreshMargin,
        ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(keySource);
        KeyRing = keyRing;
        Cipher = cipher;
        Keys = new ContentKeyManager(
            keySource, time, contentKeyRefreshMargin, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ContentKeyManager>());
    }

    /// <summary>The e-service's key-encryption keys, which unwrap the content keys of getKey and of callbacks.</summary>
    public KeyEncryptionKeyRing KeyRing { get; }

    /// <summary>Encrypts requests and decrypts responses and callbacks.</summary>
    public IContentCipher Cipher { get; }

    /// <summary>The content keys in use.</summary>
    public ContentKeyManager Keys { get; }
}
