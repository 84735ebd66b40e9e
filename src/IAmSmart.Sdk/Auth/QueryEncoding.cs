using System.Text;

namespace IAmSmart.Sdk.Auth;

/// <summary>
/// The one place that writes and reads the query strings of the browser legs (getQR, callbacks, direct login, app links).
/// Writing: RFC 3986 percent-encoding with uppercase <c>%XX</c> and a space as <c>%20</c> (contract §5.1, S4's
/// <c>UrlEncodeWithUpperCase</c>). Reading: each value is percent-decoded exactly once, and a <c>+</c> stays a <c>+</c>.
/// </summary>
/// <remarks>
/// Why <c>+</c> is not a space: RFC 3986 gives <c>+</c> no special meaning in a query; only HTML form encoding
/// (<c>application/x-www-form-urlencoded</c>) turns it into a space. iAM Smart codes and openIDs are Base64-like and
/// contain <c>+</c>, <c>/</c> and <c>=</c> but never a space (contract §5.3, §17 item 5), so reading <c>+</c> as a space
/// would corrupt them and getToken would answer D40004. A <c>%2B</c> decodes to <c>+</c> too, so both spellings give
/// the same code.
/// </remarks>
internal static class QueryEncoding
{
    /// <summary>Percent-encodes a query value: unreserved characters stay, everything else becomes uppercase <c>%XX</c> of its UTF-8 bytes.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>Appends <c>name=value</c> to a query being built, with <c>?</c> or <c>&amp;</c> as needed.</summary>
    public static void Append(StringBuilder query, string name, string value)
    {
        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Encode(value));
    }

    /// <summary>
    /// Reads a raw query (with or without its leading <c>?</c>, or a whole URL) into name/value pairs, each decoded once.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter appears twice: a callback with two <c>state</c> or <c>code</c> values is not trusted.</exception>
    public static Dictionary<string, string> Parse(string? rawQuery, string parameterName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(rawQuery))
        {
            return result;
        }

        var query = rawQuery.AsSpan();
        var questionMark = query.IndexOf('?');
        if (questionMark >= 0)
        {
            query = query[(questionMark + 1)..];
        }

        var fragment = query.IndexOf('#');
        if (fragment >= 0)
        {
            query = query[..fragment];
        }

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair.ToString() : pair[..equals].ToString());
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].ToString());
            if (!result.TryAdd(name, value))
            {
                // The name is not echoed: it is the sender's text, and this message may reach a log.
                throw new ArgumentException("The query has a parameter more than once; it is not trusted.", parameterName);
            }
        }

        return result;
    }
}
