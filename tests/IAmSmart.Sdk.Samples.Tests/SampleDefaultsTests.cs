using System.Text.RegularExpressions;
using IAmSmart.Sdk.Samples.Console;
using IAmSmart.Sdk.Samples.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>What the samples do by default: explicit modes, quiet request logging, clean failures, no holder names.</summary>
public sealed class SampleDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "Security")]
    public async Task Web_sample_without_an_environment_refuses_to_start_instead_of_falling_back_to_the_simulator()
    {
        // An empty value is what "not set" reads as; it also overrides whatever the machine's environment variables or an
        // appsettings.json in the working directory might say.
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => WebSampleApp.BuildAsync(
            ["--urls", "http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("IAmSmart:Environment", "")]), Ct));

        Assert.Contains("IAmSmart:Environment is not set", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--simulator", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Web_sample_simulator_switch_selects_the_embedded_simulator()
    {
        await using var app = await WebSampleApp.BuildAsync(["--simulator", "--urls", "http://127.0.0.1:0"], cancellationToken: Ct);

        Assert.NotNull(app.Services.GetService<EmbeddedSimulator>());
        Assert.Equal("Simulator", app.Configuration["IAmSmart:Environment"]);
    }

    [Fact]
    [Trait("Category", "Security")]
    public void Web_sample_output_carries_an_appsettings_json_that_keeps_request_logging_below_information()
    {
        var settings = WebSampleOutputFile("appsettings.json");
        Assert.True(File.Exists(settings), $"{settings} is missing: the sample's appsettings.json must be copied to its output.");
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();
        using var factory = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new AcceptAllProvider()));

        // These categories log each request's path and query: on the login callback, the authorisation code and state.
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("IAmSmart.Sdk.Samples.Web.WebSampleApp").IsEnabled(LogLevel.Information));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Console_sample_with_a_persona_who_cannot_sign_reports_the_failure_and_exits_1()
    {
        var output = new StringWriter();
        var outputDirectory = Directory.CreateTempSubdirectory("iamsmart-sample-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sample:Persona"] = "not-plus",
            ["Sample:OutputDirectory"] = outputDirectory.FullName,
        }).Build();

        var exitCode = await SampleApp.RunAsync(configuration, output, Ct);
        outputDirectory.Delete(recursive: true);

        Assert.Equal(1, exitCode);
        Assert.Matches(@"Hash signing \(user signs\)\s+FAIL .*D70004", output.ToString());
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Console_sample_masks_the_signer_certificate_subject()
    {
        var output = new StringWriter();
        var outputDirectory = Directory.CreateTempSubdirectory("iamsmart-sample-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:OutputDirectory"] = outputDirectory.FullName }).Build();

        var exitCode = await SampleApp.RunAsync(configuration, output, Ct);
        outputDirectory.Delete(recursive: true);

        Assert.Equal(0, exitCode);
        var signer = Regex.Match(output.ToString(), "signed by '([^']*)'");
        Assert.True(signer.Success, output.ToString());
        Assert.Matches(@"^\w\*\*\*, issued by ", signer.Groups[1].Value);
    }

    /// <summary>The web sample project's own build output, in the configuration and framework this test was built for.</summary>
    private static string WebSampleOutputFile(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IAmSmart.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var testProject = Path.Combine(directory.FullName, "tests", "IAmSmart.Sdk.Samples.Tests");
        var outputPath = Path.GetRelativePath(testProject, AppContext.BaseDirectory);
        return Path.Combine(directory.FullName, "samples", "IAmSmart.Sdk.Samples.Web", outputPath, name);
    }

    /// <summary>A provider whose loggers take every level, so that only the configured filter decides.</summary>
    private sealed class AcceptAllProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
