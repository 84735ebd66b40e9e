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

    /// <summary>
    /// Decrypts the Base64 wire form given as its UTF-8 bytes, as it sits in a JSON or multipart body, into
    /// <paramref name="destination"/> without allocating: a callback of many megabytes decrypts into a pooled buffer,
    /// not a new array and a UTF-16 string of its content (issue 13 item 5).
    /// </summary>
    /// <param name="content">The Base64 wire form, as UTF-8 (ASCII) bytes.</param>
    /// <param name="key">The content encryption key.</param>
    /// <param name="destination">
    /// Receives the plaintext at its start. It must hold at least <c>content.Length / 4 * 3</c> bytes, the decoded wire
    /// form. The cipher uses that many bytes as working space: on return they hold the plaintext followed by zeros, and
    /// only zeros after a failure, so that nothing decrypted is left behind in a pooled buffer.
    /// </param>
    /// <returns>The length of the plaintext written at the start of <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <c>content.Length / 4 * 3</c> bytes.</exception>
    /// <exception cref="IAmSmartCryptographyException">The content is malformed, truncated, or fails authentication.</exception>
    int Decrypt(ReadOnlySpan<byte> content, ContentKey key, Span<byte> destination);
}
