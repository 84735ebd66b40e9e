using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Redis.Tests;

/// <summary>
/// Exactly-once callbacks on a web farm: three instances behind a "load balancer" that picks one at random for each
/// delivery, sharing one real Redis reached through a proxy that adds 0.2–2 ms per hop (as a Redis on another host
/// would); every callback delivered 10 times at once, and for some operations two different results raced.
/// </summary>
[Collection(RedisServerGroup.Name)]
[Trait("Category", "WebFarm")]
public sealed class WebFarmTests(RedisServer redis)
{
    private const int Instances = 3;
    private const int Deliveries = 10;
    private const int RaceEvery = 20; // one operation in 20 gets two different results

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 10,000 by default; IAMSMART_WEBFARM_OPERATIONS changes it for a quick local run.
    private static int Operations
        => int.TryParse(Environment.GetEnvironmentVariable("IAMSMART_WEBFARM_OPERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10_000;

    [Fact]
    public async Task Every_callback_is_accepted_exactly_once_and_every_conflict_is_a_security_event()
    {
        redis.RequireRunning();
        await using var latency = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, redis.Port));
        await using var farm = await WebFarm.StartAsync(Instances, RedisServer.ConfigurationFor(latency.EndPoint.Port), $"farm:{Guid.NewGuid():N}:");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = TimeSpan.FromSeconds(60) };
        var random = new Random(20261203);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<(int Operation, string TxId, HttpStatusCode Status)>();
        var results = new Dictionary<int, (string BusinessId, string[] TxIds)>();

        // Bounded: operations go through in waves of 50 (500 concurrent deliveries).
        foreach (var wave in Enumerable.Range(0, Operations).Chunk(50))
        {
            var deliveries = new List<Task>();
            var ids = wave.ToDictionary(i => i, i => ($"op{i:D5}-{Guid.NewGuid():N}"[..36], $"st{i:D5}"));
            await Task.WhenAll(ids.Select(e => farm.Client(random.Next(Instances)).Operations.BeginAsync(IAmSmartFunctions.HashSigning, e.Value.Item1, e.Value.Item2, Ct)));
            foreach (var i in wave)
            {
                var (businessId, state) = ids[i];
                var raced = i % RaceEvery == 0;
                string[] txIds = raced ? [$"<T=op{i:D5}-a>", $"<T=op{i:D5}-b>"] : [$"<T=op{i:D5}-a>"];
                var bodies = txIds.Select((tx, v) => farm.Callback(tx, new JsonObject
                {
                    // A whole hash-signing result: the SDK reads a success callback with its kind's reader before accepting it.
                    ["businessID"] = businessId, ["state"] = state, ["hashCode"] = "aGFzaA==", ["timestamp"] = 1_772_355_600_000L,
                    ["signature"] = $"sig-{i}-{v}", ["cert"] = "Y2VydA==",
                })).ToArray();
                results[i] = (businessId, txIds);
                for (var d = 0; d < Deliveries; d++)
                {
                    var variant = d % bodies.Length;
                    var url = farm.Urls[random.Next(Instances)];
                    deliveries.Add(PostAsync(http, url, bodies[variant], i, txIds[variant], statuses));
                }
            }

            await Task.WhenAll(deliveries);
        }

        var byOperation = statuses.GroupBy(s => s.Operation).ToDictionary(g => g.Key, g => g.ToList());
        var lost = 0;
        var acceptedTwice = 0;
        var twoResults = 0;
        var storedResults = new Dictionary<int, IAmSmart.Sdk.Callbacks.IAmSmartCallback?>();
        foreach (var batch in results.Chunk(100))
        {
            var read = await Task.WhenAll(batch.Select(async e => (e.Key, await farm.Client(random.Next(Instances)).Operations.GetResultAsync(e.Value.BusinessId, Ct))));
            foreach (var (i, result) in read)
            {
                storedResults[i] = result;
            }
        }

        foreach (var (i, (businessId, txIds)) in results)
        {
            var accepted = txIds.Sum(tx => farm.Events.AcceptedByTxId.GetValueOrDefault(tx));
            acceptedTwice += accepted > 1 ? 1 : 0;
            twoResults += txIds.Count(tx => farm.Events.AcceptedByTxId.ContainsKey(tx)) > 1 ? 1 : 0;
            var stored = storedResults[i];
            if (stored is null || accepted != 1)
            {
                lost++;
                continue;
            }

            // The stored result is the accepted one, and every delivery of the other result was refused as a conflict.
            var winner = txIds.Single(tx => farm.Events.AcceptedByTxId.ContainsKey(tx));
            Assert.Equal(winner, stored.TxId);
            Assert.All(byOperation[i], s => Assert.Equal(s.TxId == winner ? HttpStatusCode.OK : HttpStatusCode.Conflict, s.Status));
        }

        var conflicts = statuses.Count(s => s.Status == HttpStatusCode.Conflict);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"web farm: {Operations} operations, {statuses.Count} deliveries to {Instances} instances; lost {lost}, accepted twice {acceptedTwice}, two results {twoResults}, conflicts {conflicts} (logged {farm.Events.ConflictsByTxId.Values.Sum()})");
        Assert.Equal(Operations * Deliveries, statuses.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, acceptedTwice);
        Assert.Equal(0, twoResults);
        Assert.Equal((Operations + RaceEvery - 1) / RaceEvery * (Deliveries / 2), conflicts);
        Assert.Equal(conflicts, farm.Events.ConflictsByTxId.Values.Sum());
    }

    private static async Task PostAsync(HttpClient http, Uri url, string body, int operation, string txId, System.Collections.Concurrent.ConcurrentBag<(int, string, HttpStatusCode)> statuses)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, Ct);
        statuses.Add((operation, txId, response.StatusCode));
    }
}
