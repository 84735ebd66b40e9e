using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The wire form of encrypted content, <c>Base64(int32BE(12) ‖ IV(12) ‖ ciphertext ‖ tag16)</c> (contract §11.3): the
/// decoding and checks every content cipher shares, so that the BCL and BouncyCastle providers accept and refuse the
/// same inputs with the same <see cref="ContentDecryptionFailure"/>.
/// </summary>
internal static class ContentWireFormat
{
    public const int PrefixSize = 4;
    public const int IvSize = AesGcmContentCipher.IvSizeInBytes;
    public const int TagSize = AesGcmContentCipher.TagSizeInBytes;
    public const int HeaderSize = PrefixSize + IvSize;

    /// <summary>The working space <see cref="IContentCipher.Decrypt(ReadOnlySpan{byte}, ContentKey, Span{byte})"/> needs for <paramref name="base64Length"/> bytes of Base64.</summary>
    public static int WorkingSpace(int base64Length) => Base64.GetMaxDecodedFromUtf8Length(base64Length);

    /// <summary>The length of the wire form (before Base64) of <paramref name="plaintextLength"/> bytes of plaintext.</summary>
    public static int WireLength(int plaintextLength) => HeaderSize + plaintextLength + TagSize;

    /// <summary>Writes the prefix and <paramref name="iv"/> at the start of <paramref name="wire"/>; the ciphertext follows at <see cref="HeaderSize"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="iv"/> is not <see cref="IvSize"/> bytes.</exception>
    public static void WriteHeader(Span<byte> wire, ReadOnlySpan<byte> iv)
    {
        if (iv.Length != IvSize)
        {
            throw new ArgumentException($"The IV must be {IvSize} bytes.", nameof(iv));
        }

        BinaryPrimitives.WriteInt32BigEndian(wire, IvSize);
        iv.CopyTo(wire[PrefixSize..]);
    }

    /// <summary>
    /// Decodes the Base64 <paramref name="content"/> into the start of <paramref name="work"/> and checks its length and
    /// IV prefix. Returns the decoded wire form; on failure clears <paramref name="work"/> and throws.
    /// <paramref name="work"/> may start where <paramref name="content"/> starts (in-place decryption of a multipart
    /// part in the buffer it was read into), but not after it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="work"/> overlaps <paramref name="content"/> and starts after it.</exception>
    public static Span<byte> Decode(ReadOnlySpan<byte> content, Span<byte> work)
    {
        var inPlace = content.Overlaps(work, out var workOffset);
        if (inPlace && workOffset > 0)
        {
            throw new ArgumentException("The working space may start where the content starts, not after it.", nameof(work));
        }

        // In place, only the chunked decoder is used: it copies each chunk of input before writing the (shorter) output
        // behind it, so no byte is overwritten before it is read. The vectorized decoder promises nothing about overlap.
        var status = inPlace ? DecodeSkippingWhitespace(content, work, out var length) : DecodeBase64(content, work, out length);
        if (status != OperationStatus.Done)
        {
            work.Clear();
            throw new IAmSmartCryptographyException("The encrypted content is not valid Base64.", ContentDecryptionFailure.InvalidBase64);
        }

        var wire = work[..length];
        if (wire.Length < HeaderSize + TagSize)
        {
            work.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content is truncated: {wire.Length} bytes, fewer than the {HeaderSize + TagSize} of prefix, IV and tag.",
                ContentDecryptionFailure.Truncated);
        }

        var ivLength = BinaryPrimitives.ReadInt32BigEndian(wire);
        if (ivLength != IvSize)
        {
            work.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content declares an IV of {ivLength} bytes; iAM Smart uses {IvSize}.",
                ContentDecryptionFailure.InvalidIvLength);
        }

        return wire;
    }

    /// <summary>
    /// <see cref="IContentCipher.Decrypt(string, ContentKey)"/> on top of the span form: the text narrowed to ASCII in a
    /// pooled buffer, decrypted in another, and the plaintext copied out; both buffers are cleared.
    /// </summary>
    public static byte[] DecryptToArray(IContentCipher cipher, string content, ContentKey key)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(key);
        var text = ArrayPool<byte>.Shared.Rent(Math.Max(content.Length, 1));
        var work = ArrayPool<byte>.Shared.Rent(Math.Max(WorkingSpace(content.Length), 1));
        try
        {
            // Base64 text is ASCII: narrow it, then decode the bytes. Both steps are vectorized, unlike decoding the
            // UTF-16 string directly, which cost about a third of the AES-GCM decryption itself (docs/benchmarks.md).
            if (Ascii.FromUtf16(content, text, out _) != OperationStatus.Done)
            {
                throw new IAmSmartCryptographyException("The encrypted content is not valid Base64.", ContentDecryptionFailure.InvalidBase64);
            }

            return work.AsSpan(0, cipher.Decrypt(text.AsSpan(0, content.Length), key, work)).ToArray();
        }
        finally
        {
            SecretBuffers.Return(text);
            SecretBuffers.Return(work);
        }
    }

    // Whitespace (a line-wrapped content or multipart part) is skipped as Convert.FromBase64String skips it. The .NET 8+
    // decoder does that itself; System.Memory's, which netstandard2.0 gets, does not, hence the second pass, which only
    // input with whitespace (or invalid input) reaches.
    private static OperationStatus DecodeBase64(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written)
    {
        var status = Base64.DecodeFromUtf8(utf8, destination, out _, out written);
        return status == OperationStatus.InvalidData ? DecodeSkippingWhitespace(utf8, destination, out written) : status;
    }

    private static OperationStatus DecodeSkippingWhitespace(ReadOnlySpan<byte> utf8, Span<byte> destination, out int written)
    {
        Span<byte> chunk = stackalloc byte[256]; // a multiple of 4: every full chunk decodes whole
        var filled = 0;
        written = 0;
        foreach (var b in utf8)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            if (filled == chunk.Length)
            {
                // More follows, so this chunk is not the final block: padding inside it is invalid, as it should be.
                var status = Base64.DecodeFromUtf8(chunk, destination[written..], out var consumed, out var decoded, isFinalBlock: false);
                written += decoded;
                if (status == OperationStatus.InvalidData || consumed != chunk.Length)
                {
                    return OperationStatus.InvalidData;
                }

                filled = 0;
            }

            chunk[filled++] = b;
        }

        var last = Base64.DecodeFromUtf8(chunk[..filled], destination[written..], out _, out var lastDecoded);
        written += lastDecoded;
        return last;
    }
}
