using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Redis.Tests;

/// <summary>
/// Several instances of an e-service (ASP.NET Core on Kestrel, each on its own loopback port, each with its own SDK client
/// and Redis connection) sharing one Redis, as behind a load balancer; and the callbacks iAM Smart would post to them,
/// encrypted the way iAM Smart encrypts them (a fresh content key wrapped under the e-service's KEK).
/// </summary>
internal sealed class WebFarm : IAsyncDisposable
{
    private readonly List<WebApplication> _apps;
    private readonly RSA _kek;

    private WebFarm(List<WebApplication> apps, RSA kek, SecurityEventLog events)
    {
        _apps = apps;
        _kek = kek;
        Events = events;
        Urls = [.. apps.Select(a => new Uri(a.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/iamsmart/callback"))];
    }

    /// <summary>Each instance's callback endpoint.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>What every instance logged about callbacks.</summary>
    public SecurityEventLog Events { get; }

    /// <summary>The SDK client of instance <paramref name="index"/>.</summary>
    public IAmSmartClient Client(int index) => _apps[index].Services.GetRequiredService<IAmSmartClient>();

    public static async Task<WebFarm> StartAsync(int instances, string redisConfiguration, string keyPrefix)
    {
        var kek = RSA.Create(2048);
        var pem = kek.ExportPkcs8PrivateKeyPem();
        var events = new SecurityEventLog();
        var apps = new List<WebApplication>();
        for (var i = 0; i < instances; i++)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders().AddProvider(events).SetMinimumLevel(LogLevel.Debug);
            builder.Services.AddIAmSmart(b => b
                .Configure(o =>
                {
                    o.Environment = IAmSmartEnvironment.Custom;
                    o.BaseUrl = new Uri("http://127.0.0.1:9/"); // never called: callbacks need no request to iAM Smart
                    o.ClientId = "web-farm-test";
                    o.ClientSecret = "web-farm-secret-0123456789";
                    o.KeyEncryptionKeys.Add(RsaKeyEncryptionKey.FromPem(pem));
                })
                .UseRedisOperations(redisConfiguration, o => o.KeyPrefix = keyPrefix));
            var app = builder.Build();
            app.MapIAmSmartCallbacks();
            await app.StartAsync();
            apps.Add(app);
        }

        return new WebFarm(apps, kek, events);
    }

    /// <summary>A success callback with <paramref name="payload"/>, as iAM Smart builds one.</summary>
    public string Callback(string txId, JsonObject payload)
    {
        var key = RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes);
        var content = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(new JsonObject { ["content"] = payload }.ToJsonString()), new ContentKey(key));
        return new JsonObject
        {
            ["txID"] = txId,
            ["code"] = "D00000",
            ["message"] = "SUCCESS",
            ["content"] = content,
            ["secretKey"] = Convert.ToBase64String(_kek.Encrypt(key, RSAEncryptionPadding.Pkcs1)),
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _kek.Dispose();
    }
}

/// <summary>Counts, per txID, the callbacks each instance accepted and the conflicts it logged as security events.</summary>
internal sealed class SecurityEventLog : ILoggerProvider
{
    // The SDK's event ids (Diagnostics/Log.cs): 20 accepted, 23 conflict (a security event).
    public const int Accepted = 20;
    public const int Conflict = 23;

    public ConcurrentDictionary<string, int> AcceptedByTxId { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> ConflictsByTxId { get; } = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(SecurityEventLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var counts = eventId.Id switch
            {
                Accepted => log.AcceptedByTxId,
                Conflict => log.ConflictsByTxId,
                _ => null,
            };
            if (counts is not null && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "TxId").Value is string txId)
            {
                counts.AddOrUpdate(txId, 1, (_, n) => n + 1);
            }
        }
    }
}
