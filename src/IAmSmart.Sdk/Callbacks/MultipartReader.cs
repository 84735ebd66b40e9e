using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// Reads a <c>multipart/form-data</c> callback body (RFC 2046 §5.1, RFC 7578) from a stream, part by part, through a
/// small window: each part's bytes go straight into a pooled buffer of their own, so a body of many megabytes is never
/// held whole, only its parts (the bulk-signing <c>sigFile</c> is then decrypted in the buffer it was read into).
/// </summary>
/// <remarks>
/// Tolerant where the spec's own sample is sloppy: LF as well as CRLF, and a last delimiter without its closing
/// <c>--</c> (addendum §A3.3) [I]. Strict where a forger could do harm: the body, the part count, each header block and
/// the envelope part are bounded; a body that ends inside a part (truncated: no delimiter after it) is refused, as are
/// header blocks that are not UTF-8, a <c>Content-Transfer-Encoding</c> other than the identity ones (RFC 7578 §4.7
/// deprecates it; iAM Smart does not use it [I]) and a second <c>sigMetada</c> or <c>sigFile</c> part. What follows
/// the close delimiter is the epilogue, which RFC 2046 says to ignore: it is not even read.
/// </remarks>
internal sealed class MultipartReader : IDisposable
{
    /// <summary>The most parts accepted: a callback has a handful (the bulk result has two).</summary>
    public const int MaxParts = 32;

    /// <summary>The largest header block of a part, in bytes.</summary>
    public const int MaxHeaderBlock = 8 * 1024;

    /// <summary>
    /// The largest <c>sigMetada</c> part: a small JSON envelope (codes, counts, one certificate, the wrapped key) [I]. It
    /// is parsed whole, so it gets a small cap of its own instead of the body's. One place to change if iAM Smart ever
    /// sends more.
    /// </summary>
    public const int MaxEnvelopePartSize = 1024 * 1024;

    // The window must hold a whole header block and its blank line, and a delimiter line.
    private const int WindowSize = 16 * 1024;
    private const int FirstPartBufferSize = 4 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _body;
    private readonly byte[] _delimiter; // "--" + boundary: the first delimiter may open the body
    private readonly byte[] _marker;    // "\n--" + boundary: every other delimiter starts a line
    private readonly long _maxBodySize;
    private byte[] _window;
    private int _start;
    private int _end;
    private bool _eof;
    private long _read;

    public MultipartReader(Stream body, string boundary, long maxBodySize)
    {
        _body = body;
        _delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        _marker = Encoding.ASCII.GetBytes("\n--" + boundary);
        _maxBodySize = maxBodySize;
        _window = ArrayPool<byte>.Shared.Rent(WindowSize);
    }

    private ReadOnlySpan<byte> Available => _window.AsSpan(_start, _end - _start);

    /// <summary>Reads every part up to the close delimiter, and picks the envelope among them.</summary>
    /// <exception cref="CallbackRejectedException">The body is malformed (<see cref="CallbackRejection.Malformed"/>) or too large (<see cref="CallbackRejection.TooLarge"/>).</exception>
    public async Task<CallbackParts> ReadAsync(CancellationToken cancellationToken)
    {
        var parts = new List<Part>();
        try
        {
            if (!await SkipPreambleAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Malformed("The multipart callback contains no boundary delimiter.");
            }

            while (await OpensPartAsync(cancellationToken).ConfigureAwait(false))
            {
                if (parts.Count == MaxParts)
                {
                    throw Malformed($"The multipart callback has more than {MaxParts} parts.");
                }

                var headers = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
                if (headers.Name is CallbackContent.EnvelopePartName or CallbackContent.SignaturePartName
                    && parts.Exists(p => string.Equals(p.Headers.Name, headers.Name, StringComparison.Ordinal)))
                {
                    throw Malformed("The multipart callback has a second sigMetada or sigFile part.");
                }

                var cap = string.Equals(headers.Name, CallbackContent.EnvelopePartName, StringComparison.Ordinal) ? MaxEnvelopePartSize : _maxBodySize;
                var part = new Part(headers, cap);
                parts.Add(part);
                await ReadContentAsync(part, cancellationToken).ConfigureAwait(false);
            }

            return Assemble(parts);
        }
        catch
        {
            foreach (var part in parts)
            {
                part.Return();
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (_window.Length > 0)
        {
            SecretBuffers.Return(_window);
            _window = [];
        }
    }

    private static CallbackParts Assemble(List<Part> parts)
    {
        var envelopeIndex = parts.FindIndex(p => string.Equals(p.Headers.Name, CallbackContent.EnvelopePartName, StringComparison.Ordinal));
        if (envelopeIndex < 0)
        {
            envelopeIndex = parts.FindIndex(p => p.Headers.ContentType is { } type && CallbackContent.IsJson(type));
        }

        if (envelopeIndex < 0)
        {
            throw Malformed("The multipart callback has no envelope part (named sigMetada, or of a JSON content type).");
        }

        var attachments = new List<CallbackAttachment>(parts.Count - 1);
        var writable = new List<Memory<byte>>(parts.Count - 1);
        var rented = new List<byte[]>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            rented.Add(parts[i].Buffer);
            if (i != envelopeIndex)
            {
                var content = parts[i].Buffer.AsMemory(0, parts[i].Length);
                attachments.Add(new CallbackAttachment(parts[i].Headers.Name, parts[i].Headers.FileName, parts[i].Headers.ContentType, content));
                writable.Add(content);
            }
        }

        var envelope = parts[envelopeIndex];
        return CallbackParts.Multipart(envelope.Buffer.AsMemory(0, envelope.Length), attachments, writable, rented);
    }

    /// <summary>Skips to just after the first delimiter; <see langword="false"/> when the body has none.</summary>
    private async Task<bool> SkipPreambleAsync(CancellationToken cancellationToken)
    {
        await FillAsync(_delimiter.Length, cancellationToken).ConfigureAwait(false);
        if (Available.StartsWith(_delimiter))
        {
            _start += _delimiter.Length;
            return true;
        }

        // A preamble (RFC 2046 allows one) is read past, not kept; the body limit bounds it.
        while (true)
        {
            var at = Available.IndexOf(_marker);
            if (at >= 0)
            {
                _start += at + _marker.Length;
                return true;
            }

            if (_eof)
            {
                return false;
            }

            _start = Math.Max(_start, _end - (_marker.Length - 1));
            await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads what follows a delimiter: <see langword="true"/> when a part follows, <see langword="false"/> at the close
    /// delimiter (<c>--</c>; the epilogue is left unread) or at the end of the body after a last delimiter without one [I].
    /// </summary>
    private async Task<bool> OpensPartAsync(CancellationToken cancellationToken)
    {
        await FillAsync(2, cancellationToken).ConfigureAwait(false);
        if (Available.StartsWith("--"u8))
        {
            return false;
        }

        // Transport padding (spaces, tabs) may follow a delimiter (RFC 2046 §5.1.1).
        while (true)
        {
            await FillAsync(1, cancellationToken).ConfigureAwait(false);
            if (Available.IsEmpty)
            {
                return false;
            }

            if (Available[0] is not ((byte)' ' or (byte)'\t'))
            {
                break;
            }

            _start++;
        }

        await FillAsync(2, cancellationToken).ConfigureAwait(false);
        if (Available.StartsWith("\r\n"u8))
        {
            _start += 2;
        }
        else if (Available.StartsWith("\n"u8))
        {
            _start += 1;
        }
        else
        {
            throw Malformed("A boundary delimiter of the multipart callback is not followed by a line break.");
        }

        // Only line breaks or blanks left: the sample's last delimiter without "--" (addendum §A3.3) [I]. Looked at, not
        // consumed, until something else or the end of the body shows which it is: a part without headers starts with
        // its blank line, and its content may start with blanks too.
        var blank = 0;
        while (true)
        {
            var available = Available;
            while (blank < available.Length && available[blank] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
            {
                blank++;
            }

            if (blank < available.Length)
            {
                return true;
            }

            if (_eof)
            {
                return false;
            }

            if (blank >= _window.Length - 1)
            {
                // More blank than the window holds: read as a part, which the end of the body then refuses as truncated.
                return true;
            }

            await FillAsync(blank + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PartHeaders> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        await FillAsync(2, cancellationToken).ConfigureAwait(false);

        // A part with no headers starts with the blank line itself.
        if (Available.StartsWith("\r\n"u8) || Available.StartsWith("\n"u8))
        {
            _start += Available[0] == (byte)'\n' ? 1 : 2;
            return new PartHeaders(null, null, null);
        }

        // Only the bytes new since the last look are searched (from 3 back, for a blank line split across reads): a
        // header block arriving a byte per read costs one pass over it, not one per byte.
        var scanned = 0;
        while (true)
        {
            var available = Available;
            var from = Math.Max(0, scanned - 3);
            var crlf = available[from..].IndexOf("\r\n\r\n"u8);
            var lf = available[from..].IndexOf("\n\n"u8);
            scanned = available.Length;
            var (end, blank) = crlf >= 0 && (lf < 0 || crlf < lf) ? (from + crlf, 4) : (lf < 0 ? -1 : from + lf, 2);
            if (end >= 0 && end <= MaxHeaderBlock)
            {
                var headers = ParseHeaders(available[..end]);
                _start += end + blank;
                return headers;
            }

            if (end >= 0 || available.Length >= MaxHeaderBlock + 4 || _eof)
            {
                throw Malformed("A part of the multipart callback has no end to its headers, or headers that are too long.");
            }

            await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves the part's content into its buffer, up to and past the next delimiter.</summary>
    private async Task ReadContentAsync(Part part, CancellationToken cancellationToken)
    {
        // An empty part: the delimiter follows the blank line at once (the blank line's line break precedes it).
        await FillAsync(_delimiter.Length, cancellationToken).ConfigureAwait(false);
        if (Available.StartsWith(_delimiter))
        {
            _start += _delimiter.Length;
            return;
        }

        while (true)
        {
            var available = Available;
            var at = available.IndexOf(_marker);
            if (at >= 0)
            {
                part.Append(available[..at]);
                part.TrimCarriageReturn(); // the line break before a delimiter belongs to the delimiter (RFC 2046)
                _start += at + _marker.Length;
                return;
            }

            if (_eof)
            {
                throw Malformed("The multipart callback is truncated: a part has no boundary delimiter after it.");
            }

            // Keep back what could be the start of a delimiter split across two reads.
            var safe = available.Length - (_marker.Length - 1);
            if (safe > 0)
            {
                part.Append(available[..safe]);
                _start += safe;
            }

            await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads until <paramref name="count"/> bytes are available or the body ends.</summary>
    private async Task FillAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count && !_eof)
        {
            await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_window, _start, _window, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _body.ReadAsync(_window.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        _read += read;
        if (_read > _maxBodySize)
        {
            throw TooLarge($"The multipart callback is larger than {_maxBodySize} bytes.");
        }
    }

    private static PartHeaders ParseHeaders(ReadOnlySpan<byte> block)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(block);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("The headers of a part of the multipart callback are not valid UTF-8.");
        }

        string? name = null, fileName = null, contentType = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var header = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (header.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase)
                && ContentDispositionHeaderValue.TryParse(value, out var disposition))
            {
                name = disposition.Name?.Trim('"');
                fileName = disposition.FileName?.Trim('"');
            }
            else if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (header.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                && !(value.Equals("binary", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("8bit", StringComparison.OrdinalIgnoreCase)
                    || value.Equals("7bit", StringComparison.OrdinalIgnoreCase)))
            {
                // Taking a base64 or quoted-printable part as its raw bytes would misread it; decoding it is not worth
                // the code for an encoding RFC 7578 §4.7 deprecates and iAM Smart does not use [I].
                throw Malformed("A part of the multipart callback has a Content-Transfer-Encoding other than binary, 8bit or 7bit.");
            }
        }

        return new PartHeaders(name, fileName, contentType);
    }

    // The message names the defect only: nothing from the body reaches a log or an answer.
    private static CallbackRejectedException Malformed(string message) => new(message, CallbackRejection.Malformed);

    private static CallbackRejectedException TooLarge(string message) => new(message, CallbackRejection.TooLarge);

    private sealed record PartHeaders(string? Name, string? FileName, string? ContentType);

    /// <summary>One part's headers and its content, in a pooled buffer that grows by doubling up to the part's cap.</summary>
    private sealed class Part(PartHeaders headers, long cap)
    {
        public PartHeaders Headers { get; } = headers;

        public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(FirstPartBufferSize);

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (Length + (long)bytes.Length > cap)
            {
                throw TooLarge($"A part of the multipart callback is larger than {cap} bytes.");
            }

            if (Length + bytes.Length > Buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(CallbackContent.GrowBufferSize(Buffer.Length, Length + (long)bytes.Length, cap));
                Buffer.AsSpan(0, Length).CopyTo(larger);
                SecretBuffers.Return(Buffer, Length);
                Buffer = larger;
            }

            bytes.CopyTo(Buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        public void TrimCarriageReturn()
        {
            if (Length > 0 && Buffer[Length - 1] == (byte)'\r')
            {
                Length--;
            }
        }

        public void Return()
        {
            SecretBuffers.Return(Buffer);
            Buffer = [];
        }
    }
}
