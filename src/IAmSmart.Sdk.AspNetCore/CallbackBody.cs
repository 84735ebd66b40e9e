using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IAmSmart.Sdk.AspNetCore;

/// <summary>
/// A callback body read into one pooled buffer: sized once by <c>Content-Length</c> when the caller sends it, grown by
/// doubling (still pooled) when it does not, and never past the limit. Disposing clears the buffer and returns it, so
/// a burst of large callbacks reuses memory instead of allocating a <see cref="MemoryStream"/> and a copy per request.
/// </summary>
internal sealed class CallbackBody : IDisposable
{
    private const int ChunkedStartSize = 16 * 1024;

    private byte[] _buffer;
    private int _length;

    private CallbackBody(byte[] buffer) => _buffer = buffer;

    /// <summary>The bytes read.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <summary>Reads the whole body; <see langword="null"/> when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<CallbackBody?> ReadAsync(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var declared = context.Request.ContentLength;
        var body = new CallbackBody(ArrayPool<byte>.Shared.Rent((int)Math.Min(declared ?? ChunkedStartSize, limit) + 1));
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length && !body.Grow(limit))
                {
                    body.Dispose();
                    return null;
                }

                var read = await context.Request.Body.ReadAsync(body._buffer.AsMemory(body._length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return body;
                }

                body._length += read;
                if (body._length > limit)
                {
                    body.Dispose();
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return null;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            Return(_buffer, _length);
            _buffer = [];
            _length = 0;
        }
    }

    // Cleared here, not with clearArray: the pool drops an array over its cap without clearing it (as the core's SecretBuffers).
    private static void Return(byte[] buffer, int used)
    {
        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, used));
        ArrayPool<byte>.Shared.Return(buffer);
    }

    // One byte past the limit is enough to tell "too large" from "exactly the limit".
    private bool Grow(long limit)
    {
        if (_buffer.Length > limit)
        {
            return false;
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, limit + 1));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        Return(_buffer, _length);
        _buffer = larger;
        return true;
    }
}
