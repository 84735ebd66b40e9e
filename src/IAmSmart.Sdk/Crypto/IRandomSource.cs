namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// Random bytes for values that must be unpredictable but are not secret: the AES-GCM IV of each message and the
/// <c>nonce</c> header of each request. Replace it to draw them from another generator (an HSM, a FIPS module). Keys and
/// other secrets do not come from here.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with fresh random bytes, never the same bytes twice.</summary>
    /// <param name="destination">The bytes to fill.</param>
    void Fill(Span<byte> destination);
}
