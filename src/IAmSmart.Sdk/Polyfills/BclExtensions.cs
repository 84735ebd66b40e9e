// netstandard2.0 only: the .NET 5-10 BCL members the SDK calls, as C# 14 extension members on the same types, so the
// calling code is the same on both builds. Plain and allocation-tolerant: the fast paths are the net10.0 build's own.
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Polyfills;

internal static class ArgumentPolyfills
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrEmpty([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (argument.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }

        public static void ThrowIfNullOrWhiteSpace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (string.IsNullOrWhiteSpace(argument))
            {
                throw new ArgumentException("The value cannot be an empty string or composed entirely of whitespace.", paramName);
            }
        }
    }

    extension(ArgumentOutOfRangeException)
    {
        public static void ThrowIfNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, "The value must be non-negative.");
            }
        }

        public static void ThrowIfGreaterThan(int value, int other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value > other)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"The value must be less than or equal to {other}.");
            }
        }

        public static void ThrowIfLessThan(int value, int other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value < other)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"The value must be greater than or equal to {other}.");
            }
        }
    }
}

internal static class TextPolyfills
{
    extension(string)
    {
        public static string Join<T>(char separator, IEnumerable<T> values) => string.Join(separator.ToString(), values);

        public static string Concat(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => string.Concat(first.ToString(), second.ToString());
    }

    public static bool StartsWith(this string text, char value) => text.Length > 0 && text[0] == value;

    public static bool EndsWith(this string text, char value) => text.Length > 0 && text[text.Length - 1] == value;

    public static bool Contains(this string text, char value) => text.IndexOf(value) >= 0;

    public static bool Contains(this string text, string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

    public static int IndexOf(this string text, char value, StringComparison comparison)
        => comparison == StringComparison.Ordinal ? text.IndexOf(value) : text.IndexOf(value.ToString(), comparison);

    public static string[] Split(this string text, char separator, StringSplitOptions options = StringSplitOptions.None)
        => text.Split([separator], options);

    public static string Replace(this string text, string oldValue, string? newValue, StringComparison comparison)
    {
        var builder = new StringBuilder(text.Length);
        var start = 0;
        int found;
        while ((found = text.IndexOf(oldValue, start, comparison)) >= 0)
        {
            builder.Append(text, start, found - start).Append(newValue);
            start = found + oldValue.Length;
        }

        return builder.Append(text, start, text.Length - start).ToString();
    }

    public static StringBuilder Append(this StringBuilder builder, ReadOnlySpan<char> value) => builder.Append(value.ToString());

    public static bool IsMatch(this Regex regex, ReadOnlySpan<char> input) => regex.IsMatch(input.ToString());

    public static int GetBytes(this Encoding encoding, string text, Span<byte> bytes) => encoding.GetBytes(text.AsSpan(), bytes);

    public static int GetBytes(this Encoding encoding, ReadOnlySpan<char> chars, Span<byte> bytes)
    {
        var encoded = encoding.GetBytes(chars.ToArray());
        if (encoded.Length > bytes.Length)
        {
            throw new ArgumentException("The destination is too small.", nameof(bytes));
        }

        encoded.CopyTo(bytes);
        return encoded.Length;
    }

    public static int GetByteCount(this Encoding encoding, ReadOnlySpan<char> chars) => encoding.GetByteCount(chars.ToArray());

    public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());

    public static string GetString(this Encoding encoding, in ReadOnlySequence<byte> bytes) => encoding.GetString(bytes.ToArray());

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

        public static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

        public static bool IsAsciiLetterUpper(char c) => c is >= 'A' and <= 'Z';

        public static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetter(c) || char.IsAsciiDigit(c);
    }

    extension(Uri)
    {
        public static string EscapeDataString(ReadOnlySpan<char> text) => Uri.EscapeDataString(text.ToString());
    }
}

internal static class SpanPolyfills
{
    public static bool Contains<T>(this ReadOnlySpan<T> span, T value)
        where T : IEquatable<T>
        => span.IndexOf(value) >= 0;

    public static ReadOnlySpan<T> Trim<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> trimElements)
        where T : IEquatable<T>
    {
        var start = 0;
        while (start < span.Length && trimElements.IndexOf(span[start]) >= 0)
        {
            start++;
        }

        var end = span.Length;
        while (end > start && trimElements.IndexOf(span[end - 1]) >= 0)
        {
            end--;
        }

        return span.Slice(start, end - start);
    }

    public static ReadOnlySpan<T> TrimStart<T>(this ReadOnlySpan<T> span, ReadOnlySpan<T> trimElements)
        where T : IEquatable<T>
    {
        var start = 0;
        while (start < span.Length && trimElements.IndexOf(span[start]) >= 0)
        {
            start++;
        }

        return span[start..];
    }

    public static SpanSplitEnumerator<T> Split<T>(this ReadOnlySpan<T> span, T separator)
        where T : IEquatable<T>
        => new(span, separator);

    /// <summary>The ranges of <c>span</c> between separators, empty ones included (as MemoryExtensions.Split on .NET 9+).</summary>
    public ref struct SpanSplitEnumerator<T>
        where T : IEquatable<T>
    {
        private readonly ReadOnlySpan<T> _span;
        private readonly T _separator;
        private int _next;

        internal SpanSplitEnumerator(ReadOnlySpan<T> span, T separator)
        {
            _span = span;
            _separator = separator;
            _next = 0;
            Current = default;
        }

        public Range Current { get; private set; }

        public readonly SpanSplitEnumerator<T> GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next > _span.Length)
            {
                return false;
            }

            var found = _span.Slice(_next).IndexOf(_separator);
            var end = found < 0 ? _span.Length : _next + found;
            Current = new Range(_next, end);
            _next = end + 1;
            return true;
        }
    }
}

internal static class ConvertPolyfills
{
    extension(Convert)
    {
        public static string ToBase64String(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes.ToArray());

        public static string ToHexStringLower(ReadOnlySpan<byte> bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
            }

            return new string(chars);
        }

        public static byte[] FromHexString(string text)
        {
            if (text.Length % 2 != 0)
            {
                throw new FormatException("The input is not a valid hex string as its length is not a multiple of 2.");
            }

            var bytes = new byte[text.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((HexDigit(text[2 * i]) << 4) | HexDigit(text[(2 * i) + 1]));
            }

            return bytes;
        }

        public static bool TryFromBase64String(string text, Span<byte> bytes, out int bytesWritten)
            => Convert.TryFromBase64Chars(text.AsSpan(), bytes, out bytesWritten);

        public static bool TryFromBase64Chars(ReadOnlySpan<char> chars, Span<byte> bytes, out int bytesWritten)
        {
            bytesWritten = 0;
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64CharArray(chars.ToArray(), 0, chars.Length);
            }
            catch (FormatException)
            {
                return false;
            }

            if (decoded.Length > bytes.Length)
            {
                return false;
            }

            decoded.CopyTo(bytes);
            bytesWritten = decoded.Length;
            return true;
        }

        public static bool TryToBase64Chars(ReadOnlySpan<byte> bytes, Span<char> chars, out int charsWritten)
        {
            var text = Convert.ToBase64String(bytes.ToArray());
            if (text.Length > chars.Length)
            {
                charsWritten = 0;
                return false;
            }

            text.AsSpan().CopyTo(chars);
            charsWritten = text.Length;
            return true;
        }
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException("The input is not a valid hex string as it contains a non-hex character."),
    };
}

internal static class CollectionPolyfills
{
    public static TValue? GetValueOrDefault<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key)
        where TKey : notnull
        => dictionary.TryGetValue(key, out var value) ? value : default;

    public static TValue? GetValueOrDefault<TKey, TValue>(this IReadOnlyDictionary<TKey, TValue> dictionary, TKey key)
        => dictionary.TryGetValue(key, out var value) ? value : default;

    public static bool TryAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull
    {
        if (dictionary.ContainsKey(key))
        {
            return false;
        }

        dictionary.Add(key, value);
        return true;
    }

    public static bool TryPeek<T>(this Queue<T> queue, [MaybeNullWhen(false)] out T result)
    {
        if (queue.Count == 0)
        {
            result = default;
            return false;
        }

        result = queue.Peek();
        return true;
    }

    public static bool TryRemove<TKey, TValue>(this ConcurrentDictionary<TKey, TValue> dictionary, KeyValuePair<TKey, TValue> item)
        where TKey : notnull
        => ((ICollection<KeyValuePair<TKey, TValue>>)dictionary).Remove(item);

    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }

    public static IOrderedEnumerable<T> Order<T>(this IEnumerable<T> source, IComparer<T>? comparer = null)
        => source.OrderBy(x => x, comparer);
}

internal static class TaskPolyfills
{
    extension(ValueTask)
    {
        public static ValueTask<T> FromResult<T>(T result) => new(result);
    }

    extension(Task)
    {
        public static Task Delay(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
            => timeProvider.Delay(delay, cancellationToken);
    }

    extension(Task task)
    {
        public bool IsCompletedSuccessfully => task.Status == TaskStatus.RanToCompletion;
    }

    public static async Task<T> WaitAsync<T>(this Task<T> task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        return await task.ConfigureAwait(false);
    }

    public static Task CancelAsync(this CancellationTokenSource source)
    {
        source.Cancel();
        return Task.CompletedTask;
    }

    public static Task CopyToAsync(this Stream source, Stream destination, CancellationToken cancellationToken)
        => source.CopyToAsync(destination, 81920, cancellationToken);

    public static ValueTask<int> ReadAsync(this Stream source, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(destination, out var segment))
        {
            return new ValueTask<int>(source.ReadAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken));
        }

        return ReadThroughArrayAsync(source, destination, cancellationToken);
    }

    private static ValueTask<int> ReadThroughArrayAsync(Stream source, Memory<byte> destination, CancellationToken cancellationToken)
        => ReadThroughArrayAsync(source, destination, ArrayPool<byte>.Shared, cancellationToken);

    /// <summary>
    /// Reads through a pooled array, cleared before it goes back whatever its size (a callback body passes through it;
    /// IAmSmart.Sdk.Crypto.SecretBuffers says why not <c>clearArray</c>); <paramref name="pool"/> for a test.
    /// </summary>
    internal static async ValueTask<int> ReadThroughArrayAsync(Stream source, Memory<byte> destination, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        var buffer = pool.Rent(destination.Length);
        var used = destination.Length; // all of it may have been written, until the read says how much
        try
        {
            var read = await source.ReadAsync(buffer, 0, destination.Length, cancellationToken).ConfigureAwait(false);
            used = read;
            buffer.AsSpan(0, read).CopyTo(destination.Span);
            return read;
        }
        finally
        {
            IAmSmart.Sdk.Crypto.SecretBuffers.Return(buffer, used, pool);
        }
    }

    public static Task<byte[]> ReadAsByteArrayAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsByteArrayAsync();
    }
}

internal static class CryptoPolyfills
{
    extension(RandomNumberGenerator)
    {
        public static void Fill(Span<byte> data)
        {
            var bytes = new byte[data.Length];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }

            bytes.CopyTo(data);
            Array.Clear(bytes, 0, bytes.Length);
        }

        public static byte[] GetBytes(int count)
        {
            var bytes = new byte[count];
            using var rng = RandomNumberGenerator.Create();
            rng.GetBytes(bytes);
            return bytes;
        }
    }

    extension(SHA256)
    {
        public static int HashSizeInBytes => 32;

        public static byte[] HashData(ReadOnlySpan<byte> source)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(source.ToArray());
        }

        public static int HashData(ReadOnlySpan<byte> source, Span<byte> destination)
        {
            var hash = SHA256.HashData(source);
            hash.CopyTo(destination);
            return hash.Length;
        }
    }

}

internal static class Sha512Polyfills
{
    extension(SHA512)
    {
        public static int HashSizeInBytes => 64;

        public static byte[] HashData(ReadOnlySpan<byte> source)
        {
            using var sha = SHA512.Create();
            return sha.ComputeHash(source.ToArray());
        }

        public static int HashData(ReadOnlySpan<byte> source, Span<byte> destination)
        {
            var hash = SHA512.HashData(source);
            hash.CopyTo(destination);
            return hash.Length;
        }
    }

}

internal static class Md5Polyfills
{
#pragma warning disable CA5351 // MD5 only where the iAM Smart sign-code scheme asks for it (SignCode).
    extension(MD5)
    {
        public static byte[] HashData(ReadOnlySpan<byte> source)
        {
            using var md5 = MD5.Create();
            return md5.ComputeHash(source.ToArray());
        }
    }
#pragma warning restore CA5351
}

internal static class HmacSha256Polyfills
{
    extension(HMACSHA256)
    {
        public static int HashSizeInBytes => 32;

        public static byte[] HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> source)
        {
            using var hmac = new HMACSHA256(key.ToArray());
            return hmac.ComputeHash(source.ToArray());
        }
    }

}

internal static class HashPolyfills
{
    public static void AppendData(this IncrementalHash hash, ReadOnlySpan<byte> data) => hash.AppendData(data.ToArray());

    public static int GetHashAndReset(this IncrementalHash hash, Span<byte> destination)
    {
        var bytes = hash.GetHashAndReset();
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    public static byte[] Decrypt(this RSA rsa, ReadOnlySpan<byte> data, RSAEncryptionPadding padding) => rsa.Decrypt(data.ToArray(), padding);

    extension(X509KeyStorageFlags)
    {
        /// <summary>.NET Framework 4.7.2+ and .NET Core know the value; older stacks ignore unknown flags or refuse them.</summary>
        public static X509KeyStorageFlags EphemeralKeySet => (X509KeyStorageFlags)32;
    }
}

/// <summary>CryptographicOperations (netcoreapp2.1+).</summary>
internal static class CryptographicOperations
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static void ZeroMemory(Span<byte> buffer) => buffer.Clear();

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        var accumulated = 0;
        for (var i = 0; i < left.Length; i++)
        {
            accumulated |= left[i] - right[i];
        }

        return accumulated == 0;
    }
}

/// <summary>X509CertificateLoader (net9.0+) over the X509Certificate2 constructors.</summary>
internal static class X509CertificateLoader
{
    public static X509Certificate2 LoadCertificate(byte[] data) => new(data);

    public static X509Certificate2 LoadPkcs12(ReadOnlySpan<byte> data, string? password, X509KeyStorageFlags keyStorageFlags = X509KeyStorageFlags.DefaultKeySet)
        => new(data.ToArray(), password, keyStorageFlags);

    public static X509Certificate2 LoadPkcs12(byte[] data, string? password, X509KeyStorageFlags keyStorageFlags = X509KeyStorageFlags.DefaultKeySet)
        => new(data, password, keyStorageFlags);
}

internal static class HttpPolyfills
{
    extension(HttpStatusCode)
    {
        public static HttpStatusCode TooManyRequests => (HttpStatusCode)429;
    }

    extension(HttpRequestMessage request)
    {
        /// <summary>The request's options bag (HttpRequestMessage.Properties before .NET 5).</summary>
        public IDictionary<string, object?> Options => request.Properties!;

        /// <summary>No version policy before .NET 5: the handler negotiates as it always has.</summary>
#pragma warning disable CA1822 // an extension property, read and set as the .NET 5+ instance property is
        public HttpVersionPolicy VersionPolicy
        {
            get => HttpVersionPolicy.RequestVersionOrLower;
            set { }
        }
#pragma warning restore CA1822
    }

    public static void Set<TValue>(this IDictionary<string, object?> options, HttpRequestOptionsKey<TValue> key, TValue value) => options[key.Key] = value;

    public static bool TryGetValue<TValue>(this IDictionary<string, object?> options, HttpRequestOptionsKey<TValue> key, [MaybeNullWhen(false)] out TValue value)
    {
        if (options.TryGetValue(key.Key, out var stored) && stored is TValue typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }
}
