using System.Buffers;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IAmSmart.Sdk.Crypto;

// The callback endpoints read a JSON body with the same reader as the SDK (sized by the request's Content-Length, which
// no public overload takes) and check the media type with the same parser: one reader, one check.
[assembly: InternalsVisibleTo("IAmSmart.Sdk.AspNetCore")]

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

    /// <summary>The part of a bulk-signing result callback that holds the signatures [C-doc S3 §3.23].</summary>
    public const string SignaturePartName = "sigFile";

    private const int MaxBoundaryLength = 70; // RFC 2046 §5.1.1
    private const int JsonStartSize = 16 * 1024;

    /// <summary>Whether the media type is <c>multipart/form-data</c>, whatever its parameters.</summary>
    public static bool IsMultipart(string? contentType) => MediaType(contentType) is { } type && type.Equals(Multipart, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the media type is JSON (<c>application/json</c> or <c>*+json</c>).</summary>
    public static bool IsJson(string contentType)
        => MediaType(contentType) is { } type
            && (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static string? MediaType(string? contentType)
        => contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : null;

    /// <summary>
    /// Splits a callback body held in memory into its envelope and its other parts. A JSON body is its own envelope (not
    /// copied); a multipart body goes through the same streaming reader as a request stream does, its parts copied into
    /// pooled buffers that the result owns.
    /// </summary>
    /// <param name="body">The body as received.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>; <see langword="null"/> for JSON.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CallbackRejectedException">The content type is unsupported, or the multipart body is malformed or has no envelope part.</exception>
    public static Task<CallbackParts> ReadAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        if (contentType is null || IsJson(contentType))
        {
            return Task.FromResult(CallbackParts.Json(body, rented: null));
        }

        var stream = MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);
        return ReadAsync(stream, contentType, long.MaxValue, cancellationToken);
    }

    /// <summary>
    /// Reads a callback body from <paramref name="body"/>: a JSON body whole into one pooled buffer, a multipart body
    /// part by part (<see cref="MultipartReader"/>), never more than <paramref name="maxBodySize"/> bytes of it.
    /// </summary>
    /// <param name="body">The request body, read from its current position; not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>; <see langword="null"/> for JSON.</param>
    /// <param name="maxBodySize">The most bytes read before the body is refused as <see cref="CallbackRejection.TooLarge"/>.</param>
    /// <param name="cancellationToken">Cancels the read: a slow or stalled sender is cut off with it.</param>
    /// <exception cref="CallbackRejectedException">The content type is unsupported, or the body is malformed or too large.</exception>
    public static Task<CallbackParts> ReadAsync(Stream body, string? contentType, long maxBodySize, CancellationToken cancellationToken)
        => ReadAsync(body, contentType, maxBodySize, sizeHint: null, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(Stream, string, long, CancellationToken)"/>, with the body's expected size: a JSON body
    /// from a stream that cannot tell its length (a request stream) gets its buffer sized once by it (the request's
    /// <c>Content-Length</c>) instead of grown by doubling. Only a hint: a body longer than it still grows the buffer,
    /// never past <paramref name="maxBodySize"/>.
    /// </summary>
    /// <param name="body">The request body, read from its current position; not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>; <see langword="null"/> for JSON.</param>
    /// <param name="maxBodySize">The most bytes read before the body is refused as <see cref="CallbackRejection.TooLarge"/>.</param>
    /// <param name="sizeHint">The body's expected length, if known.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CallbackRejectedException">The content type is unsupported, or the body is malformed or too large.</exception>
    public static async Task<CallbackParts> ReadAsync(Stream body, string? contentType, long maxBodySize, long? sizeHint, CancellationToken cancellationToken)
    {
        if (contentType is null || IsJson(contentType))
        {
            return await ReadJsonAsync(body, maxBodySize, sizeHint, cancellationToken).ConfigureAwait(false);
        }

        if (!IsMultipart(contentType))
        {
            throw Malformed("The callback's content type is neither JSON nor multipart/form-data.");
        }

        using var reader = new MultipartReader(body, Boundary(contentType), maxBodySize);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The size to grow a pooled buffer of <paramref name="current"/> bytes to, so that it holds <paramref name="needed"/>:
    /// double, but never past <paramref name="cap"/> or the largest array. With caps above 1 GiB a doubled length does not
    /// fit in an <see cref="int"/>; every such limit is a typed <see cref="CallbackRejection.TooLarge"/>, never an overflow.
    /// </summary>
    /// <exception cref="CallbackRejectedException"><paramref name="needed"/> is over the cap or the largest array.</exception>
    internal static int GrowBufferSize(int current, long needed, long cap)
    {
        var limit = Math.Min(cap, Array.MaxLength);
        if (needed > limit)
        {
            throw new CallbackRejectedException($"The callback is larger than {limit} bytes.", CallbackRejection.TooLarge);
        }

        return (int)Math.Min(Math.Max(current * 2L, needed), limit);
    }

    /// <summary>A JSON body, parsed whole: read into one pooled buffer grown by doubling, never past the limit.</summary>
    private static async Task<CallbackParts> ReadJsonAsync(Stream body, long maxBodySize, long? sizeHint, CancellationToken cancellationToken)
    {
        if (body.CanSeek && body.Length - body.Position > maxBodySize)
        {
            // Refused before a byte is read or a buffer rented: its length is known.
            throw new CallbackRejectedException($"The callback is larger than {maxBodySize} bytes.", CallbackRejection.TooLarge);
        }

        var size = body.CanSeek ? body.Length - body.Position : sizeHint ?? JsonStartSize;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(size, 1), Math.Min(maxBodySize, Array.MaxLength - 1)) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    // One byte past the limit is enough to tell "too large" from "exactly the limit".
                    if (buffer.Length > maxBodySize)
                    {
                        throw new CallbackRejectedException($"The callback is larger than {maxBodySize} bytes.", CallbackRejection.TooLarge);
                    }

                    // Room for one byte past the limit (saturated: the limit may be long.MaxValue).
                    var larger = ArrayPool<byte>.Shared.Rent(GrowBufferSize(buffer.Length, buffer.Length + 1L, maxBodySize == long.MaxValue ? long.MaxValue : maxBodySize + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    SecretBuffers.Return(buffer, length);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return CallbackParts.Json(buffer.AsMemory(0, length), buffer);
                }

                length += read;
                if (length > maxBodySize)
                {
                    throw new CallbackRejectedException($"The callback is larger than {maxBodySize} bytes.", CallbackRejection.TooLarge);
                }
            }
        }
        catch
        {
            SecretBuffers.Return(buffer, length);
            throw;
        }
    }

    /// <summary>
    /// The boundary of a multipart content type, checked against RFC 2046 §5.1.1: 1 to 70 characters from the
    /// <c>bchars</c> set (letters, digits and <c>'()+_,-./:=?</c> and space), not ending in a space.
    /// </summary>
    private static string Boundary(string contentType)
    {
        var boundary = MediaTypeHeaderValue.Parse(contentType).Parameters
            .FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        if (string.IsNullOrEmpty(boundary) || boundary.Length > MaxBoundaryLength || boundary[^1] == ' ' || !boundary.All(IsBoundaryChar))
        {
            throw Malformed("The multipart callback's content type has no valid boundary.");
        }

        return boundary;
    }

    private static bool IsBoundaryChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '\'' or '(' or ')' or '+' or '_' or ',' or '-' or '.' or '/' or ':' or '=' or '?' or ' ';

    // The message names the defect only: nothing from the body reaches a log or an answer.
    private static CallbackRejectedException Malformed(string message) => new(message, CallbackRejection.Malformed);
}
