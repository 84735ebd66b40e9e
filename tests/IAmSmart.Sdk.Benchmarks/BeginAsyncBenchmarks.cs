using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// <see cref="PendingOperations.BeginAsync(string, CancellationToken)"/> against the number of operations pending in an
/// <see cref="InMemoryPendingOperationStore"/> (issue 12 item 1: the old store walked the whole dictionary on each add,
/// 2.7 µs empty and 353 µs with 30,000 pending).
/// </summary>
/// <remarks>
/// The store is held in a steady state of <see cref="Pending"/> operations, as on a server where operations arrive as
/// fast as they expire: the clock is a manual one that moves by <c>Lifetime / Pending</c> before each call, so each call
/// adds one operation (new random businessID and state, as <c>BeginAsync(kind)</c> makes them) and the oldest one comes
/// due and is purged. The store neither empties nor grows however many invocations BenchmarkDotNet runs, and the
/// measured call includes the purge of one expired operation. With <see cref="Pending"/> = 0 the clock moves a whole
/// lifetime per call: the store holds only the operation of the previous call, which the next call purges.
/// </remarks>
[MemoryDiagnoser]
public class BeginAsyncBenchmarks
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
    private System.Security.Cryptography.RSA? _kek;
    private IAmSmartClient? _client;
    private InMemoryPendingOperationStore? _store;
    private PendingOperations _operations = null!;
    private TimeSpan _step;
    private readonly byte[] _stateKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    [Params(0, 10_000, 100_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kek = CallbackInputs.NewKek();
        _store = new InMemoryPendingOperationStore(_clock);
        _client = CallbackInputs.Client(_kek, _clock, _store);
        _operations = _client.Operations;
        var lifetime = new PendingOperationOptions().Lifetime; // the default the client uses (18 minutes)
        _step = Pending == 0 ? lifetime : lifetime / Pending;
        for (var i = 0; i < Pending; i++)
        {
            Begin().GetAwaiter().GetResult();
        }

        Console.WriteLine($"// store: {_store.Count} operations held after setup (Pending = {Pending})");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// store: {_store!.Count} operations held at the end (Pending = {Pending})");
        _client!.Dispose();
        _kek!.Dispose();
    }

    /// <summary>
    /// The BCL calls every <c>BeginAsync(kind)</c> makes whatever the store holds: 24 random bytes each for the
    /// businessID and the state, and the state's HMAC-SHA256 (the store keeps only that). The ratio to it drifts less
    /// than the absolute figure on a shared machine.
    /// </summary>
    [Benchmark(Baseline = true, Description = "baseline: 2 x RandomNumberGenerator.Fill(24) + HMACSHA256.HashData (BCL alone)")]
    public int CryptoOnly()
    {
        Span<byte> random = stackalloc byte[32]; // 24 random bytes; the state is their 32-character Base64url form
        Span<byte> mac = stackalloc byte[System.Security.Cryptography.HMACSHA256.HashSizeInBytes];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random[..24]);
        System.Security.Cryptography.RandomNumberGenerator.Fill(random[..24]);
        return System.Security.Cryptography.HMACSHA256.HashData(_stateKey, random, mac);
    }

    [Benchmark(Description = "BeginAsync, store in steady state (one add, one expired purged)")]
    public Task<PendingOperation> Begin()
    {
        _clock.Advance(_step);
        return _operations.BeginAsync(IAmSmartFunctions.StepUp);
    }
}
