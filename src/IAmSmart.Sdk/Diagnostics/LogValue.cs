using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// Makes a value that an attacker may control safe to write into a log line: a txID only when it has the txID shape,
/// any other text cut to a fixed length with control characters replaced, so nobody can forge log lines (CR/LF) or
/// flood the log with megabytes through one field.
/// </summary>
internal static partial class LogValue
{
    /// <summary>What is logged instead of a txID that does not have the txID shape.</summary>
    public const string Malformed = "(malformed)";

    /// <summary>What is logged for an absent value.</summary>
    public const string None = "(none)";

    /// <summary>The longest txID logged. Real ones are 36 characters (<c>&lt;T=</c> + 32 hex + <c>&gt;</c>).</summary>
    public const int MaxTxIdLength = 64;

    /// <summary>The default cap for other attacker-controlled text.</summary>
    public const int DefaultMaxLength = 64;

    /// <summary>Returns the txID when it has the txID shape, <see cref="Malformed"/> otherwise, <see cref="None"/> when absent.</summary>
    public static string TxId(string? txId)
    {
        if (txId is null)
        {
            return None;
        }

        return txId.Length <= MaxTxIdLength && TxIdShape().IsMatch(txId) ? txId : Malformed;
    }

    /// <summary>
    /// Returns at most <paramref name="maxLength"/> characters of <paramref name="value"/>, each control or format
    /// character (CR, LF, tab, bidi overrides) replaced by <c>?</c>, with <c>…(N chars)</c> appended when cut.
    /// </summary>
    public static string Capped(string? value, int maxLength = DefaultMaxLength)
    {
        if (value is null)
        {
            return None;
        }

        var kept = value.Length <= maxLength ? value : value[..maxLength];
        var chars = kept.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]) || char.GetUnicodeCategory(chars[i]) == System.Globalization.UnicodeCategory.Format)
            {
                chars[i] = '?';
            }
        }

        var safe = new string(chars);
        return value.Length <= maxLength ? safe : $"{safe}…({value.Length} chars)";
    }

    // The txID shape. The contract says "<T=32hex>" [C-doc] and every recorded response and test vector has it; S7 strips
    // the "<T=…>" wrapper, and test doubles use short ids ("<T=1>", "T-1"). Confidence: medium, from documents and
    // recordings, not a specification. So the check is lenient on length and alphabet (letters, digits, '_', '-', with or
    // without the wrapper) and strict only where it matters: no spaces, control characters, quotes or markup can pass.
    [GeneratedRegex("""^(?:<T=[A-Za-z0-9_\-]{1,60}>|[A-Za-z0-9_\-]{1,64})$""", RegexOptions.CultureInvariant)]
    private static partial Regex TxIdShape();
}
