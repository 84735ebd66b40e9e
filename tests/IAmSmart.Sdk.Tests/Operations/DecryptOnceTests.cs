using System.Text;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Operations;

/// <summary>Each callback costs one RSA decryption, whoever reads its result and on whichever instance (issue 12 item 4).</summary>
public sealed class DecryptOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (IAmSmartClient Client, CountingKek Kek) Instance(IPendingOperationStore store, string? secret = null)
    {
        var kek = new CountingKek(VectorClient.Kek());
        var options = VectorClient.Options();
        options.KeyEncryptionKeys.Clear();
        options.KeyEncryptionKeys.Add(kek);
        if (secret is not null)
        {
            options.ClientSecret = secret;
        }

        return (IAmSmartClient.Create(options, new FakeIAmSmartHandler(), operationStore: store), kek);
    }

    [Fact]
    public async Task Accept_then_wait_then_get_result_unwraps_the_content_key_once()
    {
        var (client, kek) = Instance(new InMemoryPendingOperationStore());
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var waiting = client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);

        await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);
        var waited = await waiting;
        var later = await client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);
        var fetched = await client.Operations.GetResultAsync(op.BusinessId, Ct);

        Assert.Equal(1, kek.Unwraps);
        Assert.True(waited.IsSuccess && later.IsSuccess && fetched!.IsSuccess);
        Assert.True(waited.IsStateVerified && later.IsStateVerified && fetched.IsStateVerified);
        Assert.Equal(waited.Payload!.Value.GetRawText(), fetched.Payload!.Value.GetRawText());
    }

    [Fact]
    public async Task Another_instance_reads_the_result_without_an_rsa_decryption()
    {
        var store = new InMemoryPendingOperationStore();
        var (first, firstKek) = Instance(store);
        var (second, secondKek) = Instance(store);
        var op = await first.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        await first.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);
        var result = await second.Operations.WaitForCompletionAsync(op.BusinessId, Ct);

        Assert.True(result.IsSuccess);
        Assert.Equal((1, 0), (firstKek.Unwraps, secondKek.Unwraps));
    }

    [Fact]
    public async Task The_store_holds_the_result_sealed_not_the_payload()
    {
        var store = new InMemoryPendingOperationStore();
        var (client, _) = Instance(store);
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        var payload = $$"""{"businessID":"{{op.BusinessId}}","state":"{{op.State}}","isPassed":true,"note":"SECRET-MARKER"}""";
        await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(payload)), Ct);
        var completion = (await store.GetAsync(op.BusinessId, Ct))!.Completion!;
        var json = System.Text.Json.JsonSerializer.Serialize(completion, OperationsJsonContext.Default.PendingOperation.Options);

        Assert.NotNull(completion.SealedResult);
        Assert.Null(completion.CallbackBody);
        Assert.DoesNotContain("SECRET-MARKER", json, StringComparison.Ordinal);
        Assert.DoesNotContain(op.State, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_with_another_client_secret_cannot_open_the_result()
    {
        var store = new InMemoryPendingOperationStore();
        var (first, _) = Instance(store);
        var (other, _) = Instance(store, secret: "a-different-client-secret-0123456789");
        var op = await first.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        await first.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);

        var error = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => other.Operations.GetResultAsync(op.BusinessId, Ct));

        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingKek(IKeyEncryptionKey inner) : IKeyEncryptionKey
    {
        private int _unwraps;

        public int Unwraps => _unwraps;

        public ReadOnlyMemory<byte> SubjectPublicKeyInfo => inner.SubjectPublicKeyInfo;

        public ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _unwraps);
            return inner.UnwrapAsync(wrappedKey, cancellationToken);
        }
    }
}
