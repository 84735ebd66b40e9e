using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The 4-digit sign code (identification code) that the e-service page and the iAM Smart app both show, so that the user
/// can tell the request in the app is the one on the page (contract §11.4). iAM Smart returns it from every signing
/// <c>initiateRequest</c> (<see cref="SigningInitiation.SignCode"/>): show that one.
/// </summary>
/// <remarks>
/// [I] The computations here are those of one production client (S4); whether they always give the server's value is not
/// verified. Use them only to cross-check, or when an answer carries no <c>signCode</c>.
/// </remarks>
public static class SignCode
{
    /// <summary>
    /// The code of a signing with login [I]: <c>MD5(SHA-512(SHA-256(hashCode) ‖ SHA-256(openID)))</c>, then four digits
    /// (below). The strings are hashed as UTF-8, exactly as sent.
    /// </summary>
    /// <param name="digest">The <c>hashCode</c> or <c>docDigest</c> sent (Base64 text).</param>
    /// <param name="openId">The user's openID, exactly as iAM Smart sent it.</param>
    public static string ComputeWithLogin(string digest, string openId)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentException.ThrowIfNullOrEmpty(openId);
        Span<byte> input = stackalloc byte[2 * SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(digest), input[..SHA256.HashSizeInBytes]);
        SHA256.HashData(Encoding.UTF8.GetBytes(openId), input[SHA256.HashSizeInBytes..]);
        return Digits(input);
    }

    /// <summary>The code of a signing without login [I]: <c>MD5(SHA-512(digest ‖ HKICHash ‖ clientID))</c> over the UTF-8 text, then four digits.</summary>
    /// <param name="digest">The <c>hashCode</c> or <c>docDigest</c> sent (Base64 text).</param>
    /// <param name="hkicHash">The <c>HKICHash</c> sent.</param>
    /// <param name="clientId">The e-service client ID.</param>
    public static string ComputeAnonymous(string digest, string hkicHash, string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentException.ThrowIfNullOrEmpty(hkicHash);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return Digits(Encoding.UTF8.GetBytes(string.Concat(digest, hkicHash, clientId)));
    }

    // Digit i is the high nibble of MD5 byte 4i, modulo 10 (S4 CodeUtils).
    private static string Digits(ReadOnlySpan<byte> input)
    {
        Span<byte> sha512 = stackalloc byte[SHA512.HashSizeInBytes];
        SHA512.HashData(input, sha512);
#pragma warning disable CA5351 // MD5 is what the sign-code scheme uses; the code is a visual check, not a security control.
        var md5 = MD5.HashData(sha512);
#pragma warning restore CA5351
        Span<char> digits = stackalloc char[4];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + (((md5[i * 4] >> 4) & 0xF) % 10));
        }

        return digits.ToString();
    }
}
