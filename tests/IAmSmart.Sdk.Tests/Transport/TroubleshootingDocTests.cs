using System.Globalization;
using System.Text;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// docs/troubleshooting.md carries the return-code table rendered from <see cref="ReturnCodes.All"/>, so the docs cannot
/// drift from the code. Run the tests with IAMSMART_UPDATE_DOCS=1 to rewrite the table after changing the code table.
/// </summary>
public sealed class TroubleshootingDocTests
{
    private const string Begin = "<!-- return-codes:begin -->";
    private const string End = "<!-- return-codes:end -->";

    [Fact]
    public void Troubleshooting_doc_holds_the_return_code_table_rendered_from_code()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "troubleshooting.md");
        var doc = File.ReadAllText(path);
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/troubleshooting.md must contain {Begin} … {End}");
        var current = doc[(start + Begin.Length)..end];
        var rendered = Render();

        if (current != rendered && Environment.GetEnvironmentVariable("IAMSMART_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..(start + Begin.Length)] + rendered + doc[end..]);
            return;
        }

        Assert.True(current == rendered, "docs/troubleshooting.md is out of date with ReturnCodes: run the tests with IAMSMART_UPDATE_DOCS=1.");
    }

    private static string Render()
    {
        var text = new StringBuilder("\n| code | meaning | what to do | class | exception |\n|---|---|---|---|---|\n");
        foreach (var info in ReturnCodes.All.Where(c => c.Code != ReturnCodes.Success))
        {
            var exception = info.Category switch
            {
                IAmSmartErrorCategory.Configuration => "`IAmSmartConfigurationException`",
                IAmSmartErrorCategory.UserOutcome => $"`IAmSmartUserOutcomeException` ({info.Outcome})",
                IAmSmartErrorCategory.Expired => "`IAmSmartExpiredException`",
                _ => "`IAmSmartServiceException`",
            };
            var kind = info.Class switch
            {
                ReturnCodeClass.UserOutcome => "user",
                ReturnCodeClass.CallerError => "caller",
                ReturnCodeClass.Retryable => info.NeedsNewRequest ? "retry (new request)" : "retry",
                _ => info.Class.ToString(),
            };
            text.Append(CultureInfo.InvariantCulture, $"| {info.Code}{(info.Inferred ? " [I]" : string.Empty)} | {info.Meaning} | {info.Action} | {kind} | {exception} |\n");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IAmSmart.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with IAmSmart.Sdk.sln) was not found above the test binaries.");
    }
}
