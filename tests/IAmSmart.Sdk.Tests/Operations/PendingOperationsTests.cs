using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace IAmSmart.Sdk.Tests.Operations;

public sealed class PendingOperationsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly CapturingLoggerProvider _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _logs.Dispose();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private IAmSmartClient Client(IPendingOperationStore? store = null)
    {
        var options = VectorClient.Options();
        options.PendingOperations.PollInterval = TimeSpan.FromMilliseconds(20);
        return IAmSmartClient.Create(options, new FakeIAmSmartHandler(), _logs.CreateFactory(), _time, store);
    }

    [Fact]
    public async Task Operation_lives_18_minutes_by_default()
    {
        var operation = await Client().Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        Assert.Equal(TimeSpan.FromMinutes(18), operation.ExpiresAt - operation.CreatedAt);
        Assert.Equal(Start, operation.CreatedAt);
        Assert.True(Auth.IAmSmartStateWellFormed(operation.BusinessId) && Auth.IAmSmartStateWellFormed(operation.State));
        Assert.NotEqual(operation.BusinessId, operation.State);
    }

    // Addendum §A4.9 [G]: bulk result pages may come after the 18-minute callback timeout, so bulk signing has its own lifetime.
    [Fact]
    public async Task Bulk_signing_operations_live_for_their_own_lifetime_and_the_others_18_minutes()
    {
        var operations = Client().Operations;

        var bulk = await operations.BeginAsync(IAmSmartFunctions.BulkSigning, Ct);
        var anonymousBulk = await operations.BeginAsync(IAmSmartFunctions.AnonymousBulkSigning, Ct);
        var hash = await operations.BeginAsync(IAmSmartFunctions.HashSigning, Ct);

        Assert.Equal(TimeSpan.FromHours(2), new PendingOperationOptions().BulkSigningLifetime);
        Assert.Equal(TimeSpan.FromHours(2), bulk.ExpiresAt - bulk.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(2), anonymousBulk.ExpiresAt - anonymousBulk.CreatedAt);
        Assert.Equal(TimeSpan.FromMinutes(18), hash.ExpiresAt - hash.CreatedAt);
        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.NotNull(await operations.Store.GetAsync(bulk.BusinessId, Ct)); // still waiting for its pages
        Assert.Null(await operations.Store.GetAsync(hash.BusinessId, Ct));
    }

    [Fact]
    public async Task Bulk_signing_lifetime_is_configurable_and_must_be_positive()
    {
        var options = VectorClient.Options();
        options.PendingOperations.BulkSigningLifetime = TimeSpan.FromHours(6);
        using var client = IAmSmartClient.Create(options, new FakeIAmSmartHandler(), timeProvider: _time);

        var bulk = await client.Operations.BeginAsync(IAmSmartFunctions.BulkSigning, Ct);

        Assert.Equal(TimeSpan.FromHours(6), bulk.ExpiresAt - bulk.CreatedAt);
        var invalid = VectorClient.Options();
        invalid.PendingOperations.BulkSigningLifetime = TimeSpan.Zero;
        Assert.ThrowsAny<ArgumentException>(() => IAmSmartClient.Create(invalid, new FakeIAmSmartHandler(), timeProvider: _time));
    }

    [Fact]
    public async Task Callback_that_arrives_before_the_wait_is_returned_at_once()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);

        var result = await client.Operations.WaitForCompletionAsync(op.BusinessId, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(CallbackStatus.Succeeded, result.Status);
        Assert.Equal(op.State, result.State);
    }

    [Fact]
    public async Task Callback_that_arrives_while_waiting_completes_the_wait()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var wait = client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);
        await Task.Delay(50, Ct);
        Assert.False(wait.IsCompleted);

        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Failure("D80001", op.BusinessId, op.State)), Ct);
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(UserOutcome.Rejected, result.Outcome);
        Assert.Equal("D80001", result.Code);
    }

    [Fact]
    public async Task Callback_that_never_arrives_ends_the_wait_as_timed_out_when_the_clock_passes_the_lifetime()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var wait = client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);
        await Task.Delay(50, Ct);
        Assert.False(wait.IsCompleted);

        _time.Advance(TimeSpan.FromMinutes(18));
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(CallbackStatus.NotReceived, result.Status);
        Assert.Equal(UserOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Code);
        Assert.Contains(_logs.Entries, e => e.Id.Id == 24);
    }

    [Fact]
    public async Task Waiting_stops_when_cancelled()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var wait = client.Operations.WaitForCompletionAsync(op.BusinessId, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        Assert.NotNull(await client.Operations.Store.GetAsync(op.BusinessId, Ct));
    }

    [Fact]
    public async Task Waiting_for_an_unknown_operation_says_so()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client().Operations.WaitForCompletionAsync("nobody", Ct));

        Assert.Equal("businessId", ex.ParamName);
    }

    [Fact]
    public async Task Duplicate_callback_is_acknowledged_and_changes_nothing()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var body = Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State)));
        await client.Operations.AcceptCallbackAsync(body, Ct);
        var before = await client.Operations.Store.GetAsync(op.BusinessId, Ct);
        _time.Advance(TimeSpan.FromSeconds(3));

        var receipt = await client.Operations.AcceptCallbackAsync(body, Ct);
        var after = await client.Operations.Store.GetAsync(op.BusinessId, Ct);

        Assert.Equal(CallbackDisposition.Duplicate, receipt.Disposition);
        Assert.True(receipt.IsAcknowledged);
        Assert.Same(before, after);
    }

    [Fact]
    public async Task Same_payload_re_encrypted_under_another_key_is_a_duplicate_and_its_key_is_not_adopted()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var payload = CallbackBuilder.StepUpPayload(op.BusinessId, op.State);
        var (firstKey, firstBytes) = CallbackBuilder.NewKey();
        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(payload, keyBytes: firstBytes)), Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(payload, wrapped: true)), Ct);

        Assert.Equal(CallbackDisposition.Duplicate, receipt.Disposition);
        Assert.Equal(firstKey, client.ContentKeys.Current);
    }

    [Fact]
    public async Task Different_second_callback_is_rejected_and_logged_as_a_security_event_without_personal_data()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.Profile, Ct);
        var (firstKey, firstBytes) = CallbackBuilder.NewKey();
        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State), keyBytes: firstBytes)), Ct);
        var forged = $$$"""{"businessID":"{{{op.BusinessId}}}","state":"{{{op.State}}}","enName":{"UnstructuredName":"WONG, Siu Ming"},"idNo":{"Identification":"B694212","CheckDigit":"7"}}""";

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(forged)), Ct);
        var result = await client.Operations.WaitForCompletionAsync(op.BusinessId, Ct);

        Assert.Equal(CallbackDisposition.Rejected, receipt.Disposition);
        Assert.Equal(CallbackRejection.Conflict, receipt.Rejection);
        Assert.False(receipt.IsAcknowledged);
        Assert.Equal(CallbackBuilder.StepUpPayload(op.BusinessId, op.State), result.Payload!.Value.GetRawText());
        Assert.Equal(firstKey, client.ContentKeys.Current);
        var security = Assert.Single(_logs.Entries, e => e.Id.Id == 23);
        Assert.Equal(LogLevel.Error, security.Level);
        Assert.Contains("Security", security.Message, StringComparison.Ordinal);
        Assert.All(_logs.Entries, e =>
        {
            Assert.DoesNotContain("WONG", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("B694212", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(op.State, e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Callback_for_an_unknown_operation_is_rejected_and_changes_nothing()
    {
        var client = Client();

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("unknown-biz", "s1"))), Ct);

        Assert.Equal(CallbackRejection.UnknownOperation, receipt.Rejection);
        Assert.Null(await client.Operations.Store.GetAsync("unknown-biz", Ct));
        Assert.Null(client.ContentKeys.Current);
        Assert.Contains(_logs.Entries, e => e.Id.Id == 22 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Callback_with_the_wrong_state_is_rejected_like_an_unknown_one_and_the_operation_stays_pending()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, "guessed-state"))), Ct);

        Assert.Equal(CallbackRejection.UnknownOperation, receipt.Rejection);
        Assert.False((await client.Operations.Store.GetAsync(op.BusinessId, Ct))!.IsCompleted);
        Assert.Null(client.ContentKeys.Current);
    }

    [Fact]
    public async Task Success_callback_without_a_state_is_rejected_but_a_failure_with_only_the_business_id_is_accepted()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        var success = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success($$"""{"businessID":"{{op.BusinessId}}","isPassed":true}""")), Ct);
        var failure = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Failure("D80003", op.BusinessId)), Ct);

        Assert.Equal(CallbackRejection.UnknownOperation, success.Rejection);
        Assert.Equal(CallbackDisposition.Accepted, failure.Disposition);
        Assert.Equal(UserOutcome.TimedOut, (await client.Operations.GetResultAsync(op.BusinessId, Ct))!.Outcome);
    }

    [Fact]
    public async Task Callback_after_expiry_is_rejected()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        _time.Advance(TimeSpan.FromMinutes(18).Add(TimeSpan.FromSeconds(1)));

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);

        Assert.Equal(CallbackRejection.UnknownOperation, receipt.Rejection);
        Assert.Null(client.ContentKeys.Current);
    }

    [Fact]
    public async Task Callback_without_a_business_id_is_uncorrelated()
    {
        var receipt = await Client().Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success("""{"state":"s"}""")), Ct);

        Assert.Equal(CallbackRejection.Uncorrelated, receipt.Rejection);
    }

    [Fact]
    public async Task Malformed_and_tampered_callbacks_get_a_receipt_not_an_exception()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);

        var malformed = await client.Operations.AcceptCallbackAsync(Utf8("{"), Ct);
        var tampered = await client.Operations.AcceptCallbackAsync(Utf8(CallbackBuilder.TamperContent(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State)))), Ct);

        Assert.Equal(CallbackRejection.Malformed, malformed.Rejection);
        Assert.Equal(CallbackRejection.Undecryptable, tampered.Rejection);
        Assert.False((await client.Operations.Store.GetAsync(op.BusinessId, Ct))!.IsCompleted);
    }

    // One businessID rule for requests and callback correlation (contract §13, addendum §A4.2): a businessID with
    // characters outside state's charset is accepted when the operation begins, and its callback still correlates.
    [Fact]
    public async Task Business_id_of_printable_ascii_begins_and_its_callback_correlates()
    {
        var client = Client();
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "INV-2026/0001.a:b", "s-1", Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);
        var result = await client.Operations.WaitForCompletionAsync(op.BusinessId, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(CallbackStatus.Succeeded, result.Status);
        Assert.Equal("INV-2026/0001.a:b", result.BusinessId);
    }

    [Fact]
    public async Task Begin_refuses_a_business_id_in_use_or_malformed_naming_the_parameter()
    {
        var operations = Client().Operations;
        await operations.BeginAsync(IAmSmartFunctions.StepUp, "biz-1", "s-1", Ct);

        var duplicate = await Assert.ThrowsAsync<ArgumentException>(() => operations.BeginAsync(IAmSmartFunctions.StepUp, "biz-1", "s-2", Ct));
        var malformed = await Assert.ThrowsAsync<ArgumentException>(() => operations.BeginAsync(IAmSmartFunctions.StepUp, "biz 2", "s-2", Ct));
        var badState = await Assert.ThrowsAsync<ArgumentException>(() => operations.BeginAsync(IAmSmartFunctions.StepUp, "biz-3", new string('s', 37), Ct));

        Assert.Equal("businessId", duplicate.ParamName);
        Assert.Contains("D20011", duplicate.Message, StringComparison.Ordinal);
        Assert.Equal("businessId", malformed.ParamName);
        Assert.Equal("state", badState.ParamName);
    }

    [Fact]
    public async Task Callback_landing_on_another_instance_completes_the_wait_through_a_shared_cache()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        var waiter = Client(new DistributedCachePendingOperationStore(cache, _time));
        var receiver = Client(new DistributedCachePendingOperationStore(cache, _time));
        var op = await waiter.Operations.BeginAsync(IAmSmartFunctions.StepUp, Ct);
        var wait = waiter.Operations.WaitForCompletionAsync(op.BusinessId, Ct);
        await Task.Delay(50, Ct);

        var receipt = await receiver.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State, isPassed: false))), Ct);
        _time.Advance(TimeSpan.FromMilliseconds(20)); // one poll interval: the waiter's poll timer runs on the fake clock
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.False(Auth.StepUp(result).IsPassed);
        Assert.Equal(CallbackStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Shared_cache_never_holds_the_payload_in_clear()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        var client = Client(new DistributedCachePendingOperationStore(cache, _time));
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.Profile, Ct);
        var payload = $$$"""{"businessID":"{{{op.BusinessId}}}","state":"{{{op.State}}}","enName":{"UnstructuredName":"LEE, Ka Yan"}}""";

        await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(payload)), Ct);

        var stored = Encoding.UTF8.GetString((await cache.GetAsync(DistributedCachePendingOperationStore.KeyPrefix + op.BusinessId, Ct))!);
        Assert.Contains("\"Completion\"", stored, StringComparison.Ordinal);
        // Markers that Base64 ciphertext cannot produce by chance (a comma and spaces; a 16-letter name): "LEE" alone
        // turned up in random ciphertext about once in 250 runs.
        Assert.DoesNotContain("LEE, Ka Yan", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("UnstructuredName", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_signing_page_sent_to_the_single_callback_path_is_refused_and_changes_nothing()
    {
        var client = Client(new InMemoryPendingOperationStore(_time));
        var op = await client.Operations.BeginAsync(IAmSmartFunctions.BulkSigning, Ct);

        var receipt = await client.Operations.AcceptCallbackAsync(Utf8(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))), Ct);

        Assert.Equal(CallbackDisposition.Rejected, receipt.Disposition);
        Assert.Equal(CallbackRejection.UnknownOperation, receipt.Rejection);
        Assert.Null((await client.Operations.Store.GetAsync(op.BusinessId, Ct))!.Completion);
    }

    /// <summary>Small bridges to keep the assertions above readable.</summary>
    private static class Auth
    {
        public static bool IAmSmartStateWellFormed(string value) => Sdk.Auth.IAmSmartState.IsWellFormed(value);

        public static Sdk.Auth.StepUpResult StepUp(IAmSmartCallback callback) => Sdk.Auth.StepUpResult.FromCallback(callback);
    }
}
