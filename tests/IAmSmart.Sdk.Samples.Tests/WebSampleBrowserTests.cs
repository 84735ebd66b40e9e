using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IAmSmart.Sdk.Samples.Tests;

/// <summary>
/// The web sample as a customer uses it, in headless Chromium from Debian (never a downloaded browser): the bank's home
/// page, the simulator's getQR page where the tester plays the customer, and back. Waits use Playwright's retrying
/// assertions (URL, element text) rather than load events: a form POST that ends in redirects may finish before a
/// load-state wait starts, and a wait for the URL the page already has returns before the navigation.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WebSampleBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const float TimeoutMs = 30_000;

    /// <summary>Screenshots land here, overwritten by each run, so that a person can look at the pages.</summary>
    private static readonly string ScreenshotDirectory = Path.Combine(Path.GetTempPath(), "iamsmart-web-sample-screenshots");

    static WebSampleBrowserTests() => SetDefaultExpectTimeout(TimeoutMs);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Customer_logs_in_with_iAM_Smart_approves_as_a_persona_and_returns_signed_in()
    {
        RequireChromium();
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        page.SetDefaultNavigationTimeout(TimeoutMs);

        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await page.ClickAsync("text=Log in with iAM Smart");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.Simulator.BaseAddress, "api/v1/auth/getQR?")), new() { Timeout = TimeoutMs });
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await page.SelectOptionAsync("#persona", "chan-tai-man");
        await Expect(page.Locator("#persona")).ToHaveValueAsync("chan-tai-man", new() { Timeout = TimeoutMs });
        await page.ClickAsync("#approve");
        await Expect(page.Locator("#signed-in")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await Expect(page).ToHaveURLAsync(host.BaseAddress.AbsoluteUri, new() { Timeout = TimeoutMs });

        await Expect(page.Locator("#user-type")).ToContainTextAsync("iAM Smart+", new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#user-type")).ToContainTextAsync("SigningCapable", new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#scopes li")).ToHaveTextAsync(["eidapi_auth", "eidapi_formFilling", "eidapi_sign"], new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#token-expires")).ToContainTextAsync("UTC", new() { Timeout = TimeoutMs });
        var openId = await host.OpenIdOfAsync("chan-tai-man", Ct);
        Assert.DoesNotContain(openId, await page.ContentAsync(), StringComparison.Ordinal);
        await AssertScreenshotAsync(page, "signed-in.png");

        // Logging out ends the session.
        await page.ClickAsync("#logout");
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await Expect(page).ToHaveURLAsync(host.BaseAddress.AbsoluteUri, new() { Timeout = TimeoutMs });
    }

    [Fact]
    public async Task Customer_who_cancels_in_iAM_Smart_sees_the_cancellation_and_is_not_signed_in()
    {
        RequireChromium();
        await using var host = await WebSampleHost.StartAsync(Ct);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        page.SetDefaultNavigationTimeout(TimeoutMs);

        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await page.ClickAsync("#login");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.Simulator.BaseAddress, "api/v1/auth/getQR?")), new() { Timeout = TimeoutMs });
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await page.SelectOptionAsync("#persona", "chan-tai-man");
        await Expect(page.Locator("#persona")).ToHaveValueAsync("chan-tai-man", new() { Timeout = TimeoutMs });
        await page.ClickAsync("#cancel");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.BaseAddress, "login/failed?")), new() { Timeout = TimeoutMs });

        await Expect(page.Locator("#error-code")).ToHaveTextAsync("D40000", new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#error-message")).ToContainTextAsync("cancelled", new() { Timeout = TimeoutMs });
        await AssertScreenshotAsync(page, "cancelled.png");

        var cookies = await page.Context.CookiesAsync([host.BaseAddress.AbsoluteUri]);
        Assert.DoesNotContain(cookies, c => c.Name == "ExampleBank.Session");
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
        await Expect(page.Locator("#signed-in")).ToHaveCountAsync(0, new() { Timeout = TimeoutMs });
    }

    // No RegexOptions: Playwright passes the pattern to the browser and accepts only the flags JavaScript has.
    private static Regex StartsWith(Uri prefix) => new("^" + Regex.Escape(prefix.AbsoluteUri));

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Timeout = TimeoutMs,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    private static async Task AssertScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
        TestContext.Current.SendDiagnosticMessage($"Screenshot: {path}");
    }

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
