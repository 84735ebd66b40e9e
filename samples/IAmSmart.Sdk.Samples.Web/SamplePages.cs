using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using IAmSmart.Sdk.AspNetCore;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Samples.Web;

/// <summary>
/// The sample's pages as plain HTML, no scripts. Everything that comes from a request or a claim is HTML-encoded. The
/// pages show what the login established (account type, scopes, token expiry), never personal data, and the openID
/// only masked: it identifies the person to this bank, so it belongs in the bank's records, not on screen.
/// </summary>
internal static class SamplePages
{
    private const string BankName = "Example Bank";

    private const string Style = """
        <style>
          body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1d2b36}
          header{border-bottom:3px solid #2b6b57;margin-bottom:1.5rem}
          .demo{background:#fff3cd;border:1px solid #e0c36a;padding:.6rem 1rem;border-radius:6px}
          .button{display:inline-block;background:#2b6b57;color:#fff;text-decoration:none;border:0;border-radius:6px;padding:.7rem 1.2rem;font-size:1rem;cursor:pointer}
          .secondary{background:#5b6770}
          dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}dd{margin:0}
          .error{border-left:4px solid #b3261e;padding:.2rem 1rem}
          code{background:#eef1f3;padding:0 .25rem;border-radius:3px}
        </style>
        """;

    public static string Home(ClaimsPrincipal user, Uri? simulatorAddress)
    {
        var body = new StringBuilder();
        if (simulatorAddress is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <p class="demo" id="simulator-banner">Demo mode: "iAM Smart" here is the SDK's simulator at <code>{Encode(simulatorAddress.AbsoluteUri)}</code>,
                with invented personas. It is not the real iAM Smart.</p>
                """);
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            body.Append("""
                <h2>Welcome</h2>
                <p>Log in to online banking with your iAM Smart app: no password to remember.</p>
                <p><a class="button" id="login" href="/login">Log in with iAM Smart</a></p>
                """);
            return Page("Welcome", body.ToString());
        }

        var scopes = user.FindAll(IAmSmartClaimTypes.Scope).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h2 id="signed-in">You are logged in with iAM Smart</h2>
            <dl>
              <dt>Account type</dt><dd id="user-type">{Encode(DescribeUserType(user.FindFirst(IAmSmartClaimTypes.UserType)?.Value))}</dd>
              <dt>Scopes granted</dt><dd><ul id="scopes">{string.Concat(scopes.Select(s => $"<li><code>{Encode(s)}</code></li>"))}</ul></dd>
              <dt>Session ends</dt><dd id="token-expires">{Encode(DescribeExpiry(user.FindFirst(IAmSmartClaimTypes.TokenExpiresAt)?.Value))}</dd>
              <dt>iAM Smart reference</dt><dd id="account-ref"><code>{Encode(MaskOpenId(user.FindFirst(ClaimTypes.NameIdentifier)?.Value))}</code> (masked)</dd>
            </dl>
            <p>The bank now links this iAM Smart reference to the customer's accounts. No personal data was shared:
            that needs the customer's consent again, per request (profile, e-ME form filling).</p>
            <form method="post" action="/logout"><button class="button secondary" id="logout" type="submit">Log out</button></form>
            """);
        return Page("Your session", body.ToString());
    }

    public static string LoginFailed(string? code)
    {
        // Only codes from the SDK's table are shown; anything else in the query string is ignored, never echoed.
        var known = ReturnCodes.TryGet(code, out var info) ? info : null;
        var message = known?.Outcome switch
        {
            UserOutcome.Cancelled => "You cancelled the login in the iAM Smart app. Nothing was shared with the bank.",
            UserOutcome.Rejected => "The login was declined in the iAM Smart app. Nothing was shared with the bank.",
            UserOutcome.TimedOut => "The login request expired before it was approved in the iAM Smart app.",
            UserOutcome.Failed => "iAM Smart could not confirm your identity.",
            _ when known is not null => "iAM Smart could not complete the login. Please try again later.",
            _ => "The login could not be completed. It may have expired, or been started in another browser window.",
        };

        var detail = known is null
            ? string.Empty
            : $"""<p>iAM Smart code: <code id="error-code">{Encode(known.Code)}</code> ({Encode(known.Meaning)})</p>""";
        return Page("Login not completed", $"""
            <div class="error">
              <h2>Login not completed</h2>
              <p id="error-message">{Encode(message)}</p>
              {detail}
            </div>
            <p><a class="button" id="retry" href="/login">Try again</a> <a href="/">Back to the home page</a></p>
            """);
    }

    public static string ConfirmLogout() => Page("Log out", """
        <h2>Log out</h2>
        <form method="post" action="/logout"><button class="button secondary" id="logout" type="submit">Log out</button></form>
        <p><a href="/">Back to the home page</a></p>
        """);

    public static string UnexpectedError() => Page("Something went wrong", """
        <h2>Something went wrong</h2>
        <p>Please try again later.</p>
        <p><a href="/">Back to the home page</a></p>
        """);

    /// <summary>
    /// Keeps the first few characters, enough to compare references with support, and hides the rest. Not the end:
    /// openIDs are URL-encoded Base64, so their last characters are mostly padding (<c>%3D</c>).
    /// </summary>
    internal static string MaskOpenId(string? openId)
        => openId is null || openId.Length < 16 ? "••••••••" : $"{openId[..6]}••••••••";

    // The handler issues "sign" (iAM Smart+, can sign) or "default" (iAM Smart); name them as the SDK's enum does.
    private static string DescribeUserType(string? claim) => claim switch
    {
        "sign" => $"iAM Smart+ ({nameof(IAmSmartUserType.SigningCapable)}): can also sign documents",
        "default" => $"iAM Smart ({nameof(IAmSmartUserType.Standard)}): cannot sign documents",
        _ => $"unknown ({nameof(IAmSmartUserType.Unknown)})",
    };

    private static string DescribeExpiry(string? claim)
        => DateTimeOffset.TryParse(claim, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry)
            ? expiry.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + " (when the iAM Smart token expires)"
            : "unknown";

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)} · {BankName}</title>{Style}</head>
        <body><header><h1>{BankName} online banking</h1></header>
        {body}
        </body></html>
        """;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
