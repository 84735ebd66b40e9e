using System.Text;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Tests.Crypto;

/// <summary>
/// Every crypto seam (signer, cipher, key source, random source) is a service added with TryAdd: the BCL one by default,
/// and the application's own when it registered one first, used by the transport and the callback reader alike.
/// </summary>
public sealed class CryptoSeamTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open-id","userType":"default","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_defaults_are_the_BCL_implementations_and_the_client_uses_the_registered_instances()
    {
        await using var provider = Provider(new FakeIAmSmartHandler(), _ => { });

        Assert.IsType<HmacSha256RequestSigner>(provider.GetRequiredService<IRequestSigner>());
        Assert.IsType<AesGcmContentCipher>(provider.GetRequiredService<IContentCipher>());
        Assert.Same(SystemRandomSource.Instance, provider.GetRequiredService<IRandomSource>());
        Assert.IsType<ExchangedContentKeySource>(provider.GetRequiredService<IContentKeySource>());
        var client = provider.GetRequiredService<IAmSmartClient>();
        Assert.Same(provider.GetRequiredService<IContentCipher>(), client.Transport.Session.Cipher);
        Assert.Same(provider.GetRequiredService<KeyEncryptionKeyRing>(), client.Transport.Session.KeyRing);
    }

    [Fact]
    public async Task The_default_path_without_DI_uses_the_BCL_implementations()
    {
        using var client = VectorClient.Create(new FakeIAmSmartHandler());

        Assert.Same(AesGcmContentCipher.Instance, client.Transport.Session.Cipher);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_application_signer_signs_every_request()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var signer = new RecordingSigner(new HmacSha256RequestSigner(VectorClient.Options().ClientSecret));
        await using var provider = Provider(handler, s => s.AddSingleton<IRequestSigner>(signer));

        await provider.GetRequiredService<IAmSmartClient>().Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal(2, signer.Bodies.Count); // getKey and getToken
        Assert.Equal(handler.Requests.Select(r => r.Body), signer.Bodies);
        Assert.All(handler.Requests, r => Assert.Equal("recorded", r.Header("signatureMethod")));
    }

    [Fact]
    public async Task An_application_cipher_encrypts_requests_and_decrypts_responses_and_callbacks()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var cipher = new RecordingCipher(AesGcmContentCipher.Instance);
        await using var provider = Provider(handler, s => s.AddSingleton<IContentCipher>(cipher));
        var client = provider.GetRequiredService<IAmSmartClient>();

        await client.Auth.GetTokenAsync("code-1", Ct);
        Assert.Equal(1, cipher.Encrypted);
        Assert.Equal(1, cipher.Decrypted);

        var callback = await client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1"))), Ct);
        Assert.Equal("b1", callback.BusinessId);
        Assert.Equal(2, cipher.Decrypted);
    }

    [Fact]
    public async Task An_application_key_source_supplies_the_content_keys_instead_of_getKey()
    {
        var handler = new FakeIAmSmartHandler().OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Success(TokenPlaintext));
        var source = new RecordingKeySource(VectorClient.Cek());
        await using var provider = Provider(handler, s => s.AddSingleton<IContentKeySource>(source));
        var client = provider.GetRequiredService<IAmSmartClient>();

        await client.Auth.GetTokenAsync("code-1", Ct);
        await client.ContentKeys.RevokeAsync(Ct);

        Assert.Equal(1, source.Fetched);
        Assert.Equal(1, source.Revoked);
        Assert.Equal(0, handler.Count(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(0, handler.Count(IAmSmartFunctions.RevokeKey.Path));
    }

    [Fact]
    public async Task An_application_random_source_gives_the_nonces_and_the_IVs()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var random = new RecordingRandom();
        await using var provider = Provider(handler, s => s.AddSingleton<IRandomSource>(random));

        await provider.GetRequiredService<IAmSmartClient>().Auth.GetTokenAsync("code-1", Ct);

        // One 16-byte nonce per request (getKey, getToken) and one 12-byte IV for the encrypted getToken request.
        Assert.Equal([16, 16, 12], random.Requests.Order().Reverse());
        Assert.All(handler.Requests, r => Assert.Equal(32, r.Header("nonce").Length));
    }

    private static ServiceProvider Provider(FakeIAmSmartHandler handler, Action<IServiceCollection> registerFirst)
    {
        var services = new ServiceCollection();
        registerFirst(services);
        services.AddIAmSmart(b =>
        {
            b.Configure(o =>
            {
                var vector = VectorClient.Options();
                o.Environment = vector.Environment;
                o.BaseUrl = vector.BaseUrl;
                o.ClientId = vector.ClientId;
                o.ClientSecret = vector.ClientSecret;
                o.RetryBaseDelay = TimeSpan.Zero;
                o.KeyEncryptionKeys.Add(VectorClient.Kek());
            });
            b.HttpClient.ConfigurePrimaryHttpMessageHandler(() => handler);
        });
        return services.BuildServiceProvider();
    }

    private sealed class RecordingSigner(IRequestSigner inner) : IRequestSigner
    {
        public List<string> Bodies { get; } = [];

        public string SignatureMethod => "recorded";

        public string Sign(string clientId, string timestamp, string nonce, string body)
        {
            lock (Bodies)
            {
                Bodies.Add(body);
            }

            return inner.Sign(clientId, timestamp, nonce, body);
        }
    }

    private sealed class RecordingCipher(IContentCipher inner) : IContentCipher
    {
        private int _encrypted;
        private int _decrypted;

        public int Encrypted => Volatile.Read(ref _encrypted);

        public int Decrypted => Volatile.Read(ref _decrypted);

        public string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key)
        {
            Interlocked.Increment(ref _encrypted);
            return inner.Encrypt(plaintext, key);
        }

        public byte[] Decrypt(string content, ContentKey key)
        {
            Interlocked.Increment(ref _decrypted);
            return inner.Decrypt(content, key);
        }

        public int Decrypt(ReadOnlySpan<byte> content, ContentKey key, Span<byte> destination)
        {
            Interlocked.Increment(ref _decrypted);
            return inner.Decrypt(content, key, destination);
        }
    }

    private sealed class RecordingKeySource(ContentKey key) : IContentKeySource
    {
        private int _fetched;
        private int _revoked;

        public int Fetched => Volatile.Read(ref _fetched);

        public int Revoked => Volatile.Read(ref _revoked);

        public Task<ContentKey> FetchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetched);
            return Task.FromResult(key);
        }

        public Task RevokeAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _revoked);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingRandom : IRandomSource
    {
        public List<int> Requests { get; } = [];

        public void Fill(Span<byte> destination)
        {
            lock (Requests)
            {
                Requests.Add(destination.Length);
            }

            SystemRandomSource.Instance.Fill(destination);
        }
    }
}
