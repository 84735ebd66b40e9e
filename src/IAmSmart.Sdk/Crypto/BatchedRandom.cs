using System.Security.Cryptography;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Bytes from the system CSPRNG, drawn a few kilobytes at a time per thread: one call into the CSPRNG (OpenSSL's
/// <c>RAND_bytes</c> on Linux) costs about as much as the AES-GCM encryption of a small request, and every call needs
/// 12 bytes of IV and 16 of nonce (docs/benchmarks.md). Every byte handed out is fresh CSPRNG output, used once and then
/// wiped from the batch.
/// </summary>
/// <remarks>
/// For values that are random but not secret (IVs, nonces): the batch waits in managed memory until used. Secrets
/// (state values, keys) come from <see cref="RandomNumberGenerator"/> directly.
/// </remarks>
internal static class BatchedRandom
{
    private const int BatchSize = 4096;

    /// <summary>Requests larger than this go to the CSPRNG directly.</summary>
    private const int MaxBatchedRequest = 64;

    [ThreadStatic]
    private static byte[]? t_batch;

    [ThreadStatic]
    private static int t_next;

    /// <summary>Fills <paramref name="destination"/> with fresh random bytes.</summary>
    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > MaxBatchedRequest)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var batch = t_batch ??= new byte[BatchSize];
        if (t_next == 0 || t_next + destination.Length > BatchSize)
        {
            RandomNumberGenerator.Fill(batch);
            t_next = 0;
        }

        var slice = batch.AsSpan(t_next, destination.Length);
        slice.CopyTo(destination);
        slice.Clear(); // never hand out the same bytes twice, even after a fault between here and the next refill
        t_next += destination.Length;
    }
}
