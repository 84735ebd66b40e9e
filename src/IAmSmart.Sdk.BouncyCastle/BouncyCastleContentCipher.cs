using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using IAmSmart.Sdk.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace IAmSmart.Sdk.BouncyCastle;

/// <summary>
/// AES-256-GCM through BouncyCastle, with the iAM Smart wire layout <c>Base64(int32BE(12) ‖ IV(12) ‖ ciphertext ‖ tag16)</c>
/// and the same checks and failures as the BCL cipher (<see cref="AesGcmContentCipher"/>).
/// </summary>
internal sealed class BouncyCastleContentCipher(IRandomSource random) : IContentCipher
{
    private const int IvSize = AesGcmContentCipher.IvSizeInBytes;
    private const int TagSize = AesGcmContentCipher.TagSizeInBytes;
    private const int HeaderSize = 4 + IvSize;

    public string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key)
    {
        Span<byte> iv = stackalloc byte[IvSize];
        random.Fill(iv);
        return Encrypt(plaintext, key, iv);
    }

    /// <summary>Encrypts with a given IV. Only for known-answer tests: never reuse an IV with the same key.</summary>
    internal static string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (iv.Length != IvSize)
        {
            throw new ArgumentException($"The IV must be {IvSize} bytes.", nameof(iv));
        }

        var gcm = CreateCipher(forEncryption: true, key, iv);
        var wire = new byte[HeaderSize + gcm.GetOutputSize(plaintext.Length)];
        BinaryPrimitives.WriteInt32BigEndian(wire, IvSize);
        iv.CopyTo(wire.AsSpan(4));
        var written = gcm.ProcessBytes(plaintext, wire.AsSpan(HeaderSize));
        gcm.DoFinal(wire.AsSpan(HeaderSize + written));
        return Convert.ToBase64String(wire);
    }

    public byte[] Decrypt(string content, ContentKey key)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(key);
        byte[] wire;
        try
        {
            wire = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw new IAmSmartCryptographyException("The encrypted content is not valid Base64.", ContentDecryptionFailure.InvalidBase64);
        }

        try
        {
            return wire.AsSpan(0, DecryptInPlace(wire, key)).ToArray();
        }
        finally
        {
            Array.Clear(wire, 0, wire.Length);
        }
    }

    public int Decrypt(ReadOnlySpan<byte> content, ContentKey key, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        var maxLength = Base64.GetMaxDecodedFromUtf8Length(content.Length);
        if (destination.Length < maxLength)
        {
            throw new ArgumentException("The destination must hold at least three quarters of the content's length.", nameof(destination));
        }

        var work = destination[..maxLength];
        if (Base64.DecodeFromUtf8(content, work, out _, out var length) != OperationStatus.Done)
        {
            work.Clear();
            throw new IAmSmartCryptographyException("The encrypted content is not valid Base64.", ContentDecryptionFailure.InvalidBase64);
        }

        // The decoded wire form may be shorter than the working space (padding); what follows it is cleared too.
        work[length..].Clear();
        return DecryptInPlace(work[..length], key);
    }

    /// <summary>Checks and decrypts the decoded wire form, leaving the plaintext at its start (and nothing on failure).</summary>
    private static int DecryptInPlace(Span<byte> wire, ContentKey key)
    {
        if (wire.Length < HeaderSize + TagSize)
        {
            wire.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content is truncated: {wire.Length} bytes, fewer than the {HeaderSize + TagSize} of prefix, IV and tag.",
                ContentDecryptionFailure.Truncated);
        }

        var ivLength = BinaryPrimitives.ReadInt32BigEndian(wire);
        if (ivLength != IvSize)
        {
            wire.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content declares an IV of {ivLength} bytes; iAM Smart uses {IvSize}.",
                ContentDecryptionFailure.InvalidIvLength);
        }

        var gcm = CreateCipher(forEncryption: false, key, wire.Slice(4, IvSize));
        try
        {
            // GCM decryption writes each block behind the input it has read (it holds back the tag), so the plaintext
            // can go to the start of the wire form, over the prefix and IV already consumed.
            var written = gcm.ProcessBytes(wire[HeaderSize..], wire);
            written += gcm.DoFinal(wire[written..]);
            wire[written..].Clear();
            return written;
        }
        catch (InvalidCipherTextException ex)
        {
            wire.Clear();
            throw new IAmSmartCryptographyException(
                $"The encrypted content failed authentication: the content key (fingerprint {key.Fingerprint}) is wrong or the content was altered.",
                ContentDecryptionFailure.AuthenticationFailed,
                ex);
        }
    }

    private static GcmBlockCipher CreateCipher(bool forEncryption, ContentKey key, ReadOnlySpan<byte> iv)
    {
        if (key.IsRetired)
        {
            throw new ObjectDisposedException(nameof(ContentKey), $"The content key {key.Fingerprint} was retired and wiped.");
        }

        var gcm = new GcmBlockCipher(AesUtilities.CreateEngine());
        var keyBytes = key.Bytes.ToArray(); // KeyParameter copies it; netstandard2.0 has no span constructor
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(keyBytes), TagSize * 8, iv.ToArray()));
        Array.Clear(keyBytes);
        return gcm;
    }
}
