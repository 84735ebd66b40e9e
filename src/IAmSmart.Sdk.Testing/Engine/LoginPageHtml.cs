using System.Net;
using System.Text;
using IAmSmart.Sdk.Testing.Personas;
using QRCoder;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>The simulator's HTML pages: the login (QR) page where a tester picks a persona and decides, and an index.</summary>
internal static class LoginPageHtml
{
    private const string Style = """
        <style>
          body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2b36}
          .banner{background:#fff3cd;border:1px solid #e0c36a;padding:.6rem 1rem;border-radius:6px}
          img.qr{width:220px;height:220px;image-rendering:pixelated;border:1px solid #ccc}
          select,button{font-size:1rem;padding:.4rem .8rem;margin:.3rem .3rem .3rem 0}
          table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
        </style>
        """;

    public static string Render(SimulatorEngine.LoginSession session, IEnumerable<SimulatorPersona> personas)
    {
        // What the real page encodes is not public; a testing-app deep link with the session as ticket is close enough [G].
        var qrPng = QrPng($"hk.gov.iamsmart.testapp://auth?ticketID={session.Id}");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>iAM Smart simulator: log in</title>").Append(Style).Append("</head><body>");
        html.Append("<p class=\"banner\">IAmSmart.Sdk <strong>simulator</strong>: not the real iAM Smart. Every persona is invented.</p>");
        html.Append("<h1>Log in with iAM Smart</h1>");
        html.Append("<p>Scopes requested: <code>").Append(Encode(string.Join(' ', session.Scopes))).Append("</code>");
        if (session.TicketId is not null)
        {
            html.Append(" (anonymous request)");
        }

        html.Append("</p>");
        html.Append("<img class=\"qr\" alt=\"QR code for the iAM Smart app\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(qrPng)).Append("\">");
        html.Append("<form method=\"post\" action=\"simulator/decide\">");
        html.Append("<input type=\"hidden\" name=\"session\" value=\"").Append(Encode(session.Id)).Append("\">");
        html.Append("<p><label for=\"persona\">Persona</label><br><select id=\"persona\" name=\"persona\">");
        foreach (var persona in personas)
        {
            html.Append("<option value=\"").Append(Encode(persona.Id)).Append("\">").Append(Encode(persona.Id)).Append(": ").Append(Encode(persona.Description)).Append("</option>");
        }

        html.Append("</select></p><p>");
        html.Append("<button id=\"approve\" type=\"submit\" name=\"action\" value=\"approve\">Approve</button>");
        html.Append("<button id=\"reject\" type=\"submit\" name=\"action\" value=\"reject\">Reject</button>");
        html.Append("<button id=\"deny-state-only\" type=\"submit\" name=\"action\" value=\"deny-state-only\">Reject (state only)</button>");
        html.Append("<button id=\"deny-d20001\" type=\"submit\" name=\"action\" value=\"deny-d20001\">Reject (error_code=D20001)</button>");
        html.Append("<button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>");
        html.Append("<button id=\"timeout\" type=\"submit\" name=\"action\" value=\"timeout\">Time out</button>");
        html.Append("</p></form></body></html>");
        return html.ToString();
    }

    public static string RenderError(string code, string explanation)
        => $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>iAM Smart simulator: {Encode(code)}</title>{Style}</head><body>"
            + "<p class=\"banner\">IAmSmart.Sdk <strong>simulator</strong>: not the real iAM Smart.</p>"
            + $"<h1>Cannot log in</h1><p>Error <code id=\"error-code\">{Encode(code)}</code>: {Encode(explanation)}</p></body></html>";

    public static string RenderIndex(IEnumerable<SimulatorPersona> personas, string clientId, string keyLifetimeMinutes)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>iAM Smart simulator</title>").Append(Style).Append("</head><body>");
        html.Append("<p class=\"banner\">IAmSmart.Sdk <strong>simulator</strong>: not the real iAM Smart. Every persona is invented.</p>");
        html.Append("<h1>iAM Smart simulator</h1><p>API base: <code>/api/v1/</code> (app variants: <code>/api/appv1/</code>). Client ID: <code>").Append(Encode(clientId))
            .Append("</code>. Content keys live ").Append(Encode(keyLifetimeMinutes)).Append(" minutes.</p>");
        html.Append("<table><tr><th>persona</th><th>what for</th><th>HKID</th><th>signs</th></tr>");
        foreach (var p in personas)
        {
            html.Append("<tr><td>").Append(Encode(p.Id)).Append("</td><td>").Append(Encode(p.Description)).Append("</td><td>")
                .Append(Encode($"{p.Identification}({p.CheckDigit})")).Append("</td><td>").Append(p.CanSign ? "yes" : "no").Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(5);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
