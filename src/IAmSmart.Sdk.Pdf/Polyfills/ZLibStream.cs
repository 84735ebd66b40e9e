// netstandard2.0 only: decompression-only System.IO.Compression.ZLibStream (.NET 6): the RFC 1950 header is checked
// and skipped and the RFC 1951 body inflated with DeflateStream. The Adler-32 trailer is not checked (DeflateStream
// reads ahead, so where the body ends is not known); a /FlateDecode stream is still read to the same bytes. In
// IAmSmart.Sdk.Polyfills, not System.IO.Compression: see SearchValues.cs.
using System.IO.Compression;

namespace IAmSmart.Sdk.Polyfills;

internal sealed class ZLibStream : Stream
{
    private readonly Stream _inner;
    private DeflateStream? _deflate;

    public ZLibStream(Stream stream, CompressionMode mode)
    {
        if (mode != CompressionMode.Decompress)
        {
            throw new NotSupportedException("Only decompression is available on netstandard2.0.");
        }

        _inner = stream;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_deflate is null)
        {
            var compressionMethod = _inner.ReadByte();
            var flags = _inner.ReadByte();
            if (compressionMethod < 0 || flags < 0)
            {
                return 0;
            }

            // CM 8 (deflate), window size at most 32 KiB, the header check (a multiple of 31), and no preset dictionary.
            if ((compressionMethod & 0x0F) != 8 || (compressionMethod >> 4) > 7 || ((compressionMethod << 8) | flags) % 31 != 0 || (flags & 0x20) != 0)
            {
                throw new InvalidDataException("The zlib header is not valid.");
            }

            _deflate = new DeflateStream(_inner, CompressionMode.Decompress, leaveOpen: true);
        }

        return _deflate.Read(buffer, offset, count);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
