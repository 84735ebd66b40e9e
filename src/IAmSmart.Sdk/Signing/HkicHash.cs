using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// The <c>HKICHash</c> sent with a signing request so that only the intended person can sign:
/// <c>Base64(SHA-256(UTF-8(identifier without check digit)))</c>, for example the hash of <c>A123456</c> for
/// <c>A123456(3)</c> (contract §11.4).
/// </summary>
public static partial class HkicHash
{
    /// <summary>Computes the hash of an HKID number given with or without its check digit.</summary>
    /// <param name="hkic">For example <c>A123456(3)</c>, <c>A1234563</c> or <c>A123456</c>; case and surrounding spaces are ignored.</param>
    /// <exception cref="ArgumentException">The value is not an HKID number. The message does not repeat it.</exception>
    public static string Compute(string hkic)
    {
        ArgumentNullException.ThrowIfNull(hkic);
        var match = HkidPattern().Match(hkic.Trim().ToUpperInvariant());
        if (!match.Success)
        {
            throw new ArgumentException("The value is not an HKID number (one or two letters, six digits, optionally a check digit).", nameof(hkic));
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups["id"].Value), digest);
        return Convert.ToBase64String(digest);
    }

    [GeneratedRegex(@"^(?<id>[A-Z]{1,2}[0-9]{6})(?:\(?(?<check>[0-9A])\)?)?$")]
    private static partial Regex HkidPattern();
}
