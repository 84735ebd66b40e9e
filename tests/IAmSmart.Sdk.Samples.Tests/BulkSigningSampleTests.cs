using IAmSmart.Sdk.Samples.Console;
using Microsoft.Extensions.Configuration;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>The console sample's "Bulk signing" step on the built-in simulator: three documents, each verified and acknowledged on its own.</summary>
public sealed class BulkSigningSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int ExitCode, string Output)> RunAsync(string? persona = null)
    {
        var output = new StringWriter();
        var outputDirectory = Directory.CreateTempSubdirectory("iamsmart-sample-");
        try
        {
            var settings = new Dictionary<string, string?> { ["Sample:OutputDirectory"] = outputDirectory.FullName };
            if (persona is not null)
            {
                settings["Sample:Persona"] = persona;
            }

            var exitCode = await SampleApp.RunAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), output, Ct);
            return (exitCode, output.ToString());
        }
        finally
        {
            outputDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_bulk_signing_step_signs_two_pdfs_and_a_hash_and_verifies_each()
    {
        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"Bulk signing \(3 documents\)\s+ok\s+\d+ ms\s+3 of 3 documents signed and verified \(2 PDFs, 1 hash\); acknowledged SR001 per document", output);
    }

    [Fact]
    public async Task A_persona_whose_second_document_fails_makes_the_bulk_step_fail_naming_that_document()
    {
        var (exitCode, output) = await RunAsync("bulk-some-fail");

        Assert.Equal(1, exitCode);
        Assert.Contains("Bulk signing (3 documents)", output, StringComparison.Ordinal);
        Assert.Contains("disclosure: no signature", output, StringComparison.Ordinal);
        Assert.DoesNotContain("agreement:", output, StringComparison.Ordinal);
    }
}
