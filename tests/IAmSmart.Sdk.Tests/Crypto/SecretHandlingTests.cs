using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Crypto;

/// <summary>Issue 13 item 11: the client secret is not readable through the client, keys and plaintexts are wiped.</summary>
[Trait("Category", "Security")]
public sealed class SecretHandlingTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open%2Bid%3D","userType":"default","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_client_exposes_no_public_member_that_returns_the_options_or_the_secret()
    {
        var publicMembers = typeof(IAmSmartClient).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.DoesNotContain(publicMembers, p => p.PropertyType == typeof(IAmSmartOptions));
        Assert.DoesNotContain(
            typeof(IAmSmartClientSettings).GetProperties(),
            p => p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Settings_show_the_configuration_without_the_secret()
    {
        var options = VectorClient.Options();
        using var client = IAmSmartClient.Create(options, new FakeIAmSmartHandler());

        var settings = client.Settings;

        Assert.Equal(options.ClientId, settings.ClientId);
        Assert.Equal(options.Environment, settings.Environment);
        Assert.Equal(options.MaxRetries, settings.MaxRetries);
        Assert.Equal(options.PendingOperations.Lifetime, settings.PendingOperationLifetime);
        Assert.DoesNotContain(options.ClientSecret, settings.ToString(), StringComparison.Ordinal);
        Assert.Same(settings, client.ForEndUser(System.Net.IPAddress.Loopback).Settings);
    }

    [Fact]
    public void Settings_are_a_snapshot_later_changes_to_the_options_do_not_show()
    {
        var options = VectorClient.Options();
        using var client = IAmSmartClient.Create(options, new FakeIAmSmartHandler());

        options.MaxRetries = 0;

        Assert.Equal(3, client.Settings.MaxRetries);
    }

    [Fact]
    public async Task GetToken_plaintext_is_zeroed_after_it_is_parsed()
    {
        var cipher = new RecordingCipher();
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        using var client = ClientWith(cipher, handler);

        var token = await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal("tok-0001", token.Token);
        var plaintext = Assert.Single(cipher.Decrypted);
        Assert.Equal(Encoding.UTF8.GetByteCount(TokenPlaintext), plaintext.Length);
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Unparseable_plaintext_is_zeroed_too()
    {
        var cipher = new RecordingCipher();
        using var client = ClientWith(cipher, new FakeIAmSmartHandler());
        var key = VectorClient.Cek();
        var content = AesGcmContentCipher.Instance.Encrypt("""{"accessToken":"tok-0001","""u8, key);

        Assert.ThrowsAny<IAmSmartException>(() => client.Transport.DecryptContent(content, key, AuthJsonContext.Default.TokenContent, "test", null));

        Assert.All(Assert.Single(cipher.Decrypted), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_replaced_content_key_is_wiped_after_the_grace_period_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var manager = new ContentKeyManager(new NoSource(), time);
        var first = new ContentKey(RandomNumberGenerator.GetBytes(32));
        var second = new ContentKey(RandomNumberGenerator.GetBytes(32));
        var third = new ContentKey(RandomNumberGenerator.GetBytes(32));
        var sample = AesGcmContentCipher.Instance.Encrypt("{}"u8, first);

        manager.Adopt(first);
        manager.Adopt(second);
        time.Advance(ContentKeyManager.RetirementGrace - TimeSpan.FromSeconds(1));
        manager.Adopt(third);

        // A call that read the first key just before it was replaced can still use it.
        Assert.False(first.IsRetired);
        Assert.Equal("{}"u8.ToArray(), AesGcmContentCipher.Instance.Decrypt(sample, first));

        time.Advance(TimeSpan.FromSeconds(1));
        await manager.RevokeAsync(Ct);

        Assert.True(first.IsRetired);
        Assert.All(first.Bytes.ToArray(), b => Assert.Equal(0, b));
        Assert.False(second.IsRetired);
        Assert.False(third.IsRetired);
        Assert.Throws<ObjectDisposedException>(() => AesGcmContentCipher.Instance.Encrypt("{}"u8, first));
    }

    [Fact]
    public void The_current_key_is_never_wiped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var manager = new ContentKeyManager(new NoSource(), time);
        var keys = Enumerable.Range(0, 100).Select(_ => new ContentKey(RandomNumberGenerator.GetBytes(32))).ToList();

        foreach (var key in keys)
        {
            manager.Adopt(key);
            time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Same(keys[^1], manager.Current);
        Assert.False(keys[^1].IsRetired);
        Assert.True(keys[0].IsRetired);
    }

    private static IAmSmartClient ClientWith(IContentCipher cipher, FakeIAmSmartHandler handler)
    {
        var options = VectorClient.Options();
        var time = TimeProvider.System;
        var pipeline = IAmSmartHttpPipeline.CreateHandlers(options, new RequestStamp(time), time, loggerFactory: null);
        pipeline.Innermost.InnerHandler = handler;
        var http = new HttpClient(pipeline.Outermost, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var transport = IAmSmartHttpPipeline.CreateTransport(options, () => http, time, loggerFactory: null, cipher);
        return new IAmSmartClient(transport, options, time, loggerFactory: null, operationStore: null, ownedHttpClient: http);
    }

    // Keeps the very buffers the transport hands over and receives, to look at them after the call.
    private sealed class RecordingCipher : IContentCipher
    {
        public List<byte[]> Decrypted { get; } = [];

        public string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key) => AesGcmContentCipher.Instance.Encrypt(plaintext, key);

        public byte[] Decrypt(string content, ContentKey key)
        {
            var plaintext = AesGcmContentCipher.Instance.Decrypt(content, key);
            Decrypted.Add(plaintext);
            return plaintext;
        }

        public int Decrypt(ReadOnlySpan<byte> content, ContentKey key, Span<byte> destination)
            => AesGcmContentCipher.Instance.Decrypt(content, key, destination);
    }

    private sealed class NoSource : IContentKeySource
    {
        public Task<ContentKey> FetchAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("no fetch in this test");

        public Task RevokeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
