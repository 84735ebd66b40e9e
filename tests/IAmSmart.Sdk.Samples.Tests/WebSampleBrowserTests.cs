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

        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await page.ClickAsync("text=Log in with iAM Smart");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.Simulator.BaseAddress, "api/v1/auth/getQR?")));
        await Expect(page.Locator("img.qr")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#persona", "chan-tai-man");
        await page.ClickAsync("#approve");
        await Expect(page.Locator("#signed-in")).ToBeVisibleAsync();
        Assert.Equal(host.BaseAddress.AbsoluteUri, page.Url);

        var userType = await page.InnerTextAsync("#user-type");
        Assert.Contains("iAM Smart+", userType, StringComparison.Ordinal);
        Assert.Contains("SigningCapable", userType, StringComparison.Ordinal);
        var scopes = await page.Locator("#scopes li").AllInnerTextsAsync();
        Assert.Equal(["eidapi_auth", "eidapi_formFilling", "eidapi_sign"], scopes.Select(s => s.Trim()));
        Assert.Contains("UTC", await page.InnerTextAsync("#token-expires"), StringComparison.Ordinal);
        var openId = await host.OpenIdOfAsync("chan-tai-man", Ct);
        Assert.DoesNotContain(openId, await page.ContentAsync(), StringComparison.Ordinal);
        await AssertScreenshotAsync(page, "signed-in.png");

        // Logging out ends the session.
        await page.ClickAsync("#logout");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        Assert.Equal(host.BaseAddress.AbsoluteUri, page.Url);
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

        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await page.ClickAsync("#login");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.Simulator.BaseAddress, "api/v1/auth/getQR?")));
        await page.SelectOptionAsync("#persona", "chan-tai-man");
        await page.ClickAsync("#cancel");
        await Expect(page).ToHaveURLAsync(StartsWith(new Uri(host.BaseAddress, "login/failed?")));

        await Expect(page.Locator("#error-code")).ToHaveTextAsync("D40000");
        Assert.Contains("cancelled", await page.InnerTextAsync("#error-message"), StringComparison.Ordinal);
        await AssertScreenshotAsync(page, "cancelled.png");

        var cookies = await page.Context.CookiesAsync([host.BaseAddress.AbsoluteUri]);
        Assert.DoesNotContain(cookies, c => c.Name == "ExampleBank.Session");
        await page.GotoAsync(host.BaseAddress.AbsoluteUri);
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#signed-in").CountAsync());
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
