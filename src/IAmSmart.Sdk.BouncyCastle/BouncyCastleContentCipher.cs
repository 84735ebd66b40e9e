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
    private const int IvSize = ContentWireFormat.IvSize;
    private const int TagSize = ContentWireFormat.TagSize;
    private const int HeaderSize = ContentWireFormat.HeaderSize;

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
        var wire = new byte[ContentWireFormat.WireLength(plaintext.Length)];
        ContentWireFormat.WriteHeader(wire, iv);
        var gcm = CreateCipher(forEncryption: true, key, iv);
        var written = gcm.ProcessBytes(plaintext, wire.AsSpan(HeaderSize));
        gcm.DoFinal(wire.AsSpan(HeaderSize + written));
        return Convert.ToBase64String(wire);
    }

    public byte[] Decrypt(string content, ContentKey key) => ContentWireFormat.DecryptToArray(this, content, key);

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
        var gcm = CreateCipher(forEncryption: false, key, wire.Slice(ContentWireFormat.PrefixSize, IvSize));
        try
        {
            // The plaintext goes to the start of the working space, 16 bytes behind the ciphertext it comes from: GCM
            // decryption reads each block before writing it and holds back the tag (BouncyCastle 2.x GcmBlockCipher;
            // re-check on upgrade: a change would fail the tag, not return wrong plaintext). ContentCipherTests cover
            // lengths from 0 to 1 MiB for every provider.
            var written = gcm.ProcessBytes(wire[HeaderSize..], work);
            written += gcm.DoFinal(work[written..]);
            work[written..].Clear();
            return written;
        }
        catch (InvalidCipherTextException ex)
        {
            work.Clear();
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
