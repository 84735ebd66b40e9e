// A bank's web front end with "Log in with iAM Smart". With no configuration it runs against the SDK's simulator,
// started inside this process on a loopback port; see README.md for pointing it at the iAM Smart sandbox.
using IAmSmart.Sdk.Samples.Web;

await using var app = await WebSampleApp.BuildAsync(args);
await app.RunAsync();
