using System.Text;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Tests.Vectors;

namespace IAmSmart.Sdk.Tests.Crypto;

public sealed class ContentCipherTests
{
    private static readonly ContentKey Key = new(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    [Fact]
    public void Every_encryption_uses_a_fresh_iv_across_threads_and_buffer_refills()
    {
        var plaintext = Encoding.UTF8.GetBytes("""{"code":"same every time"}""");

        // 4 threads × 600 encryptions cross the per-thread random batch (4096 bytes, 341 IVs) at least once on each thread.
        var ivs = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 600; i++)
            {
                var wire = Convert.FromBase64String(AesGcmContentCipher.Instance.Encrypt(plaintext, Key));
                ivs.Add(Convert.ToHexString(wire, 4, AesGcmContentCipher.IvSizeInBytes));
            }
        });

        Assert.Equal(2400, ivs.Count);
        Assert.Equal(ivs.Count, ivs.Distinct().Count());
    }

    [Fact]
    public void Content_starts_with_the_iv_length_prefix_and_round_trips()
    {
        var plaintext = Encoding.UTF8.GetBytes("""{"businessID":"b-1","lang":"zh-HK","name":"申智能"}""");

        var content = AesGcmContentCipher.Instance.Encrypt(plaintext, Key);

        Assert.StartsWith("AAAAD", content, StringComparison.Ordinal);
        Assert.Equal(plaintext, AesGcmContentCipher.Instance.Decrypt(content, Key));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Content_broken_into_lines_still_decrypts(string provider)
    {
        var cipher = CryptoProvider.Get(provider).Cipher;
        var plaintext = Encoding.UTF8.GetBytes(new string('x', 700)); // long enough to cross the whitespace decoder's chunk
        var content = cipher.Encrypt(plaintext, Key);

        var mimeStyle = string.Join("\r\n", content.Chunk(76).Select(chunk => new string(chunk)));

        Assert.Equal(plaintext, cipher.Decrypt(mimeStyle, Key));
        var destination = new byte[mimeStyle.Length];
        var length = cipher.Decrypt(Encoding.ASCII.GetBytes(mimeStyle), Key, destination);
        Assert.Equal(plaintext, destination.AsSpan(0, length).ToArray());
    }

    public static TheoryData<string> Providers() => CryptoProvider.All();

    public static TheoryData<string, int> ProvidersAndLengths()
    {
        var data = new TheoryData<string, int>();
        foreach (var provider in CryptoProvider.Names)
        {
            foreach (var length in (int[])[0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 100, 1024 * 1024])
            {
                data.Add(provider, length);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndLengths))]
    public void Decrypting_in_place_round_trips_every_length_with_every_provider(string provider, int length)
    {
        // BouncyCastle writes the plaintext 16 bytes behind the ciphertext it reads: every block boundary and a large
        // content show that it never overtakes its input.
        var cipher = CryptoProvider.Get(provider).Cipher;
        var plaintext = new byte[length];
        new Random(length).NextBytes(plaintext);
        var content = Encoding.ASCII.GetBytes(cipher.Encrypt(plaintext, Key));
        var destination = new byte[content.Length / 4 * 3];

        var written = cipher.Decrypt(content, Key, destination);

        Assert.Equal(length, written);
        Assert.True(plaintext.AsSpan().SequenceEqual(destination.AsSpan(0, written)));
        Assert.True(destination.AsSpan(written).IndexOfAnyExcept((byte)0) < 0);
    }

    [Theory]
    [MemberData(nameof(ProvidersAndLengths))]
    public void Decrypting_over_the_content_itself_round_trips_every_length_with_every_provider(string provider, int length)
    {
        // A multipart sigFile is decrypted in the buffer it was read into: the Base64 and the plaintext share it. Line
        // breaks in the Base64 take the whitespace-skipping decoder, the one path an overlap may use.
        var cipher = CryptoProvider.Get(provider).Cipher;
        var plaintext = new byte[length];
        new Random(length).NextBytes(plaintext);
        var text = cipher.Encrypt(plaintext, Key);
        foreach (var content in (string[])[text, string.Join("\r\n", text.Chunk(76).Select(chunk => new string(chunk)))])
        {
            var buffer = Encoding.ASCII.GetBytes(content);

            var written = cipher.Decrypt(buffer, Key, buffer);

            Assert.Equal(length, written);
            Assert.True(plaintext.AsSpan().SequenceEqual(buffer.AsSpan(0, written)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void A_destination_that_starts_inside_the_content_is_refused(string provider)
    {
        // Decoding forward, a destination that starts after the content would overwrite Base64 not yet read.
        var cipher = CryptoProvider.Get(provider).Cipher;
        var buffer = Encoding.ASCII.GetBytes(cipher.Encrypt(new byte[100], Key) + new string('=', 8));
        var contentLength = buffer.Length - 8;

        Assert.Throws<ArgumentException>(() => cipher.Decrypt(buffer.AsSpan(0, contentLength), Key, buffer.AsSpan(4)));
    }

    [Theory]
    [InlineData("AAAADé")]
    [InlineData("AAAAD!AA")]
    [InlineData("AAAADAAB=")]
    [InlineData("AAAADA")]
    public void Content_that_is_not_base64_is_refused_as_such(string content)
    {
        var ex = Assert.Throws<IAmSmartCryptographyException>(() => AesGcmContentCipher.Instance.Decrypt(content, Key));

        Assert.Equal(ContentDecryptionFailure.InvalidBase64, ex.Failure);
    }

    [Fact]
    public void Content_with_non_zero_padding_bits_is_refused_as_base64_not_as_a_tag_mismatch()
    {
        // 30 bytes of plaintext make a 62-byte wire, so the text ends in one '=' and its last character has 2 unused bits.
        var content = AesGcmContentCipher.Instance.Encrypt(new byte[30], Key);
        Assert.EndsWith("=", content, StringComparison.Ordinal);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var last = content[^2];
        var altered = content[..^2] + Alphabet[Alphabet.IndexOf(last, StringComparison.Ordinal) | 1] + "=";

        // The old decoder (Convert) reads the same bytes from both, so the difference is only the unused bits.
        Assert.Equal(Convert.FromBase64String(content), Convert.FromBase64String(altered));
        var ex = Assert.Throws<IAmSmartCryptographyException>(() => AesGcmContentCipher.Instance.Decrypt(altered, Key));
        Assert.Equal(ContentDecryptionFailure.InvalidBase64, ex.Failure);
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_refused_without_showing_it()
    {
        var ex = Assert.Throws<IAmSmartCryptographyException>(() => new ContentKey(new byte[16]));

        Assert.Equal(ContentDecryptionFailure.InvalidKey, ex.Failure);
    }

    [Fact]
    public void A_key_never_shows_itself_in_ToString()
    {
        var base64 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

        Assert.DoesNotContain(base64, Key.ToString(), StringComparison.Ordinal);
        Assert.Contains(Key.Fingerprint, Key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypting_into_a_buffer_refuses_one_too_short_for_the_decoded_content()
    {
        var content = Encoding.ASCII.GetBytes(AesGcmContentCipher.Instance.Encrypt(new byte[100], Key));

        var ex = Assert.Throws<ArgumentException>(() => AesGcmContentCipher.Instance.Decrypt(content, Key, new byte[(content.Length / 4 * 3) - 1]));

        Assert.Equal("destination", ex.ParamName);
    }

    [Fact]
    public void Decrypting_into_a_buffer_leaves_only_the_plaintext_and_nothing_after_a_tag_failure()
    {
        var plaintext = Encoding.UTF8.GetBytes("""{"businessID":"b-1","enName":"CHAN TAI MAN"}""");
        var content = Encoding.ASCII.GetBytes(AesGcmContentCipher.Instance.Encrypt(plaintext, Key));
        var destination = new byte[content.Length];

        var length = AesGcmContentCipher.Instance.Decrypt(content, Key, destination);

        Assert.Equal(plaintext, destination.AsSpan(0, length).ToArray());
        Assert.All(destination.AsSpan(length).ToArray(), b => Assert.Equal(0, b));

        // A wrong key: the in-place decryption wrote nothing that survives the failure.
        var other = new ContentKey(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        destination.AsSpan().Fill(0xA5);
        var ex = Assert.Throws<IAmSmartCryptographyException>(() => AesGcmContentCipher.Instance.Decrypt(content, other, destination));
        Assert.Equal(ContentDecryptionFailure.AuthenticationFailed, ex.Failure);
        Assert.All(destination.AsSpan(0, content.Length / 4 * 3).ToArray(), b => Assert.Equal(0, b));
    }
}
