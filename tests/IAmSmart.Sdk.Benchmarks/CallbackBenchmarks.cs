using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Benchmarks;

/// <summary>
/// One callback per invocation (issue 12 item 4): accept alone, accept then wait, and a waiter that was already waiting
/// when the callback came, next to the floor of one RSA-2048 PKCS#1 v1.5 decryption plus one AES-GCM decryption of the
/// same content with the BCL alone. Callbacks per second per core for accept + wait = 1 / its mean.
/// </summary>
/// <remarks>
/// A callback completes its operation once, so each invocation needs an operation of its own and a callback built for
/// it (its businessID and state, a fresh content key wrapped under the KEK's public key: iAM Smart's work, not the
/// e-service's). Both are made in <see cref="PrepareOperations"/> before each iteration, which runs exactly
/// <see cref="Invocations"/> invocations, so neither <c>BeginAsync</c> nor building the callback is in the measured time
/// and nothing has to be subtracted. The store holds at most <see cref="Invocations"/> operations (removed after each
/// iteration); the clock is the system clock and no operation expires during an iteration.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class CallbackBenchmarks
{
    public const int Invocations = 512;

    private readonly (string BusinessId, byte[] Body)[] _callbacks = new (string, byte[])[Invocations];
    private RSA _kek = null!;
    private IAmSmartClient _client = null!;
    private InMemoryPendingOperationStore _store = null!;
    private int _next;

    // The floor's inputs: a callback's wrapped content key and its content, decoded from Base64 in setup.
    private byte[] _wrappedKey = [];
    private byte[] _iv = [];
    private byte[] _ciphertext = [];
    private byte[] _tag = [];
    private byte[] _plaintext = [];

    [GlobalSetup]
    public void Setup()
    {
        _kek = CallbackInputs.NewKek();
        _store = new InMemoryPendingOperationStore();
        _client = CallbackInputs.Client(_kek, TimeProvider.System, _store);

        var (_, _, wrapped, content) = CallbackInputs.Success(_kek, CallbackInputs.StepUpPayload(IAmSmartState.Generate(), IAmSmartState.Generate()));
        _wrappedKey = Convert.FromBase64String(wrapped);
        var wire = Convert.FromBase64String(content); // int32BE(12) ‖ IV(12) ‖ ciphertext ‖ tag(16)
        _iv = wire[4..16];
        _ciphertext = wire[16..^16];
        _tag = wire[^16..];
        _plaintext = new byte[_ciphertext.Length];

        // The benchmarks below would measure a cheap rejection if a callback were not accepted: check it once.
        PrepareOperations();
        var receipt = Accept().GetAwaiter().GetResult();
        var result = _client.Operations.WaitForCompletionAsync(_callbacks[0].BusinessId).GetAwaiter().GetResult();
        if (receipt.Disposition != CallbackDisposition.Accepted || !result.IsSuccess || !result.IsStateVerified)
        {
            throw new InvalidOperationException($"The benchmark callback was not accepted: {receipt.Disposition} {receipt.Rejection}.");
        }

        CompleteIteration();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _kek.Dispose();
    }

    /// <summary>Begins <see cref="Invocations"/> operations and builds one callback for each, as iAM Smart would.</summary>
    [IterationSetup(Targets = [nameof(Accept), nameof(AcceptThenWait), nameof(WaitThenAccept)])]
    public void PrepareOperations()
    {
        for (var i = 0; i < Invocations; i++)
        {
            var operation = _client.Operations.BeginAsync(IAmSmartFunctions.StepUp).GetAwaiter().GetResult();
            _callbacks[i] = (operation.BusinessId, CallbackInputs.Success(_kek, CallbackInputs.StepUpPayload(operation.BusinessId, operation.State!)).Body);
        }

        _next = 0;
    }

    /// <summary>Checks that every invocation completed its operation (outside the measured time), then removes them.</summary>
    [IterationCleanup(Targets = [nameof(Accept), nameof(AcceptThenWait), nameof(WaitThenAccept)])]
    public void CompleteIteration()
    {
        for (var i = 0; i < _next; i++)
        {
            var stored = _store.GetAsync(_callbacks[i].BusinessId).GetAwaiter().GetResult();
            if (stored?.Completion is null)
            {
                throw new InvalidOperationException("An invocation did not complete its operation.");
            }

            _store.RemoveAsync(_callbacks[i].BusinessId).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true, Description = "floor: RSA-2048 PKCS#1 decrypt + AES-GCM decrypt (BCL alone)")]
    public byte[] Floor()
    {
        var key = _kek.Decrypt(_wrappedKey, RSAEncryptionPadding.Pkcs1);
        using var aes = new AesGcm(key, AesGcmContentCipher.TagSizeInBytes);
        aes.Decrypt(_iv, _ciphertext, _tag, _plaintext);
        return _plaintext;
    }

    [Benchmark(Description = "AcceptCallbackAsync alone")]
    public Task<CallbackReceipt> Accept()
    {
        var (_, body) = _callbacks[_next++];
        return _client.Operations.AcceptCallbackAsync(body);
    }

    [Benchmark(Description = "AcceptCallbackAsync, then WaitForCompletionAsync (result read from the store, sealed)")]
    public async Task<IAmSmartCallback> AcceptThenWait()
    {
        var (businessId, body) = _callbacks[_next++];
        await _client.Operations.AcceptCallbackAsync(body).ConfigureAwait(false);
        return await _client.Operations.WaitForCompletionAsync(businessId).ConfigureAwait(false);
    }

    [Benchmark(Description = "WaitForCompletionAsync already waiting, then AcceptCallbackAsync (handed over as read)")]
    public async Task<IAmSmartCallback> WaitThenAccept()
    {
        var (businessId, body) = _callbacks[_next++];
        var waiting = _client.Operations.WaitForCompletionAsync(businessId);
        await _client.Operations.AcceptCallbackAsync(body).ConfigureAwait(false);
        return await waiting.ConfigureAwait(false);
    }
}
