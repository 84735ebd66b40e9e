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

        // Worst-case size, so the strings are encoded once (they are ASCII in practice: hex, digits and Base64 JSON).
        var length = Encoding.UTF8.GetMaxByteCount(clientId.Length + Method.Length + timestamp.Length + nonce.Length + body.Length);
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

            Span<char> base64 = stackalloc char[SignatureEncoding.Base64Length];
            Convert.TryToBase64Chars(mac, base64, out _);
            return SignatureEncoding.UrlEncodeBase64(base64);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

/// <summary>URL encoding of a Base64 signature as Java's <c>URLEncoder</c> does it: uppercase hex escapes.</summary>
internal static class SignatureEncoding
{
    /// <summary>The length of Base64 text of an HMAC-SHA256 value (32 bytes).</summary>
    public const int Base64Length = 44;

    /// <summary>Escapes the three characters of standard Base64 that are not URL-safe.</summary>
    public static string UrlEncodeBase64(ReadOnlySpan<char> base64)
    {
        // Standard Base64 holds only A-Z a-z 0-9 + / =, so these three are the only characters to escape.
        Span<char> encoded = base64.Length <= Base64Length ? stackalloc char[Base64Length * 3] : new char[base64.Length * 3];
        var length = 0;
        foreach (var c in base64)
        {
            var escape = c switch { '+' => "%2B", '/' => "%2F", '=' => "%3D", _ => null };
            if (escape is null)
            {
                encoded[length++] = c;
            }
            else
            {
                escape.CopyTo(encoded[length..]);
                length += escape.Length;
            }
        }

        return new string(encoded[..length]);
    }
}
