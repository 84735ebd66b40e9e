// A bank's web front end with "Log in with iAM Smart". With --simulator it runs against the SDK's simulator, started
// inside this process on a loopback port; see README.md for pointing it at the iAM Smart sandbox.
using IAmSmart.Sdk.Samples.Web;

WebApplication app;
try
{
    app = await WebSampleApp.BuildAsync(args);
}
catch (InvalidOperationException ex)
{
    // A missing or wrong setting: say which, and exit 1 rather than abort with a stack trace.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (app)
{
    await app.RunAsync();
}

return 0;
