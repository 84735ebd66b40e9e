using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

public sealed class TransportTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open%2Bid%3D","userType":"default","scope":"eidapi_auth"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_call_carries_the_five_headers_with_a_signature_over_the_exact_body()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext);
        var client = VectorClient.Create(handler);
        var (clientId, secret) = TestVectors.Credentials();

        await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal(2, handler.Requests.Count);
        foreach (var request in handler.Requests)
        {
            Assert.Equal(clientId, request.Header("clientID"));
            Assert.Equal("HmacSHA256", request.Header("signatureMethod"));
            Assert.Matches("^[0-9]{13}$", request.Header("timestamp"));
            Assert.InRange(request.Header("nonce").Length, 1, 36);
            var expected = new HmacSha256RequestSigner(secret).Sign(clientId, request.Header("timestamp"), request.Header("nonce"), request.Body);
            Assert.Equal(expected, request.Header("signature"));
        }

        Assert.Equal(IAmSmartTransport.KeyRequestBody, handler.To(IAmSmartFunctions.GetKey.Path).Single().Body);
        Assert.Matches("""^\{"content":"AAAAD[A-Za-z0-9+/=]+"\}$""", handler.To(IAmSmartFunctions.GetToken.Path).Single().Body);
    }

    [Fact]
    public async Task Content_key_refused_with_D30002_is_refreshed_and_the_call_sent_once_more()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, n) => n == 1 ? VectorClient.Failure("D30002") : VectorClient.Success(TokenPlaintext));
        var client = VectorClient.Create(handler);

        var token = await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal("tok-0001", token.Token);
        Assert.Equal("<T=00000000000000000000000000000001>", token.TxId); // the successful resend's, not the refusal's
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetToken.Path));
        var nonces = handler.To(IAmSmartFunctions.GetToken.Path).Select(r => r.Header("nonce")).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task Content_key_refused_twice_raises_the_typed_error_after_exactly_one_retry()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Failure("D30002"));
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartExpiredException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.Equal("D30002", ex.Code);
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    // Contract §3: "On any encryption error code (D30001–D30004), call getKey again and retry once", D30001 included.
    [Fact]
    public async Task Key_encryption_key_refused_with_D30001_is_answered_with_one_new_key_and_one_resend()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, n) => n == 1 ? VectorClient.Failure("D30001") : VectorClient.Success(TokenPlaintext));
        var client = VectorClient.Create(handler);

        var token = await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal("tok-0001", token.Token);
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task Key_encryption_key_refused_twice_raises_a_configuration_error_without_a_third_attempt()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Failure("D30001"));
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.Equal("D30001", ex.Code);
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Theory]
    [InlineData("D20006", typeof(IAmSmartConfigurationException))]
    [InlineData("D20008", typeof(IAmSmartConfigurationException))]
    [InlineData("D20009", typeof(IAmSmartExpiredException))]
    [InlineData("D40004", typeof(IAmSmartExpiredException))]
    [InlineData("D70005", typeof(IAmSmartUserOutcomeException))]
    [InlineData("D20000", typeof(IAmSmartServiceException))]
    [InlineData("D99999", typeof(IAmSmartServiceException))]
    public async Task Return_codes_map_to_the_exception_taxonomy_with_code_and_txid(string code, Type expected)
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Failure(code));
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAnyAsync<IAmSmartException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.Code);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal("<T=00000000000000000000000000000002>", ex.TxId);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorpID_style_msg_member_is_read_as_the_message()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => """{"txID":"<T=1>","code":"D20003","msg":"invalid parameter grantType"}""");
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartConfigurationException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.Contains("invalid parameter grantType", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"txID":"<T=1>","message":"SUCCESS"}""")]
    public async Task Unreadable_envelope_raises_a_service_error(string body)
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => body);
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.False(ex.IsTransient);
        Assert.Contains("cannot read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undecryptable_content_raises_a_cryptography_error()
    {
        var otherKey = new ContentKey(new byte[32]);
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Success(TokenPlaintext, otherKey));
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartCryptographyException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.Equal(ContentDecryptionFailure.AuthenticationFailed, ex.Failure);
    }

    [Fact]
    public async Task Content_that_is_not_the_expected_json_raises_a_service_error_without_the_plaintext()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, """{"accessToken": ["secret-value-A123456(3)"]}""");
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.DoesNotContain("secret-value", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thousand_concurrent_first_calls_make_exactly_one_getKey()
    {
        var release = new TaskCompletionSource();
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) =>
            {
                release.Task.Wait(TimeSpan.FromSeconds(30));
                return FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse());
            })
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Success(TokenPlaintext));
        var client = VectorClient.Create(handler);

        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() => client.Auth.GetTokenAsync($"code-{i}", Ct), Ct)).ToList();
        await Task.Delay(50, Ct);
        release.SetResult();
        var tokens = await Task.WhenAll(calls);

        Assert.Equal(1000, tokens.Length);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetKey.Path));
        Assert.Equal(1000, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task Concurrent_calls_have_unique_nonces_and_timestamps_that_never_go_back_even_when_the_clock_does()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var order = new ConcurrentQueue<long>();
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .On(IAmSmartFunctions.GetToken.Path, (r, _) =>
            {
                order.Enqueue(long.Parse(r.Header("timestamp"), CultureInfo.InvariantCulture));
                return FakeIAmSmartHandler.Json(VectorClient.Success(TokenPlaintext));
            });
        var client = VectorClient.Create(handler, time: time);

        await client.Auth.GetTokenAsync("first", Ct);
        time.AdjustTime(time.GetUtcNow() - TimeSpan.FromMinutes(5)); // the clock steps back (Advance only goes forward)
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => client.Auth.GetTokenAsync($"code-{i}", Ct), Ct)));

        var timestamps = order.ToArray();
        Assert.All(timestamps.Skip(1), t => Assert.True(t >= timestamps[0]));
        var nonces = handler.Requests.Select(r => r.Header("nonce")).ToList();
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public void Timestamps_are_non_decreasing_in_issue_order_under_contention()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var stamp = new RequestStamp(time);
        var issued = new ConcurrentQueue<(int Thread, long Value)>();

        Parallel.For(0, 4, thread =>
        {
            var last = 0L;
            for (var i = 0; i < 2000; i++)
            {
                if (i % 500 == 0 && thread == 0)
                {
                    time.AdjustTime(time.GetUtcNow() + TimeSpan.FromMilliseconds(i % 1000 == 0 ? -1000 : 7)); // may step back
                }

                var value = stamp.NextTimestamp();
                Assert.True(value >= last, "a thread saw a timestamp lower than one it saw before");
                last = value;
                issued.Enqueue((thread, value));
            }
        });

        Assert.Equal(8000, issued.Count);
    }

    [Fact]
    public async Task GetKey_is_retried_after_a_5xx_and_a_429_honouring_retry_after()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, n) => n switch
            {
                1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
                2 => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromMilliseconds(10)) } },
                _ => FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse()),
            });
        var client = VectorClient.Create(handler);

        var key = await client.ContentKeys.GetAsync(Ct);

        Assert.Equal(VectorClient.Cek(), key);
        Assert.Equal(3, handler.Count(IAmSmartFunctions.GetKey.Path));
        var nonces = handler.To(IAmSmartFunctions.GetKey.Path).Select(r => r.Header("nonce")).ToList();
        Assert.Equal(3, nonces.Distinct().Count());
    }

    [Fact]
    public async Task GetToken_is_never_retried_after_a_5xx()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .On(IAmSmartFunctions.GetToken.Path, (_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway));
        var client = VectorClient.Create(handler);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task A_connection_failure_is_a_transient_service_error()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => throw new HttpRequestException("connection refused"));
        var options = VectorClient.Options();
        options.MaxRetries = 1;
        var client = VectorClient.Create(handler, options);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.True(ex.IsTransient);
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_surfaces_as_cancellation()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse()));
        var client = VectorClient.Create(handler);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Auth.GetTokenAsync("code-1", cts.Token));
    }

    [Fact]
    public async Task Revoking_the_key_calls_revokeKey_and_the_next_call_fetches_a_new_key()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext)
            .OnJson(IAmSmartFunctions.RevokeKey.Path, (_, _) => """{"txID":"<T=3>","code":"D00000","message":"SUCCESS"}""");
        var client = VectorClient.Create(handler);
        await client.Auth.GetTokenAsync("one", Ct);

        await client.ContentKeys.RevokeAsync(Ct);
        await client.Auth.GetTokenAsync("two", Ct);

        Assert.Equal(1, handler.Count(IAmSmartFunctions.RevokeKey.Path));
        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Fact]
    public async Task Adopting_a_callback_key_makes_later_calls_use_it()
    {
        var callbackKey = new ContentKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Success(TokenPlaintext, callbackKey));
        var client = VectorClient.Create(handler);

        Assert.True(client.ContentKeys.Adopt(callbackKey));
        Assert.False(client.ContentKeys.Adopt(callbackKey));
        await client.Auth.GetTokenAsync("code-1", Ct);

        Assert.Equal(0, handler.Count(IAmSmartFunctions.GetKey.Path));
        var sent = JsonNode.Parse(handler.To(IAmSmartFunctions.GetToken.Path).Single().Body)!["content"]!.GetValue<string>();
        Assert.Contains("\"code\":\"code-1\"", Encoding.UTF8.GetString(AesGcmContentCipher.Instance.Decrypt(sent, callbackKey)), StringComparison.Ordinal);
    }
}
