using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Callbacks;

public sealed class CallbackProcessorTests
{
    public static TheoryData<int> VectorCallbacks => TestVectors.Indexes("callbacks");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task Vector_callback_of_either_shape_decrypts_to_the_expected_payload(int index)
    {
        var v = TestVectors.Section("callbacks")[index]!;
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var callback = await client.Callbacks.ReadAsync(Utf8(v["body"]!.ToJson()), Ct);

        Assert.Equal(CallbackStatus.Succeeded, callback.Status);
        Assert.True(TestVectors.JsonEquals(v["expectedPayload"]!.ToJson(), callback.Payload!.Value.GetRawText()));
        Assert.Equal(v["expectedPayload"]!.Str("businessID"), callback.BusinessId);
        Assert.Equal(v["expectedPayload"]!.Str("state"), callback.State);
        Assert.Equal(v["body"]!.Str("txID"), callback.TxId);
        Assert.Null(client.ContentKeys.Current);
    }

    [Theory]
    [MemberData(nameof(VectorCallbacks))]
    public async Task Vector_callback_accepted_for_its_operation_adopts_the_vector_callback_key(int index)
    {
        var v = TestVectors.Section("callbacks")[index]!;
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var payload = v["expectedPayload"]!;
        await client.Operations.BeginAsync(IAmSmartFunctions.Profile, payload.Str("businessID"), payload.Str("state"), Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(v["body"]!.ToJson()), Ct);
        var result = await client.Operations.WaitForCompletionAsync(payload.Str("businessID"), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(ContentKey.FromBase64(v.Str("expectedCek")), client.ContentKeys.Current);
        Assert.True(TestVectors.JsonEquals(payload.ToJson(), result.Payload!.Value.GetRawText()));
    }

    [Fact]
    public async Task Wrapped_and_bare_payloads_read_the_same()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var payload = CallbackBuilder.StepUpPayload("b1", "s1");

        var wrapped = await client.Callbacks.ReadAsync(Utf8(TestVectors.Callbacks.Success(payload, wrapped: true)), Ct);
        var bare = await client.Callbacks.ReadAsync(Utf8(TestVectors.Callbacks.Success(payload)), Ct);

        Assert.Equal(payload, wrapped.Payload!.Value.GetRawText());
        Assert.Equal(payload, bare.Payload!.Value.GetRawText());
    }

    [Theory]
    [InlineData("D40000", CallbackStatus.UserOutcome, UserOutcome.Cancelled)]
    [InlineData("D50001", CallbackStatus.UserOutcome, UserOutcome.Rejected)]
    [InlineData("D60002", CallbackStatus.UserOutcome, UserOutcome.Failed)]
    [InlineData("D70003", CallbackStatus.UserOutcome, UserOutcome.TimedOut)]
    [InlineData("D70004", CallbackStatus.UserOutcome, UserOutcome.NotSigningCapable)]
    [InlineData("D70005", CallbackStatus.UserOutcome, UserOutcome.IdentityMismatch)]
    [InlineData("D80001", CallbackStatus.UserOutcome, UserOutcome.Rejected)]
    [InlineData("D20000", CallbackStatus.Failed, null)]
    [InlineData("D99999", CallbackStatus.Failed, null)]
    public async Task Failure_code_maps_to_a_status_and_outcome_not_an_exception(string code, CallbackStatus status, UserOutcome? outcome)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var callback = await client.Callbacks.ReadAsync(Utf8(TestVectors.Callbacks.Failure(code, "b1", "s1")), Ct);

        Assert.Equal(status, callback.Status);
        Assert.Equal(outcome, callback.Outcome);
        Assert.Equal(code, callback.Code);
        Assert.Equal("b1", callback.BusinessId);
        Assert.False(callback.IsSuccess);
    }

    [Fact]
    public async Task Failure_callback_with_plain_ids_and_no_key_is_read()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var callback = await client.Callbacks.ReadAsync(Utf8("""{"txID":"<T=1>","code":"D80003","message":"timeout","content":{"businessID":"b9"}}"""), Ct);

        Assert.Equal(UserOutcome.TimedOut, callback.Outcome);
        Assert.Equal("b9", callback.BusinessId);
        Assert.Null(callback.State);
    }

    [Fact]
    public async Task Tampered_content_is_rejected_as_undecryptable_without_quoting_it()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var body = CallbackBuilder.TamperContent(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("b1", "s1")));

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Utf8(body), Ct));

        Assert.Equal(CallbackRejection.Undecryptable, ex.Rejection);
        Assert.DoesNotContain(JsonNode.Parse(body)!["content"]!.GetValue<string>()[..20], ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_key_for_another_kek_is_rejected_as_undecryptable()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        using var otherKek = System.Security.Cryptography.RSA.Create(2048);
        var (_, bytes) = CallbackBuilder.NewKey();
        var content = AesGcmContentCipher.Instance.Encrypt(Utf8(CallbackBuilder.StepUpPayload("b1", "s1")), new ContentKey(bytes));
        var body = CallbackBuilder.Envelope("D00000", content, Convert.ToBase64String(otherKek.Encrypt(bytes, System.Security.Cryptography.RSAEncryptionPadding.Pkcs1)));

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Utf8(body), Ct));

        Assert.Equal(CallbackRejection.Undecryptable, ex.Rejection);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"txID":"<T=1>","message":"no code"}""")]
    [InlineData("""{"txID":"<T=1>","code":"D00000","message":"SUCCESS"}""")]
    public async Task Malformed_envelope_is_rejected_as_malformed(string body)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Utf8(body), Ct));

        Assert.Equal(CallbackRejection.Malformed, ex.Rejection);
    }

    [Fact]
    public async Task Decrypted_content_that_is_not_json_is_rejected_without_quoting_it()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var (key, bytes) = CallbackBuilder.NewKey();
        var body = CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(Utf8("CHAN Tai Man A123456(3)"), key), TestVectors.Callbacks.Wrap(bytes));

        var ex = await Assert.ThrowsAsync<CallbackRejectedException>(() => client.Callbacks.ReadAsync(Utf8(body), Ct));

        Assert.Equal(CallbackRejection.Undecryptable, ex.Rejection);
        Assert.DoesNotContain("CHAN", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Callback_to_string_shows_no_payload_or_state()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"enName":{"UnstructuredName":"CHAN, Tai Man"}}""");
        var callback = new IAmSmartCallback(CallbackStatus.Succeeded, "D00000", "<T=1>", "b", "secret-state", document.RootElement);

        Assert.DoesNotContain("CHAN", callback.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-state", callback.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_deserialization_without_a_payload_says_so()
    {
        var callback = new IAmSmartCallback(CallbackStatus.NotReceived, null, null, "b", "s", null, UserOutcome.TimedOut);

        var type = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<System.Text.Json.JsonElement>)System.Text.Json.JsonSerializerOptions.Default.GetTypeInfo(typeof(System.Text.Json.JsonElement));

        Assert.Throws<InvalidOperationException>(() => callback.DeserializePayload(type));
    }
}
