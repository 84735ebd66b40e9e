namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The default <see cref="IRandomSource"/>: the operating system's CSPRNG through
/// <see cref="System.Security.Cryptography.RandomNumberGenerator"/>, drawn a few kilobytes at a time per thread for small
/// requests (each byte handed out once, then wiped from the batch).
/// </summary>
public sealed class SystemRandomSource : IRandomSource
{
    private SystemRandomSource()
    {
    }

    /// <summary>The shared instance; it holds no state of its own.</summary>
    public static SystemRandomSource Instance { get; } = new();

    /// <inheritdoc/>
    public void Fill(Span<byte> destination) => BatchedRandom.Fill(destination);
}
