using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Security;

/// <summary>
/// Callbacks built the way an attacker can build them (the KEK is a public key, so anyone can encrypt to it), and
/// hostile bytes: each gets a typed rejection, never an unhandled exception, and changes nothing (issue 13).
/// </summary>
[Trait("Category", "Security")]
public sealed class HostileCallbackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Invalid_utf8_in_an_envelope_string_is_a_malformed_rejection()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var body = Utf8("""{"txID":"<T=ab>","code":"D00000","message":"X","content":"AAAA"}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xFF; // not UTF-8

        var receipt = await client.Operations.AcceptCallbackAsync(body, Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
    }

    [Fact]
    public void Invalid_utf8_in_a_response_is_a_non_transient_service_error()
    {
        var body = Utf8("""{"txID":"<T=ab>","code":"D0000X","message":"m"}""");
        body[Array.IndexOf(body, (byte)'X')] = 0xC3;

        var error = Assert.Throws<IAmSmartServiceException>(() => ResponseEnvelope.Parse(body, "test", System.Net.HttpStatusCode.OK));

        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("businessID")]
    [InlineData("state")]
    public async Task A_lone_surrogate_in_a_decrypted_id_is_a_malformed_rejection(string member)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var payload = member == "state"
            ? """{"businessID":"b1","state":"s\uD800","isPassed":true}"""
            : """{"businessID":"b\uD800","state":"s1","isPassed":true}""";

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(payload)), Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
        Assert.False((await client.Operations.Store.GetAsync("b1", Ct))!.IsCompleted);
    }

    [Fact]
    public async Task A_success_callback_whose_content_is_not_encrypted_is_refused()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var body = $$"""{"txID":"<T=ab>","code":"D00000","message":"SUCCESS","content":{{CallbackBuilder.StepUpPayload("b1", "s1")}}}""";

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(body), Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
        Assert.False((await client.Operations.Store.GetAsync("b1", Ct))!.IsCompleted);
    }

    [Fact]
    public async Task A_forged_failure_without_the_state_neither_swaps_the_key_nor_voids_the_genuine_result()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var (forgedKey, forgedKeyBytes) = CallbackBuilder.NewKey();
        var forged = TestVectors.Callbacks.Success("""{"businessID":"b1"}""", keyBytes: forgedKeyBytes, code: "D80001");

        var forgedReceipt = await client.Operations.AcceptCallbackAsync(Utf8(forged), Ct);
        var genuineReceipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1"))), Ct);
        var result = await client.Operations.GetResultAsync("b1", Ct);

        Assert.NotEqual(forgedKey, client.ContentKeys.Current);
        Assert.Equal(CallbackDisposition.Accepted, genuineReceipt.Disposition);
        Assert.True(result!.IsSuccess);
        Assert.NotEqual(CallbackRejection.Conflict, forgedReceipt.Rejection);
    }

    [Fact]
    public async Task A_failure_that_proves_the_state_completes_the_operation_but_its_key_is_not_adopted()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var (key, keyBytes) = CallbackBuilder.NewKey();

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success("""{"businessID":"b1","state":"s1"}""", keyBytes: keyBytes, code: "D80001")), Ct);
        var later = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1"))), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(CallbackRejection.Conflict, later.Rejection); // the proven outcome stands
        Assert.NotEqual(key, client.ContentKeys.Current);
        Assert.Equal(UserOutcome.Rejected, (await client.Operations.GetResultAsync("b1", Ct))!.Outcome);
    }

    [Fact]
    public async Task A_success_callback_adopts_its_key()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var (key, keyBytes) = CallbackBuilder.NewKey();

        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1"), keyBytes: keyBytes)), Ct);

        Assert.Equal(key, client.ContentKeys.Current);
    }

    [Fact]
    public async Task A_stateless_failure_is_acknowledged_and_reported_to_a_waiter_until_a_proven_callback_arrives()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var stateless = Utf8(TestVectors.Callbacks.Failure("D80001", "b1"));

        var first = await client.Operations.AcceptCallbackAsync(stateless, Ct);
        var repeat = await client.Operations.AcceptCallbackAsync(stateless, Ct);
        var waited = await client.Operations.WaitForCompletionAsync("b1", Ct);

        Assert.Equal(CallbackDisposition.Accepted, first.Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, repeat.Disposition);
        Assert.Equal(UserOutcome.Rejected, waited.Outcome);
        Assert.False(waited.IsStateVerified);
    }

    [Fact]
    public async Task The_store_keeps_a_keyed_hash_of_the_state_never_the_state()
    {
        var store = new InMemoryPendingOperationStore();
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var other = VectorClient.Create(new FakeIAmSmartHandler(), OptionsWithSecret("another-client-secret-0123456789"));
        var operations = IAmSmartClient.Create(VectorClient.Options(), new FakeIAmSmartHandler(), operationStore: store).Operations;

        var op = await operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var stored = (await store.GetAsync(op.BusinessId, Ct))!;
        var json = System.Text.Json.JsonSerializer.Serialize(stored, OperationsJsonContext.Default.PendingOperation);

        Assert.Empty(stored.State);
        Assert.DoesNotContain(op.State, json, StringComparison.Ordinal);
        Assert.StartsWith("hmac-sha256:", stored.StateHash, StringComparison.Ordinal);
        // Keyed: without the client secret the hash of a guessed state cannot be checked.
        Assert.NotEqual(
            (await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b-same", "s-same", Ct)).StateHash,
            (await other.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b-same", "s-same", Ct)).StateHash);
    }

    [Fact]
    public async Task Knowing_the_stored_hash_does_not_let_a_forger_complete_the_operation()
    {
        var store = new InMemoryPendingOperationStore();
        var client = IAmSmartClient.Create(VectorClient.Options(), new FakeIAmSmartHandler(), operationStore: store);
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var leaked = (await store.GetAsync(op.BusinessId, Ct))!.StateHash!;

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, leaked))), Ct);

        Assert.Equal(CallbackRejection.UnknownOperation, receipt.Rejection);
    }

    private static IAmSmartOptions OptionsWithSecret(string secret)
    {
        var options = VectorClient.Options();
        options.ClientSecret = secret;
        return options;
    }
}
