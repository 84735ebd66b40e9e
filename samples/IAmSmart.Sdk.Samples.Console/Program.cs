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

return await SampleApp.RunAsync(configuration, Console.Out, stop.Token);
