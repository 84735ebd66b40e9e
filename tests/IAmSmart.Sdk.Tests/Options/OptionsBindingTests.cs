using System.Reflection;
using IAmSmart.Sdk.Crypto;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.Tests.Options;

/// <summary>
/// <c>AddIAmSmart(IConfiguration)</c> binds through the configuration-binding source generator, which skips members it
/// cannot bind with only a build warning (silenced for <c>KeyEncryptionKeys</c>). These tests make a skipped setting fail.
/// </summary>
public sealed class OptionsBindingTests
{
    // A value for every setting, none of them a default.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["IAmSmart:Environment"] = "Custom",
        ["IAmSmart:BaseUrl"] = "https://iamsmart.test/",
        ["IAmSmart:ClientId"] = "client-1",
        ["IAmSmart:ClientSecret"] = "secret-1",
        ["IAmSmart:EnciphermentCertificate:Path"] = "/keys/kek.pfx",
        ["IAmSmart:EnciphermentCertificate:Password"] = "pfx-password",
        ["IAmSmart:EnciphermentCertificate:PemPath"] = "/keys/kek.pem",
        ["IAmSmart:EnciphermentCertificate:Thumbprint"] = "0123456789ABCDEF0123456789ABCDEF01234567",
        ["IAmSmart:EnciphermentCertificate:StoreName"] = "Root",
        ["IAmSmart:EnciphermentCertificate:StoreLocation"] = "LocalMachine",
        ["IAmSmart:AttemptTimeout"] = "00:00:07",
        ["IAmSmart:TotalTimeout"] = "00:00:21",
        ["IAmSmart:MaxRetries"] = "5",
        ["IAmSmart:RetryBaseDelay"] = "00:00:00.250",
        ["IAmSmart:ContentKeyRefreshMargin"] = "00:02:00",
        ["IAmSmart:PendingOperations:Lifetime"] = "00:10:00",
        ["IAmSmart:PendingOperations:CompletedRetention"] = "00:03:00",
        ["IAmSmart:PendingOperations:PollInterval"] = "00:00:02",
        ["IAmSmart:PendingOperations:BulkSigningLifetime"] = "03:00:00",
        ["IAmSmart:DefaultLanguage"] = "zh-CN",
        ["IAmSmart:StepUpFieldNames"] = "StepupAuth",
    };

    [Fact]
    public void The_test_names_every_setting_of_the_options()
    {
        var expected = SettingPaths(typeof(IAmSmartOptions), "IAmSmart").Order(StringComparer.Ordinal);

        Assert.Equal(expected, Settings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_setting_binds_from_configuration()
    {
        var options = Bind(Settings);

        foreach (var (path, text) in Settings)
        {
            Assert.True(string.Equals(text, ValueAt(options, path), StringComparison.Ordinal), $"{path} did not bind: expected '{text}', got '{ValueAt(options, path)}'.");
        }
    }

    [Fact]
    public void Key_encryption_keys_set_in_code_survive_binding()
    {
        var key = new FakeKeyEncryptionKey();
        var services = new ServiceCollection();
        services.AddIAmSmart(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build().GetSection("IAmSmart"))
            .UseKeyEncryptionKey(key);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IAmSmartOptions>>().Value;

        Assert.Same(key, Assert.Single(options.KeyEncryptionKeys));
    }

    private static IAmSmartOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddIAmSmart(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("IAmSmart"));
        using var provider = services.BuildServiceProvider();

        // The configure steps without validation: these settings are deliberately contradictory (three key sources).
        var options = new IAmSmartOptions();
        foreach (var setup in provider.GetServices<IConfigureOptions<IAmSmartOptions>>())
        {
            setup.Configure(options);
        }

        return options;
    }

    // Every public property is a setting, or a section when its type is one of the SDK's option classes. The one
    // exception is KeyEncryptionKeys, set in code only; any other member the binder skipped would show here.
    private static IEnumerable<string> SettingPaths(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = $"{prefix}:{property.Name}";
            if (property.PropertyType.IsClass && property.PropertyType.Assembly == typeof(IAmSmartOptions).Assembly)
            {
                foreach (var child in SettingPaths(property.PropertyType, path))
                {
                    yield return child;
                }
            }
            else if (property.Name != nameof(IAmSmartOptions.KeyEncryptionKeys))
            {
                yield return path;
            }
        }
    }

    private static string? ValueAt(object options, string path)
    {
        object? current = options;
        foreach (var name in path.Split(':').Skip(1))
        {
            current = current!.GetType().GetProperty(name)!.GetValue(current);
        }

        return current switch
        {
            null => null,
            TimeSpan span => span.ToString(span.Milliseconds == 0 ? "c" : @"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture),
            Uri uri => uri.OriginalString,
            _ => Convert.ToString(current, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private sealed class FakeKeyEncryptionKey : IKeyEncryptionKey
    {
        public ReadOnlyMemory<byte> SubjectPublicKeyInfo => new byte[] { 1, 2, 3 };

        public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();
    }
}
