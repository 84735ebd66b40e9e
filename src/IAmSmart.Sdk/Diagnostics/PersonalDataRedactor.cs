using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// The one function that removes personal data and secrets from text bound for a log line, an exception message or a
/// trace tag. JSON (a whole document, or JSON inside other text, even cut off) is redacted by an allow-list: every
/// value at any depth is masked except those of a few named members that carry no personal data (<c>code</c>,
/// <c>message</c>, <c>txID</c>, <c>status</c>, <c>expiresIn</c>, <c>issueAt</c>), and even those only when the value
/// has their expected shape. In the rest of the text, HKID numbers, the values of query parameters that hold names,
/// identifiers, tokens, codes and keys, and long Base64 runs (tokens, keys, ciphertext) are masked.
/// </summary>
/// <remarks>
/// Why an allow-list for JSON: the e-ME and address-proof models grow (nested addresses, bill-holder names, arrays of
/// lines), and a list of personal member names is always one release behind. Member names are kept, so a line still
/// shows which fields were there. <c>null</c> is kept too: an absent value discloses nothing and helps diagnosis.
/// <c>businessID</c> and <c>state</c> are masked: a failure callback is correlated by its <c>businessID</c> alone, so it
/// is a secret while the operation is pending.
/// </remarks>
public static partial class PersonalDataRedactor
{
    /// <summary>What redacted text is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>
    /// Query parameter names whose values are personal data or secrets (free text and URLs). Matched
    /// case-insensitively, so <c>openID</c>, <c>openId</c> and <c>OPENID</c> are all caught.
    /// </summary>
    private static readonly string[] SensitiveQueryNames =
    [
        "accessToken", "openID", "code", "authCode", "secretKey", "clientSecret", "signature", "cert", "pdfSignature",
        "idNo", "Identification", "CheckDigit", "HKICHash", "hkic", "enName", "chName", "chNameVerified", "UnstructuredName",
        "ChineseName", "birthDate", "gender", "prefix", "maritalStatus", "emailAddress", "mobileNumber", "homeTelNumber",
        "officeTelNumber", "SubscriberNumber", "residentialAddress", "postalAddress", "passportNumber", "passportExpiry",
        "content", "state", "ticketID", "password", "businessID", "code_verifier", "enUserName", "tcUserName", "docFile",
    ];

    /// <summary>Returns <paramref name="text"/> with personal data and secrets replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">Free text, JSON or a URL; <see langword="null"/> gives an empty string.</param>
    public static string Redact(string? text) => Redact(text, depth: 0);

    private static string Redact(string? text, int depth)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Each JSON value in the text (there may be several, or one cut off) goes through the JSON rules, the text
        // between them through the free-text rules. A loop, not recursion: the count of values is the sender's.
        var redacted = new StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var json = JsonStart().Match(text, position);
            if (!json.Success)
            {
                redacted.Append(RedactFreeText(text[position..]));
                break;
            }

            redacted.Append(RedactFreeText(text[position..json.Index]));
            position = RedactJson(text, json.Index, redacted, depth);
        }

        return redacted.ToString();
    }

    private static string RedactFreeText(string text)
    {
        var result = QueryParameter().Replace(text, m => IsSensitiveQueryName(m.Groups["name"].Value) ? $"{m.Groups["prefix"].Value}{Mask}" : m.Value);
        result = Hkid().Replace(result, Mask);
        return LongBase64().Replace(result, Mask);
    }

    private static bool IsSensitiveQueryName(string name) => SensitiveQueryNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A tolerant JSON scanner: it needs no well-formed document, so a fragment cut off mid-value (a truncated log line,
    /// an exception message quoting part of a body) is redacted as well as a whole one. A string followed by a colon is
    /// a member name and stays; every other string, number and literal is a value and is masked unless it is the direct
    /// value of an allowed member and has that member's shape. Returns where the value ended: after the bracket that
    /// closes the outermost container, or at the end of the text.
    /// </summary>
    private static int RedactJson(string text, int start, StringBuilder output, int depth)
    {
        var json = text.AsSpan();
        string? lastName = null;
        string? valueOwner = null;
        var nesting = 0;
        var i = start;
        while (i < json.Length)
        {
            var c = json[i];
            if (c == '"')
            {
                var (end, terminated) = StringEnd(json, i);
                var raw = terminated ? json[(i + 1)..(end - 1)] : [];
                var next = end;
                while (next < json.Length && char.IsWhiteSpace(json[next]))
                {
                    next++;
                }

                if (terminated && next < json.Length && json[next] == ':')
                {
                    lastName = raw.ToString();
                    output.Append(json[i..end]);
                }
                else
                {
                    output.Append('"').Append(terminated ? SafeString(valueOwner, raw, depth) ?? Mask : Mask).Append('"');
                    valueOwner = null;
                }

                i = end;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                var end = i;
                while (end < json.Length && (char.IsAsciiLetterOrDigit(json[end]) || json[end] is '-' or '+' or '.'))
                {
                    end++;
                }

                var literal = json[i..end];
                if (literal is "null" || SafeLiteral(valueOwner, literal))
                {
                    output.Append(literal);
                }
                else
                {
                    output.Append('"').Append(Mask).Append('"');
                }

                valueOwner = null;
                i = end;
            }
            else
            {
                output.Append(c);
                i++;
                valueOwner = c == ':' ? lastName : c is ',' or '{' or '[' ? null : valueOwner;
                nesting += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
                if (c is '}' or ']' && nesting <= 0)
                {
                    return i;
                }
            }
        }

        return i;
    }

    // Just past the closing quote of the string opening at start, or the end of the text when it is cut off.
    private static (int End, bool Terminated) StringEnd(ReadOnlySpan<char> json, int start)
    {
        for (var j = start + 1; j < json.Length; j++)
        {
            if (json[j] == '\\')
            {
                j++;
            }
            else if (json[j] == '"')
            {
                return (j + 1, true);
            }
        }

        return (json.Length, false);
    }

    // The allowed members, each with the shape its value must have to be kept; the message is free text and gets the
    // free-text rules (and its own JSON, if it quotes some, the JSON rules).
    private static string? SafeString(string? member, ReadOnlySpan<char> raw, int depth)
    {
        switch (member)
        {
            case "txID":
                return LogValue.TxId(raw.ToString()) is var txId && txId != LogValue.Malformed && txId != LogValue.None ? txId : null;
            case "code":
                return ReturnCode().IsMatch(raw) ? raw.ToString() : null;
            case "status" or "expiresIn" or "issueAt":
                return ShortWord().IsMatch(raw) ? raw.ToString() : null;
            case "message" when depth < 2:
                var text = raw.Contains('\\') ? Unescape(raw) : raw.ToString();
                return text is null ? null : JsonEncodedText.Encode(Redact(text, depth + 1)).ToString();
            default:
                return null;
        }
    }

    private static bool SafeLiteral(string? member, ReadOnlySpan<char> literal)
        => member is "status" or "expiresIn" or "issueAt" && ShortWord().IsMatch(literal);

    private static string? Unescape(ReadOnlySpan<char> raw)
    {
        try
        {
            using var document = JsonDocument.Parse($"\"{raw.ToString()}\"");
            return document.RootElement.GetString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Where JSON starts in a text: an object or array opening on a string or another container, or a member name.
    [GeneratedRegex("""[\{\[]\s*["\{\[]|"[^"\\\r\n]{0,64}"\s*:""")]
    private static partial Regex JsonStart();

    // An iAM Smart return code (D00000, D40004, M10001, S00001); an auth code is longer and is masked.
    [GeneratedRegex("""^[A-Za-z]{1,2}[0-9]{4,6}$""")]
    private static partial Regex ReturnCode();

    [GeneratedRegex("""^[A-Za-z0-9_.\-]{1,32}$""")]
    private static partial Regex ShortWord();

    [GeneratedRegex("""(?<prefix>[?&;\s](?<name>[A-Za-z_]+)=)[^&\s#]*""")]
    private static partial Regex QueryParameter();

    // HKID: one or two letters, six digits, a check digit 0-9 or A, with or without brackets.
    [GeneratedRegex("""\b[A-Za-z]{1,2}\d{6}(?:\(?[0-9Aa]\)?)?""")]
    private static partial Regex Hkid();

    [GeneratedRegex("""[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9%]{40,}""")]
    private static partial Regex LongBase64();
}
