using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Tests.Auth;

/// <summary>Every row of the User-Agent mapping in contract §5.2, with real-looking User-Agents.</summary>
public sealed class SourceDetectionTests
{
    public static TheoryData<string, string> Rows => new()
    {
        // iOS: FxiOS, EdgiOS, CriOS, then Safari.
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15", "iOS_Firefox" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/126.2592.86 Mobile/15E148 Safari/605.1.15", "iOS_Edge" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.153 Mobile/15E148 Safari/604.1", "iOS_Chrome" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "iOS_Safari" },
        { "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "iOS_Safari" },
        // An iPhone web view without "Safari" falls through to PC_Browser, as in S4.
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "PC_Browser" },
        // Android: SamsungBrowser, MiuiBrowser|XiaoMi|MIX, HUAWEI|HONORHRY, EdgA, Firefox, then Chrome+Safari.
        { "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Android_Samsung" },
        { "Mozilla/5.0 (Linux; U; Android 13; zh-cn; 2211133C Build/TKQ1.220905.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.118 Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.9.30", "Android_Xiaomi" },
        { "Mozilla/5.0 (Linux; Android 12; 22081212C) AppleWebKit/537.36 (KHTML, like Gecko) MiuiBrowser/16.0 Mobile Safari/537.36", "Android_Xiaomi" },
        { "Mozilla/5.0 (Linux; Android 10; MIX 3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "Android_Xiaomi" },
        { "Mozilla/5.0 (Linux; Android 12; HUAWEI P50) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 HuaweiBrowser/14.0 Mobile Safari/537.36", "Android_Huawei" },
        { "Mozilla/5.0 (Linux; Android 10; HONORHRY-AL00a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "Android_Huawei" },
        { "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 EdgA/126.0.2592.80", "Android_Edge" },
        { "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0", "Android_Firefox" },
        { "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Android_Chrome" },
        // Anything else is PC_Browser.
        { "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Mobile", "PC_Browser" },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "PC_Browser" },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "PC_Browser" },
        { "curl/8.5.0", "PC_Browser" },
        { "", "PC_Browser" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void User_agent_maps_to_the_source_of_the_contract_table(string userAgent, string expected)
    {
        Assert.Equal(expected, IAmSmartSource.FromUserAgent(userAgent).Value);
    }

    [Fact]
    public void No_user_agent_is_pc_browser()
    {
        Assert.Equal(IAmSmartSource.PcBrowser, IAmSmartSource.FromUserAgent(null));
    }

    [Fact]
    public void Token_matching_ignores_case()
    {
        Assert.Equal(IAmSmartSource.AndroidHuawei, IAmSmartSource.FromUserAgent("Mozilla/5.0 (Linux; Android 12; huawei nova) Chrome/1 Safari/1"));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148", "iOS_IMS_InAppBrowser")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0 Mobile Safari/537.36", "Android_IMS_InAppBrowser")]
    public void Page_inside_the_iam_smart_app_gets_the_in_app_browser_source_of_its_platform(string userAgent, string expected)
    {
        Assert.Equal(expected, IAmSmartSource.ForIAmSmartInAppBrowser(userAgent).Value);
    }

    [Fact]
    public void Known_sources_include_every_value_of_the_contract_list()
    {
        string[] expected =
        [
            "Android_Chrome", "Android_Firefox", "Android_Edge", "Android_Samsung", "Android_Huawei", "Android_Xiaomi",
            "iOS_Safari", "iOS_Chrome", "iOS_Firefox", "iOS_Edge", "PC_Browser", "App_Link", "App_Package", "App_Scheme",
            "Android_IMS_InAppBrowser", "iOS_IMS_InAppBrowser",
        ];
        string[] actual =
        [
            IAmSmartSource.AndroidChrome.Value, IAmSmartSource.AndroidFirefox.Value, IAmSmartSource.AndroidEdge.Value,
            IAmSmartSource.AndroidSamsung.Value, IAmSmartSource.AndroidHuawei.Value, IAmSmartSource.AndroidXiaomi.Value,
            IAmSmartSource.IosSafari.Value, IAmSmartSource.IosChrome.Value, IAmSmartSource.IosFirefox.Value,
            IAmSmartSource.IosEdge.Value, IAmSmartSource.PcBrowser.Value, IAmSmartSource.AppLink.Value,
            IAmSmartSource.AppPackage.Value, IAmSmartSource.AppScheme.Value, IAmSmartSource.AndroidIAmSmartInAppBrowser.Value,
            IAmSmartSource.IosIAmSmartInAppBrowser.Value,
        ];

        Assert.Equal(expected, actual);
    }
}
