// netstandard2.0 only: the .NET 5-10 BCL members the PDF code calls that the core's linked polyfills
// (Polyfills/Linked, from src/IAmSmart.Sdk/Polyfills) do not cover, as C# 14 extension members on the same types, so
// the calling code is the same on both builds. Plain and allocation-tolerant: the fast paths are the net10.0 build's.
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace IAmSmart.Sdk.Polyfills;

internal static class PdfTextPolyfills
{
    // Latin-1 maps each byte to the code point of the same value, which is how PDF names and strings are read here.
    private static readonly Encoding s_latin1 = Encoding.GetEncoding(28591);

    extension(string)
    {
        /// <summary>The invariant-culture formatting <c>string.Create(provider, $"...")</c> does on .NET 6+.</summary>
        public static string Create(IFormatProvider provider, FormattableString text) => text.ToString(provider);

        public static string Concat(ReadOnlySpan<char> first, string second, string third) => string.Concat(first.ToString(), second, third);
    }

    extension(Encoding)
    {
        public static Encoding Latin1 => s_latin1;
    }

    extension(Convert)
    {
        /// <summary>Upper-case hex, as <c>Convert.ToHexString</c> (.NET 5).</summary>
        public static string ToHexString(ReadOnlySpan<byte> bytes)
        {
            const string Digits = "0123456789ABCDEF";
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }

    public static StringBuilder Append(this StringBuilder builder, IFormatProvider provider, FormattableString text) => builder.Append(text.ToString(provider));

    public static bool ContainsAnyExceptInRange(this ReadOnlySpan<char> span, char lowInclusive, char highInclusive)
    {
        foreach (var c in span)
        {
            if (c < lowInclusive || c > highInclusive)
            {
                return true;
            }
        }

        return false;
    }
}

internal static class PdfMemoryPolyfills
{
    extension(Math)
    {
        public static long Clamp(long value, long min, long max) => value < min ? min : value > max ? max : value;

        public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
    }

    extension(GC)
    {
        /// <summary>A zeroed array: netstandard2.0 has no uninitialised allocation, and every caller overwrites it anyway.</summary>
        public static T[] AllocateUninitializedArray<T>(int length) => new T[length];
    }

    extension(Array)
    {
        /// <summary>The largest length of a byte array (.NET 6's <c>Array.MaxLength</c>, the same value).</summary>
        public static int MaxLength => 0x7FFFFFC7;
    }

    extension(Enum)
    {
        public static TEnum[] GetValues<TEnum>()
            where TEnum : struct, Enum
            => (TEnum[])Enum.GetValues(typeof(TEnum));
    }

    public static int IndexOfAnyExcept<T>(this ReadOnlySpan<T> span, T value)
        where T : IEquatable<T>
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (!span[i].Equals(value))
            {
                return i;
            }
        }

        return -1;
    }

    public static int IndexOfAnyExcept<T>(this Span<T> span, T value)
        where T : IEquatable<T>
        => ((ReadOnlySpan<T>)span).IndexOfAnyExcept(value);

    public static ReadOnlySpan<T> TrimEnd<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> trimElements)
        where T : IEquatable<T>
    {
        var end = span.Length;
        while (end > 0 && trimElements.IndexOf(span[end - 1]) >= 0)
        {
            end--;
        }

        return span.Slice(0, end);
    }
}

/// <summary>
/// The span and memory overloads of <see cref="Stream"/> (.NET Core 2.1), through its array methods. <c>ReadAsync(Memory)</c>
/// comes from the core's linked <c>BclExtensions.cs</c>.
/// </summary>
internal static class PdfStreamPolyfills
{
    public static int Read(this Stream stream, Span<byte> buffer)
    {
        var array = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = stream.Read(array, 0, buffer.Length);
            array.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    public static void Write(this Stream stream, ReadOnlySpan<byte> buffer)
    {
        var array = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(array);
            stream.Write(array, 0, buffer.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    public static async ValueTask WriteAsync(this Stream stream, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (MemoryMarshal.TryGetArray(buffer, out var segment))
        {
            await stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken).ConfigureAwait(false);
            return;
        }

        var array = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.Span.CopyTo(array);
            await stream.WriteAsync(array, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
