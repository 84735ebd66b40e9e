using System.Net.Http.Headers;
using System.Text;

namespace IAmSmart.Sdk.Callbacks;

/// <summary>
/// The two body shapes a callback may have (addendum §A3): a JSON envelope, or <c>multipart/form-data</c> with the
/// envelope in one part and files in others. The bulk-signing result callback names its parts <c>sigMetada</c> (sic)
/// and <c>sigFile</c> [C-doc S3 §3.23]; the multipart shape of a form-filling callback is undocumented, so there the
/// envelope is the first part whose content type is JSON [G].
/// </summary>
internal static class CallbackContent
{
    /// <summary>The media type of a JSON callback.</summary>
    public const string Json = "application/json";

    /// <summary>The media type of a multipart callback (the spec tables misspell it <c>multipart/formdata</c>; the samples do not) [I].</summary>
    public const string Multipart = "multipart/form-data";

    /// <summary>The part of a bulk-signing result callback that holds the envelope; the missing "t" is the spec's [C-doc S3 §3.23.3].</summary>
    public const string EnvelopePartName = "sigMetada";

    // Bounds on hostile input: a callback has a handful of parts (the bulk result has two).
    private const int MaxParts = 32;
    private const int MaxHeaderBlock = 8 * 1024;
    private const int MaxBoundaryLength = 70; // RFC 2046 §5.1.1

    /// <summary>Whether the media type is <c>multipart/form-data</c>, whatever its parameters.</summary>
    public static bool IsMultipart(string? contentType) => MediaType(contentType) is { } type && type.Equals(Multipart, StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string contentType)
        => MediaType(contentType) is { } type
            && (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string? MediaType(string? contentType)
        => contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : null;

    /// <summary>
    /// Splits a callback body into its envelope (JSON bytes) and its other parts. A JSON body is its own envelope.
    /// </summary>
    /// <param name="body">The body as received.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>; <see langword="null"/> for JSON.</param>
    /// <exception cref="CallbackRejectedException">The content type is unsupported, or the multipart body is malformed or has no envelope part.</exception>
    public static (ReadOnlyMemory<byte> Envelope, IReadOnlyList<CallbackAttachment> Attachments) Split(ReadOnlyMemory<byte> body, string? contentType)
    {
        if (contentType is null || IsJson(contentType))
        {
            return (body, []);
        }

        if (!IsMultipart(contentType))
        {
            throw Malformed("The callback's content type is neither JSON nor multipart/form-data.");
        }

        var parts = ReadParts(body, Boundary(contentType));
        var envelopeIndex = parts.FindIndex(p => string.Equals(p.Name, EnvelopePartName, StringComparison.Ordinal));
        if (envelopeIndex < 0)
        {
            envelopeIndex = parts.FindIndex(p => p.ContentType is { } type && IsJson(type));
        }

        if (envelopeIndex < 0)
        {
            throw Malformed("The multipart callback has no envelope part (named sigMetada, or of a JSON content type).");
        }

        var envelope = parts[envelopeIndex].Content;
        parts.RemoveAt(envelopeIndex);
        return (envelope, parts);
    }

    private static byte[] Boundary(string contentType)
    {
        var boundary = MediaTypeHeaderValue.Parse(contentType).Parameters
            .FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength || !Ascii.IsValid(boundary))
        {
            throw Malformed("The multipart callback's content type has no valid boundary.");
        }

        return Encoding.ASCII.GetBytes("--" + boundary);
    }

    /// <summary>
    /// Reads the parts. Tolerant where the spec's own sample is sloppy: LF as well as CRLF, and a last delimiter without
    /// its closing <c>--</c> (addendum §A3.3) [I]. Strict where a forger could do harm: bounded part count and header
    /// size, and headers that are not valid UTF-8 are refused.
    /// </summary>
    private static List<CallbackAttachment> ReadParts(ReadOnlyMemory<byte> body, byte[] delimiter)
    {
        var span = body.Span;
        var at = IndexOfDelimiter(span, delimiter, 0);
        if (at < 0)
        {
            throw Malformed("The multipart callback contains no boundary delimiter.");
        }

        var parts = new List<CallbackAttachment>();
        var position = at + delimiter.Length;
        while (true)
        {
            // After a delimiter: "--" closes the body; otherwise a line break opens a part. Anything else is not a delimiter line.
            if (span[position..].StartsWith("--"u8) || span[position..].Trim("\r\n \t"u8).IsEmpty)
            {
                return parts;
            }

            position += LineBreakLength(span, position);
            if (parts.Count == MaxParts)
            {
                throw Malformed($"The multipart callback has more than {MaxParts} parts.");
            }

            var headerEnd = IndexOfBlankLine(span, position, out var blankLength);
            if (headerEnd < 0 || headerEnd - position > MaxHeaderBlock)
            {
                throw Malformed("A part of the multipart callback has no end to its headers, or headers that are too long.");
            }

            var (name, fileName, partType) = ReadHeaders(span[position..headerEnd]);
            var contentStart = headerEnd + blankLength;
            var next = IndexOfDelimiter(span, delimiter, contentStart);
            var contentEnd = next < 0 ? body.Length : next;
            var content = body[contentStart..contentEnd];
            parts.Add(new CallbackAttachment(name, fileName, partType, TrimLineBreak(content)));
            if (next < 0)
            {
                return parts; // no closing delimiter at all: the rest of the body was the last part [I]
            }

            position = next + delimiter.Length;
        }
    }

    private static int LineBreakLength(ReadOnlySpan<byte> span, int position)
    {
        // Transport padding (spaces, tabs) may follow a delimiter (RFC 2046 §5.1.1).
        var at = position;
        while (at < span.Length && span[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        if (span[at..].StartsWith("\r\n"u8))
        {
            return at - position + 2;
        }

        if (span[at..].StartsWith("\n"u8))
        {
            return at - position + 1;
        }

        throw Malformed("A boundary delimiter of the multipart callback is not followed by a line break.");
    }

    /// <summary>The index of the next delimiter at the start of a line at or after <paramref name="from"/>; its line break belongs to the part before.</summary>
    private static int IndexOfDelimiter(ReadOnlySpan<byte> span, byte[] delimiter, int from)
    {
        var search = from;
        while (search <= span.Length - delimiter.Length)
        {
            var found = span[search..].IndexOf(delimiter);
            if (found < 0)
            {
                return -1;
            }

            var at = search + found;
            if (at == 0 || span[at - 1] == (byte)'\n')
            {
                return at;
            }

            search = at + 1;
        }

        return -1;
    }

    private static int IndexOfBlankLine(ReadOnlySpan<byte> span, int from, out int length)
    {
        // A part with no headers starts with the blank line itself.
        if (span[from..].StartsWith("\r\n"u8))
        {
            length = 2;
            return from;
        }

        if (span[from..].StartsWith("\n"u8))
        {
            length = 1;
            return from;
        }

        var crlf = span[from..].IndexOf("\r\n\r\n"u8);
        var lf = span[from..].IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            length = 4;
            return from + crlf;
        }

        if (lf >= 0)
        {
            length = 2;
            return from + lf;
        }

        length = 0;
        return -1;
    }

    private static ReadOnlyMemory<byte> TrimLineBreak(ReadOnlyMemory<byte> content)
    {
        // The line break before a delimiter belongs to the delimiter (RFC 2046).
        var span = content.Span;
        if (span.EndsWith("\r\n"u8))
        {
            return content[..^2];
        }

        return span.EndsWith("\n"u8) ? content[..^1] : content;
    }

    private static (string? Name, string? FileName, string? ContentType) ReadHeaders(ReadOnlySpan<byte> block)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(block);
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
        }

        return (name, fileName, contentType);
    }

    // The message names the defect only: nothing from the body reaches a log or an answer.
    private static CallbackRejectedException Malformed(string message) => new(message, CallbackRejection.Malformed);
}
