using System.Text.RegularExpressions;

namespace IAmSmart.Sdk.Diagnostics;

/// <summary>
/// The one function that removes personal data and secrets from text bound for a log line, an exception message or a
/// trace tag: HKID numbers, the values of JSON members or query parameters that hold names, identifiers, tokens, codes
/// and keys, and long Base64 runs (tokens, keys, ciphertext).
/// </summary>
public static partial class PersonalDataRedactor
{
    /// <summary>What redacted text is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>
    /// Member and parameter names whose values are personal data or secrets. Matched case-insensitively, so
    /// <c>openID</c>, <c>openId</c> and <c>OPENID</c> are all caught.
    /// </summary>
    private static readonly string[] SensitiveNames =
    [
        "accessToken", "openID", "code", "authCode", "secretKey", "clientSecret", "signature", "cert", "pdfSignature",
        "idNo", "Identification", "CheckDigit", "HKICHash", "hkic", "enName", "chName", "chNameVerified", "UnstructuredName",
        "ChineseName", "birthDate", "gender", "prefix", "maritalStatus", "emailAddress", "mobileNumber", "homeTelNumber",
        "officeTelNumber", "SubscriberNumber", "residentialAddress", "postalAddress", "passportNumber", "passportExpiry",
        "content", "state", "ticketID", "password",

        // The e-bill address proof (addendum §A6.1): the whole objects, and their personal members on their own in case
        // a fragment is logged. docFile is also caught as a long Base64 run, but only from 24 characters on.
        "addressDocInfo", "addressDocFile", "enUserName", "tcUserName", "enServiceAddress", "tcServiceAddress",
        "enPostalAddress", "tcPostalAddress", "addressLine1", "addressLine2", "addressLine3", "addressLine4", "docFile",
    ];

    /// <summary>Returns <paramref name="text"/> with personal data and secrets replaced by <see cref="Mask"/>.</summary>
    /// <param name="text">Free text, JSON or a URL; <see langword="null"/> gives an empty string.</param>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = JsonMember().Replace(text, m => IsSensitive(m.Groups["name"].Value) ? $"{m.Groups["prefix"].Value}\"{Mask}\"" : m.Value);
        result = QueryParameter().Replace(result, m => IsSensitive(m.Groups["name"].Value) ? $"{m.Groups["prefix"].Value}{Mask}" : m.Value);
        result = Hkid().Replace(result, Mask);
        result = LongBase64().Replace(result, Mask);
        return result;
    }

    private static bool IsSensitive(string name) => SensitiveNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    // "name": "string" | number | true/false/null | { flat object } | [ flat array ]
    [GeneratedRegex("""(?<prefix>"(?<name>[A-Za-z0-9_\-]+)"\s*:\s*)(?<value>"(?:[^"\\]|\\.)*"|-?\d[\d.eE+\-]*|true|false|null|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\[[^\[\]]*\])""")]
    private static partial Regex JsonMember();

    [GeneratedRegex("""(?<prefix>[?&;\s](?<name>[A-Za-z_]+)=)[^&\s#]*""")]
    private static partial Regex QueryParameter();

    // HKID: one or two letters, six digits, a check digit 0-9 or A, with or without brackets.
    [GeneratedRegex("""\b[A-Za-z]{1,2}\d{6}(?:\(?[0-9Aa]\)?)?""")]
    private static partial Regex Hkid();

    [GeneratedRegex("""[A-Za-z0-9+/]{24,}={0,2}|[A-Za-z0-9%]{40,}""")]
    private static partial Regex LongBase64();
}
