// The main job: the iAM Smart journey end to end. With no configuration it runs on the built-in simulator, so it works
// on any machine; see README.md for pointing it at the sandbox.
using IAmSmart.Sdk.Samples.Console;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return await SampleApp.RunAsync(configuration, Console.Out, stop.Token);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // A failure the journey did not expect still ends the run with a message and exit code 1, not an abort (134). The
    // type and message only: a stack trace belongs in a debugger, not in a console that an operator copies into a ticket.
    Console.Error.WriteLine($"The sample stopped: {ex.GetType().Name}: {ex.Message}");
    return 1;
}
