using System.Text;

namespace IAmSmart.Sdk.Samples;

/// <summary>
/// Writes a one-page PDF with a line of text: the document the samples sign. One copy for the console and the net48
/// sample (linked there), so it keeps to what .NET Framework 4.8 has.
/// </summary>
internal static class SamplePdf
{
    /// <summary>A PDF showing <paramref name="text"/>, which must be ASCII (so that byte offsets equal character offsets).</summary>
    public static byte[] Create(string text)
    {
        var escaped = new StringBuilder(text).Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)").ToString();
        var content = $"BT /F1 14 Tf 72 760 Td ({escaped}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            FormattableString.Invariant($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
        ];

        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(FormattableString.Invariant($"{i + 1} 0 obj\n{objects[i]}\nendobj\n"));
        }

        var xref = pdf.Length;
        pdf.Append(FormattableString.Invariant($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            pdf.Append(FormattableString.Invariant($"{offset:D10} 00000 n \n"));
        }

        pdf.Append(FormattableString.Invariant($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
