namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>
/// The Hong Kong identity card check digit: letters A–Z count 10–35 and a leading space (single-letter numbers) 36;
/// the 8 characters are weighted 9 down to 2; the check is 11 − (sum mod 11), written <c>A</c> for 10 and <c>0</c> for 11.
/// </summary>
public static class HkidCheckDigit
{
    /// <summary>Computes the check digit of an identifier such as <c>A123456</c> or <c>XA301742</c>.</summary>
    /// <param name="identification">One or two upper-case letters then six digits, without the check digit.</param>
    /// <exception cref="ArgumentException">The identifier is not one or two letters followed by six digits.</exception>
    public static char Compute(string identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        if (!IsWellFormed(identification))
        {
            throw new ArgumentException("An HKID identifier is one or two letters A-Z followed by six digits.", nameof(identification));
        }

        // Single-letter identifiers are padded on the left with a space, which counts 36.
        var padded = identification.Length == 7 ? " " + identification : identification;
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = padded[i];
            var value = c switch
            {
                ' ' => 36,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => c - '0',
            };
            sum += value * (9 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'A',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    /// <summary>Whether <paramref name="checkDigit"/> is the right check digit for <paramref name="identification"/>.</summary>
    /// <param name="identification">The identifier without the check digit.</param>
    /// <param name="checkDigit">The check digit, <c>0</c>–<c>9</c> or <c>A</c>.</param>
    public static bool IsValid(string identification, string checkDigit)
        => identification is not null && checkDigit is { Length: 1 } && IsWellFormed(identification) && Compute(identification) == char.ToUpperInvariant(checkDigit[0]);

    private static bool IsWellFormed(string identification)
    {
        if (identification.Length is not (7 or 8))
        {
            return false;
        }

        var letters = identification.Length - 6;
        for (var i = 0; i < identification.Length; i++)
        {
            var c = identification[i];
            var ok = i < letters ? c is >= 'A' and <= 'Z' : c is >= '0' and <= '9';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
