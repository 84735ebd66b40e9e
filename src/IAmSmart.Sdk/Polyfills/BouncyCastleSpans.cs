// netstandard2.0 only, for IAmSmart.Sdk.BouncyCastle (which sees these internals): BouncyCastle.Cryptography's netstandard2.0 build has
// no span overloads, so these give its array methods the span shape the provider's code uses on net10.0.
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;

namespace IAmSmart.Sdk.Polyfills;

internal static class BouncyCastleSpanPolyfills
{
    public static int ProcessBytes(this IAeadCipher cipher, ReadOnlySpan<byte> input, Span<byte> output)
    {
        // Cleared whatever happens: during decryption the buffers hold plaintext not yet authenticated.
        var inputCopy = input.ToArray();
        var buffer = new byte[cipher.GetUpdateOutputSize(input.Length)];
        try
        {
            var written = cipher.ProcessBytes(inputCopy, 0, input.Length, buffer, 0);
            buffer.AsSpan(0, written).CopyTo(output);
            return written;
        }
        finally
        {
            Array.Clear(buffer, 0, buffer.Length);
            Array.Clear(inputCopy, 0, inputCopy.Length);
        }
    }

    public static int DoFinal(this IAeadCipher cipher, Span<byte> output)
    {
        var buffer = new byte[cipher.GetOutputSize(0)];
        try
        {
            var written = cipher.DoFinal(buffer, 0);
            buffer.AsSpan(0, written).CopyTo(output);
            return written;
        }
        finally
        {
            Array.Clear(buffer, 0, buffer.Length); // on a tag failure it holds the last block's unauthenticated plaintext
        }
    }

    public static void BlockUpdate(this ISigner signer, ReadOnlySpan<byte> input) => signer.BlockUpdate(input.ToArray(), 0, input.Length);
}

internal static class ArrayPolyfills
{
    extension(Array)
    {
        public static void Clear(Array array) => Array.Clear(array, 0, array.Length);

        /// <summary>The largest length of a byte array (.NET 6's <c>Array.MaxLength</c>, the same value).</summary>
        public static int MaxLength => 0x7FFFFFC7;
    }
}
