using IAmSmart.Sdk.Testing.Hosting;
using IAmSmart.Sdk.Testing.Tests.Support;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IAmSmart.Sdk.Testing.Tests;

/// <summary>
/// The getQR page in headless Chromium from Debian (never a downloaded browser). Every wait is one of Playwright's
/// retrying assertions with an explicit timeout, never a one-shot read of a page that may still be loading or navigating.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const float TimeoutMs = 30_000;

    static BrowserTests() => SetDefaultExpectTimeout(TimeoutMs);

    [Fact]
    public async Task Tester_picks_a_persona_approves_and_the_browser_lands_on_the_redirect_with_code_and_state()
    {
        RequireChromium();
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var simulator = new IAmSmartSimulator();
        await using var server = await SimulatorServer.StartAsync(simulator, cancellationToken: TestContext.Current.CancellationToken);
        var callback = new Uri(receiver.BaseAddress, "login/callback");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = TimeoutMs,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        page.SetDefaultNavigationTimeout(TimeoutMs);
        await page.GotoAsync(simulator.CreateGetQrUrl(callback, ["eidapi_auth"], "browser-state", baseUrl: server.BaseAddress).AbsoluteUri);
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#persona")).ToBeEnabledAsync(new() { Timeout = TimeoutMs });
        await page.SelectOptionAsync("#persona", "oliver-brightwater");
        await Expect(page.Locator("#persona")).ToHaveValueAsync("oliver-brightwater", new() { Timeout = TimeoutMs });
        await page.ClickAsync("#approve");
        await Expect(page).ToHaveURLAsync(StartsWith(callback), new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#done")).ToHaveTextAsync("received", new() { Timeout = TimeoutMs });

        var landed = new Uri(page.Url);
        var query = landed.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("browser-state", query["state"]);
        var token = await server.CreateClient().Auth.GetTokenAsync(query["code"], TestContext.Current.CancellationToken);
        Assert.Equal(simulator.GetPersona("oliver-brightwater").OpenIdFor(simulator.ClientId), token.OpenId);
    }

    // No RegexOptions: Playwright passes the pattern to the browser and accepts only the flags JavaScript has.
    private static Regex StartsWith(Uri prefix) => new("^" + Regex.Escape(prefix.AbsoluteUri));

    private static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        const string message = "Chromium is not installed at /usr/bin/chromium: install it with 'apt-get install chromium' (Debian package).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }
}
