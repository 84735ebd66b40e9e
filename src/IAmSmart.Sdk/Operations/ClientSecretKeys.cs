using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// The one way the SDK derives a key from the client secret (every instance of the e-service has it, a shared store does
/// not): HMAC-SHA256 of a purpose label under the secret, so that each purpose gets a key of its own.
/// </summary>
internal static class ClientSecretKeys
{
    /// <summary>A 32-byte key for <paramref name="purpose"/>, a label no other use shares.</summary>
    public static byte[] Derive(string clientSecret, ReadOnlySpan<byte> purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), purpose);
    }
}
