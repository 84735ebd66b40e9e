using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Crypto;

/// <summary>
/// The iAM Smart request signature:
/// <c>URLEncode(Base64(HMAC-SHA256(clientSecret, clientID + "HmacSHA256" + timestamp + nonce + body)))</c>
/// over the exact body string sent (contract §11.1).
/// </summary>
public sealed class HmacSha256RequestSigner : IRequestSigner
{
    /// <summary>The only signature method iAM Smart is known to accept.</summary>
    public const string Method = "HmacSHA256";

    private const int Base64Length = 44; // Base64 of the 32-byte MAC

    private readonly BoundedPool<IncrementalHash> _macs;

    /// <summary>Creates a signer for one client secret.</summary>
    /// <param name="clientSecret">The e-service client secret from the iAM Smart Self-Service Portal.</param>
    public HmacSha256RequestSigner(string clientSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        // S4 uses the secret's ASCII bytes; secrets are hex, so UTF-8 gives the same bytes.
        var key = Encoding.UTF8.GetBytes(clientSecret);
        // An HMAC context costs more to create than to use on a small body; reuse a few.
        _macs = new BoundedPool<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), BoundedPool<IncrementalHash>.DefaultCapacity);
    }

    /// <inheritdoc/>
    public string SignatureMethod => Method;

    /// <inheritdoc/>
    public string Sign(string clientId, string timestamp, string nonce, string body)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(body);

        // The body's exact size and a bound for the short parts, so that each string is encoded once.
        var length = Encoding.UTF8.GetByteCount(body) + Encoding.UTF8.GetMaxByteCount(clientId.Length + Method.Length + timestamp.Length + nonce.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            written += Encoding.UTF8.GetBytes(clientId, rented.AsSpan(written));
            written += Encoding.UTF8.GetBytes(Method, rented.AsSpan(written));
            written += Encoding.UTF8.GetBytes(timestamp, rented.AsSpan(written));
            written += Encoding.UTF8.GetBytes(nonce, rented.AsSpan(written));
            written += Encoding.UTF8.GetBytes(body, rented.AsSpan(written));

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _macs.Rent();
            try
            {
                hmac.AppendData(rented.AsSpan(0, written));
                hmac.GetHashAndReset(mac);
            }
            finally
            {
                _macs.Return(hmac);
            }

            // Base64 holds only A-Z a-z 0-9 + / =; URL encoding escapes the last three as %2B %2F %3D, as Java's URLEncoder does.
            Span<char> base64 = stackalloc char[Base64Length];
            Convert.TryToBase64Chars(mac, base64, out _);
            return Uri.EscapeDataString(base64);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
