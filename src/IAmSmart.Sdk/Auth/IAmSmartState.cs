using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// Makes and checks the unguessable values that tie a browser redirect or a server callback to the request that
/// started it: <c>state</c> (contract §5.1, §13: 1–36 characters of <c>[A-Za-z0-9_-]</c>, <see cref="IsWellFormed"/>)
/// and <c>businessID</c> (contract §13, addendum §A4.2: "ASCII ≤ 36", <see cref="IsWellFormedBusinessId"/>).
/// </summary>
public static class IAmSmartState
{
    /// <summary>The longest value iAM Smart accepts.</summary>
    public const int MaxLength = 36;

    // 24 random bytes = 192 bits, 32 characters of Base64url: above the 128 bits asked for, within the 36 allowed.
    private const int RandomBytes = 24;

    /// <summary>A new value: 192 random bits as 32 characters of unpadded Base64url.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>Whether <paramref name="value"/> has the form iAM Smart accepts: 1–36 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    /// <param name="value">A state or businessID.</param>
    public static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="value"/> has the form iAM Smart accepts for a <c>businessID</c>: 1–36 printable ASCII
    /// characters, <c>!</c> (0x21) to <c>~</c> (0x7E). This is the one rule for a businessID, for requests and for
    /// correlating callbacks alike, so that a callback is never refused for a businessID its request was allowed.
    /// </summary>
    /// <remarks>
    /// Contract §13 says "≤ 36 ASCII chars" and keeps the letters-digits-<c>_</c>-<c>-</c> charset for <c>state</c>
    /// only; addendum §A4.2 says "ASCII ≤ 36". Control characters are refused (not text; they would reach logs and
    /// headers), and so is the space [I]: a businessID comes back in redirect query strings (anonymous flows), where a
    /// space may be written <c>+</c> or <c>%20</c> or trimmed along the way, so one with a space might not match its
    /// request; and an id typed with a stray leading or trailing space is almost always a mistake.
    /// </remarks>
    /// <param name="value">A businessID.</param>
    public static bool IsWellFormedBusinessId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="actual"/> equals <paramref name="expected"/>, compared in time that does not depend on
    /// where they differ, so that the comparison leaks nothing an attacker could use to guess the value.
    /// </summary>
    /// <param name="expected">The value issued.</param>
    /// <param name="actual">The value received; <see langword="null"/> never matches.</param>
    public static bool FixedTimeEquals(string expected, string? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return actual is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }

    /// <summary>Checks a caller-supplied value and names the parameter when it is wrong.</summary>
    internal static void ThrowIfMalformed(string? value, string parameterName)
    {
        if (!IsWellFormed(value))
        {
            throw new ArgumentException(
                $"{parameterName} must be 1–{MaxLength} characters of letters, digits, '_' or '-' (iAM Smart's rule for state).",
                parameterName);
        }
    }

    /// <summary>Checks a caller-supplied businessID (<see cref="IsWellFormedBusinessId"/>) and names the parameter when it is wrong.</summary>
    internal static void ThrowIfMalformedBusinessId(string? value, string parameterName)
    {
        if (!IsWellFormedBusinessId(value))
        {
            throw new ArgumentException(
                $"{parameterName} must be 1–{MaxLength} printable ASCII characters, without spaces (iAM Smart's rule for businessID).",
                parameterName);
        }
    }
}
