namespace IAmSmart.Sdk.Crypto;

/// <summary>Encrypts and decrypts the <c>content</c> member of iAM Smart requests, responses and callbacks.</summary>
public interface IContentCipher
{
    /// <summary>Encrypts UTF-8 plaintext and returns the Base64 wire form.</summary>
    /// <param name="plaintext">The plaintext bytes (UTF-8 JSON).</param>
    /// <param name="key">The content encryption key.</param>
    string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key);

    /// <summary>Decrypts the Base64 wire form.</summary>
    /// <param name="content">The Base64 wire form.</param>
    /// <param name="key">The content encryption key.</param>
    /// <returns>The plaintext bytes.</returns>
    /// <exception cref="IAmSmartCryptographyException">The content is malformed, truncated, or fails authentication.</exception>
    byte[] Decrypt(string content, ContentKey key);
}
