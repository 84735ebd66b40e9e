// netstandard2.0 only: AES-GCM, which the netstandard2.0 BCL lacks, on BouncyCastle.Cryptography (internal: no
// BouncyCastle type reaches the public API). The same shape as the net10.0 BCL's AesGcm, so the SDK's code is one.
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace System.Security.Cryptography;

/// <summary>The tag did not authenticate the ciphertext (the net10.0 BCL's exception of the same name).</summary>
internal sealed class AuthenticationTagMismatchException : CryptographicException
{
    public AuthenticationTagMismatchException()
        : base("The computed authentication tag did not match the input authentication tag.")
    {
    }

    public AuthenticationTagMismatchException(string message)
        : base(message)
    {
    }

    public AuthenticationTagMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>AES-GCM with a fixed key and tag size; like the BCL's, one instance is not for concurrent use.</summary>
internal sealed class AesGcm : IDisposable
{
    private readonly byte[] _key;
    private readonly int _tagSizeInBytes;
    private readonly GcmBlockCipher _cipher = new(AesUtilities.CreateEngine());

    public AesGcm(ReadOnlySpan<byte> key, int tagSizeInBytes)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new CryptographicException("Specified key is not a valid size for this algorithm.");
        }

        if (tagSizeInBytes is < 12 or > 16)
        {
            throw new ArgumentException("The tag size is not supported.", nameof(tagSizeInBytes));
        }

        _key = key.ToArray();
        _tagSizeInBytes = tagSizeInBytes;
    }

    public int? TagSizeInBytes => _tagSizeInBytes;

    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        if (ciphertext.Length != plaintext.Length || tag.Length != _tagSizeInBytes)
        {
            throw new ArgumentException("The ciphertext or tag length is wrong.");
        }

        Init(forEncryption: true, nonce, associatedData);
        var output = new byte[_cipher.GetOutputSize(plaintext.Length)];
        var written = _cipher.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, 0);
        written += _cipher.DoFinal(output, written);
        output.AsSpan(0, plaintext.Length).CopyTo(ciphertext);
        output.AsSpan(plaintext.Length, _tagSizeInBytes).CopyTo(tag);
        Array.Clear(output, 0, output.Length);
    }

    public void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (plaintext.Length != ciphertext.Length || tag.Length != _tagSizeInBytes)
        {
            throw new ArgumentException("The plaintext or tag length is wrong.");
        }

        Init(forEncryption: false, nonce, associatedData);
        var input = new byte[ciphertext.Length + tag.Length];
        ciphertext.CopyTo(input);
        tag.CopyTo(input.AsSpan(ciphertext.Length));
        var output = new byte[_cipher.GetOutputSize(input.Length)];
        try
        {
            var written = _cipher.ProcessBytes(input, 0, input.Length, output, 0);
            _cipher.DoFinal(output, written);
            output.AsSpan(0, plaintext.Length).CopyTo(plaintext);
        }
        catch (InvalidCipherTextException ex)
        {
            plaintext.Clear();
            throw new AuthenticationTagMismatchException("The computed authentication tag did not match the input authentication tag.", ex);
        }
        finally
        {
            Array.Clear(output, 0, output.Length);
        }
    }

    public void Dispose() => Array.Clear(_key, 0, _key.Length);

    private void Init(bool forEncryption, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
        => _cipher.Init(
            forEncryption,
            new AeadParameters(new KeyParameter(_key), _tagSizeInBytes * 8, nonce.ToArray(), associatedData.IsEmpty ? null : associatedData.ToArray()));
}
