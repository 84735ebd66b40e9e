using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.Tests.Options;

public sealed class OptionsTests
{
    [Fact]
    public void Missing_settings_are_each_named_with_a_fix_and_the_secret_never_appears()
    {
        var options = new IAmSmartOptions { Environment = IAmSmartEnvironment.Custom, ClientSecret = " s3cr3t-value ", AttemptTimeout = TimeSpan.Zero, MaxRetries = 99 };

        var result = new IAmSmartOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("IAmSmart:ClientId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IAmSmart:ClientSecret", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IAmSmart:BaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("EnciphermentCertificate", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IAmSmart:AttemptTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("IAmSmart:MaxRetries", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain("s3cr3t", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(IAmSmart.Sdk.Signing.StepUpFieldNames.SuaMethod, true)]
    [InlineData(IAmSmart.Sdk.Signing.StepUpFieldNames.StepupAuth, true)]
    [InlineData((IAmSmart.Sdk.Signing.StepUpFieldNames)7, false)]
    public void Step_up_field_names_must_be_one_of_the_two_pairs(IAmSmart.Sdk.Signing.StepUpFieldNames names, bool valid)
    {
        var options = VectorClient.Options();
        options.StepUpFieldNames = names;

        var result = new IAmSmartOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.True(valid || result.FailureMessage!.Contains("IAmSmart:StepUpFieldNames", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://iamsmart.example.com/", false)]
    [InlineData("http://127.0.0.1:5181/", true)]
    [InlineData("http://localhost:5181/", true)]
    [InlineData("https://iamsmart.example.com/", true)]
    public void Plain_http_base_url_is_allowed_only_on_loopback(string url, bool valid)
    {
        var options = VectorClient.Options();
        options.BaseUrl = new Uri(url);

        Assert.Equal(valid, new IAmSmartOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(IAmSmartEnvironment.Sandbox, "https://apigw-isit.staging-eid.gov.hk/api/v1/")]
    [InlineData(IAmSmartEnvironment.Production, "https://apigw.iamsmart.gov.hk/api/v1/")]
    public void Public_environments_resolve_to_their_hosts(IAmSmartEnvironment environment, string apiBase)
    {
        var options = new IAmSmartOptions { Environment = environment };

        Assert.Equal(new Uri(apiBase), options.ResolveApiBase());
    }

    [Fact]
    public void Custom_base_url_with_a_path_keeps_it()
    {
        var options = new IAmSmartOptions { Environment = IAmSmartEnvironment.Custom, BaseUrl = new Uri("https://proxy.example.com/iamsmart") };

        Assert.Equal(new Uri("https://proxy.example.com/iamsmart/api/v1/"), options.ResolveApiBase());
    }

    [Fact]
    public void Create_without_DI_rejects_invalid_options()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => IAmSmartClient.Create(new IAmSmartOptions()));

        Assert.Contains("IAmSmart:ClientId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DI_binds_configuration_and_resolves_a_working_client()
    {
        var kek = TestVectors.Object("kek");
        var pem = Path.Combine(Path.GetTempPath(), $"iamsmart-kek-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, kek.Str("privateKeyPkcs8Pem"), TestContext.Current.CancellationToken);
        try
        {
            var (clientId, secret) = TestVectors.Credentials();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IAmSmart:Environment"] = "Custom",
                ["IAmSmart:BaseUrl"] = "https://iamsmart.test/",
                ["IAmSmart:ClientId"] = clientId,
                ["IAmSmart:ClientSecret"] = secret,
                ["IAmSmart:EnciphermentCertificate:PemPath"] = pem,
                ["IAmSmart:MaxRetries"] = "0",
            }).Build();
            var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, """{"accessToken":"t","openID":"o","issueAt":1,"expiresIn":2}""");
            var services = new ServiceCollection();
            services.AddIAmSmart(configuration.GetSection("IAmSmart")).HttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
            await using var provider = services.BuildServiceProvider();

            var client = provider.GetRequiredService<IAmSmartClient>();
            var token = await client.Auth.GetTokenAsync("code", TestContext.Current.CancellationToken);

            Assert.Equal("t", token.Token);
            Assert.Equal(0, client.Settings.MaxRetries);
            Assert.Same(client, provider.GetRequiredService<IAmSmartClient>());
        }
        finally
        {
            File.Delete(pem);
        }
    }

    [Fact]
    public void DI_validation_fails_at_start_with_the_named_setting()
    {
        var services = new ServiceCollection();
        services.AddIAmSmart(b => b.UseSandbox().UseClientCredentials("client", string.Empty));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IAmSmartOptions>>().Value);

        Assert.Contains("IAmSmart:ClientSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_registrations_win_over_the_sdk_defaults()
    {
        var services = new ServiceCollection();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        services.AddSingleton<TimeProvider>(time);
        services.AddIAmSmart(b => b.UseSandbox());
        using var provider = services.BuildServiceProvider();

        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }
}
