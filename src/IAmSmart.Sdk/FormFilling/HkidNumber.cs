using System.Diagnostics.CodeAnalysis;
using IAmSmart.Sdk.Signing;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>Why a text is not a valid HKID number (see <see cref="HkidNumber.TryParse(string?, out HkidNumber?, out HkidParseError)"/>).</summary>
public enum HkidParseError
{
    /// <summary>The text is a valid HKID number.</summary>
    None,

    /// <summary>The text is null, empty or white space.</summary>
    Empty,

    /// <summary>The text is not one or two letters, six digits and a check digit (with or without brackets).</summary>
    InvalidFormat,

    /// <summary>The text has the right shape, but its check digit does not match the identifier.</summary>
    CheckDigitMismatch,
}

/// <summary>
/// A Hong Kong Identity Card number with a valid check digit, such as <c>A123456(3)</c> or <c>XA123456(8)</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="ToString"/> masks the number (<c>A123***(*)</c>), so an <see cref="HkidNumber"/> that reaches a log line or
/// an interpolated string does not reveal it. Call <see cref="Format"/> to reveal the full number on purpose.
/// </para>
/// <para>
/// The check digit: the identifier is padded on the left to eight positions (a one-letter identifier gets a space, valued
/// 36); letters count 10 (A) to 35 (Z) and digits their value; the positions are weighted 9 to 2; the check digit is
/// <c>(11 − sum mod 11) mod 11</c>, written <c>A</c> for 10.
/// </para>
/// </remarks>
public sealed class HkidNumber : IEquatable<HkidNumber>
{
    private const int DigitCount = 6;

    private HkidNumber(string identifier, char checkDigit)
    {
        Identifier = identifier;
        CheckDigit = checkDigit;
    }

    /// <summary>The identifier without the check digit, upper case, for example <c>A123456</c>.</summary>
    public string Identifier { get; }

    /// <summary>The check digit, <c>0</c>–<c>9</c> or <c>A</c>.</summary>
    public char CheckDigit { get; }

    /// <summary>The letter prefix, one or two upper-case letters, for example <c>A</c> or <c>XA</c>.</summary>
    public string Prefix => Identifier[..^DigitCount];

    /// <summary>Parses an HKID number.</summary>
    /// <param name="s">
    /// For example <c>A123456(3)</c>, <c>A1234563</c>, <c>A123456 (3)</c> or <c>XA123456(8)</c>; case and surrounding white
    /// space are ignored.
    /// </param>
    /// <exception cref="FormatException">The text is not a valid HKID number. The message says why and never repeats the text.</exception>
    public static HkidNumber Parse(string s)
        => TryParse(s, out var result, out var error) ? result : throw new FormatException(Describe(error));

    /// <summary>Tries to parse an HKID number (see <see cref="Parse(string)"/>).</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The number, when the text is valid.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out HkidNumber? result) => TryParse(s, out result, out _);

    /// <summary>Tries to parse an HKID number and says why it failed, for a form's validation message.</summary>
    /// <param name="s">The text to parse.</param>
    /// <param name="result">The number, when the text is valid.</param>
    /// <param name="error">Why the text is not valid; <see cref="HkidParseError.None"/> when it is.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out HkidNumber? result, out HkidParseError error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = HkidParseError.Empty;
            return false;
        }

        if (!TrySplit(s.AsSpan().Trim(), out var identifier, out var checkDigit))
        {
            error = HkidParseError.InvalidFormat;
            return false;
        }

        if (ComputeCheckDigitCore(identifier) != checkDigit)
        {
            error = HkidParseError.CheckDigitMismatch;
            return false;
        }

        error = HkidParseError.None;
        result = new HkidNumber(identifier, checkDigit);
        return true;
    }

    /// <summary>
    /// Tries to build an HKID number from the two parts iAM Smart sends in <c>idNo</c>: <c>Identification</c> and
    /// <c>CheckDigit</c>. A missing check digit is looked for at the end of the identification.
    /// </summary>
    /// <param name="identification">For example <c>A123456</c>.</param>
    /// <param name="checkDigit">For example <c>3</c>; may be <see langword="null"/>.</param>
    /// <param name="result">The number, when the parts make a valid one.</param>
    public static bool TryFromParts(string? identification, string? checkDigit, [NotNullWhen(true)] out HkidNumber? result)
    {
        if (string.IsNullOrWhiteSpace(checkDigit))
        {
            return TryParse(identification, out result);
        }

        result = null;
        return !string.IsNullOrWhiteSpace(identification) && TryParse($"{identification.Trim()}({checkDigit.Trim()})", out result);
    }

    /// <summary>
    /// Computes the check digit of an identifier (one or two letters and six digits, such as <c>A123456</c>). Useful to
    /// make valid invented numbers for tests.
    /// </summary>
    /// <param name="identifier">The identifier without its check digit; case is ignored.</param>
    /// <returns><c>0</c>–<c>9</c> or <c>A</c>.</returns>
    /// <exception cref="FormatException">The text is not one or two letters and six digits. The message never repeats it.</exception>
    public static char ComputeCheckDigit(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var normalized = identifier.Trim().ToUpperInvariant();
        return IsIdentifier(normalized)
            ? ComputeCheckDigitCore(normalized)
            : throw new FormatException("The value is not an HKID identifier (one or two letters and six digits).");
    }

    /// <summary>The full number with the check digit in brackets, for example <c>A123456(3)</c>. This reveals personal data.</summary>
    public string Format() => $"{Identifier}({CheckDigit})";

    /// <summary>The full number without brackets, for example <c>A1234563</c>. This reveals personal data.</summary>
    public string FormatCompact() => $"{Identifier}{CheckDigit}";

    /// <summary>
    /// The <c>HKICHash</c> of this number for a signing request (contract §11.4): Base64 of SHA-256 over the identifier
    /// without the check digit.
    /// </summary>
    public string ComputeHkicHash() => HkicHash.Compute(Identifier);

    /// <summary>The masked number: the prefix and the first three digits, for example <c>A123***(*)</c>.</summary>
    public override string ToString() => $"{Identifier[..(Prefix.Length + 3)]}***(*)";

    /// <inheritdoc />
    public bool Equals(HkidNumber? other) => other is not null && string.Equals(Identifier, other.Identifier, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HkidNumber);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Identifier);

    /// <summary>Whether two numbers are the same.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    public static bool operator ==(HkidNumber? left, HkidNumber? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two numbers differ.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">Another number.</param>
    public static bool operator !=(HkidNumber? left, HkidNumber? right) => !(left == right);

    private static string Describe(HkidParseError error) => error switch
    {
        HkidParseError.Empty => "The HKID number is empty.",
        HkidParseError.CheckDigitMismatch => "The HKID number's check digit does not match its identifier.",
        _ => "The value is not an HKID number: expected one or two letters, six digits and a check digit (0-9 or A), for example A123456(3).",
    };

    // Accepts LLdddddd followed by C, (C) or " (C)"; any white space only before the bracket and inside it.
    private static bool TrySplit(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? identifier, out char checkDigit)
    {
        identifier = null;
        checkDigit = '\0';
        var letters = 0;
        while (letters < text.Length && char.IsAsciiLetter(text[letters]))
        {
            letters++;
        }

        var identifierLength = letters + DigitCount;
        if (letters is < 1 or > 2 || text.Length <= identifierLength)
        {
            return false;
        }

        for (var i = letters; i < identifierLength; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var rest = text[identifierLength..];
        if (rest.Length == 1)
        {
            checkDigit = char.ToUpperInvariant(rest[0]);
        }
        else
        {
            rest = rest.TrimStart();
            if (rest.Length < 3 || rest[0] != '(' || rest[^1] != ')')
            {
                return false;
            }

            var inner = rest[1..^1].Trim();
            if (inner.Length != 1)
            {
                return false;
            }

            checkDigit = char.ToUpperInvariant(inner[0]);
        }

        if (!char.IsAsciiDigit(checkDigit) && checkDigit != 'A')
        {
            return false;
        }

        identifier = text[..identifierLength].ToString().ToUpperInvariant();
        return true;
    }

    private static bool IsIdentifier(string value)
    {
        var letters = value.Length - DigitCount;
        if (letters is < 1 or > 2)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (i < letters ? !char.IsAsciiLetterUpper(value[i]) : !char.IsAsciiDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    // identifier: validated, upper case, 7 or 8 characters.
    private static char ComputeCheckDigitCore(string identifier)
    {
        const int SpaceValue = 36;
        var sum = identifier.Length == 7 ? SpaceValue * 9 : 0;
        var weight = identifier.Length == 7 ? 8 : 9;
        foreach (var c in identifier)
        {
            sum += (char.IsAsciiLetter(c) ? c - 'A' + 10 : c - '0') * weight--;
        }

        var check = (11 - (sum % 11)) % 11;
        return check == 10 ? 'A' : (char)('0' + check);
    }
}
