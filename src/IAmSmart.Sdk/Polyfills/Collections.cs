// netstandard2.0 only: small BCL types the SDK uses that arrived after netstandard2.0.
using System.Buffers;

namespace System.Collections.Generic
{
    internal static class KeyValuePair
    {
        public static KeyValuePair<TKey, TValue> Create<TKey, TValue>(TKey key, TValue value) => new(key, value);
    }
}

namespace System.Buffers
{
    /// <summary>A growable buffer writer over one array (System.Memory has none for netstandard2.0).</summary>
    internal sealed class ArrayBufferWriter<T> : IBufferWriter<T>
    {
        private T[] _buffer;
        private int _index;

        public ArrayBufferWriter(int initialCapacity = 256) => _buffer = new T[Math.Max(initialCapacity, 1)];

        public ReadOnlyMemory<T> WrittenMemory => _buffer.AsMemory(0, _index);

        public ReadOnlySpan<T> WrittenSpan => _buffer.AsSpan(0, _index);

        public int WrittenCount => _index;

        public void Advance(int count)
        {
            if (count < 0 || _index + count > _buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            _index += count;
        }

        public Memory<T> GetMemory(int sizeHint = 0)
        {
            Grow(sizeHint);
            return _buffer.AsMemory(_index);
        }

        public Span<T> GetSpan(int sizeHint = 0)
        {
            Grow(sizeHint);
            return _buffer.AsSpan(_index);
        }

        public void Clear()
        {
            _buffer.AsSpan(0, _index).Clear();
            _index = 0;
        }

        private void Grow(int sizeHint)
        {
            var needed = Math.Max(sizeHint, 1);
            if (_buffer.Length - _index < needed)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _index + needed));
            }
        }
    }
}

namespace System.Text
{
    /// <summary>The two System.Text.Ascii members the SDK uses.</summary>
    internal static class Ascii
    {
        public static bool IsValid(string value)
        {
            foreach (var c in value)
            {
                if (c > 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        public static OperationStatus FromUtf16(ReadOnlySpan<char> source, Span<byte> destination, out int bytesWritten)
        {
            var count = Math.Min(source.Length, destination.Length);
            for (var i = 0; i < count; i++)
            {
                if (source[i] > 0x7F)
                {
                    bytesWritten = i;
                    return OperationStatus.InvalidData;
                }

                destination[i] = (byte)source[i];
            }

            bytesWritten = count;
            return count < source.Length ? OperationStatus.DestinationTooSmall : OperationStatus.Done;
        }
    }
}
