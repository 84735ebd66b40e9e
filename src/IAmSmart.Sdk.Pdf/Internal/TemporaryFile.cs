namespace IAmSmart.Sdk.Pdf.Internal;

/// <summary>
/// A copy of a non-seekable stream on local disk, for the stream-to-stream prepare, whose parser needs to seek: a file
/// keeps memory bounded where a buffer in memory would hold the whole document.
/// </summary>
internal static class TemporaryFile
{
    /// <summary>
    /// Copies <paramref name="head"/> (bytes already read from <paramref name="source"/>, so that the caller can check
    /// them before anything reaches the disk), then <paramref name="source"/> from its position to its end, into a new
    /// temporary file and returns that file at position 0. The file is made by <see cref="Path.GetTempFileName"/>
    /// (mode 0600, owner-only, on .NET on Unix; elsewhere the temporary folder's permissions apply) and deleted when the
    /// returned stream is disposed, or here if the copy fails, is cancelled or runs past <paramref name="maxLength"/>.
    /// </summary>
    /// <exception cref="PdfSigningException">The input is longer than <paramref name="maxLength"/>: stopped there, not read to its end.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1835:Prefer the memory-based overloads", Justification = "The array overloads exist on every target this package is heading for, netstandard2.0 included; the Memory ones do not there.")]
    public static async Task<FileStream> CopyAsync(ReadOnlyMemory<byte> head, Stream source, long maxLength, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        FileStream file;
        try
        {
            // No FileStream buffer: the copy and the parser read and write whole chunks or exact ranges.
            file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        var chunk = StreamReading.RentChunk();
        try
        {
            // Counted as it comes: a source that never ends must not fill the disk.
            long total = head.Length;
            if (total > maxLength)
            {
                throw StreamReading.TooLarge();
            }

            await file.WriteAsync(head, cancellationToken);
            int read;
            while ((read = await source.ReadAsync(chunk, 0, StreamReading.ChunkSize, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxLength)
                {
                    throw StreamReading.TooLarge();
                }

                await file.WriteAsync(chunk, 0, read, cancellationToken);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            StreamReading.Return(chunk);
        }
    }
}
