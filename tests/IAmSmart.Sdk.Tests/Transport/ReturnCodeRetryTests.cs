using System.Net;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// The retry decision comes from the code table: on a wire with a fake iAM Smart, a call is repeated only when its code
/// is <see cref="ReturnCodeClass.Retryable"/> and the function is retry-safe. A user outcome or a caller error is sent once.
/// </summary>
public sealed class ReturnCodeRetryTests
{
    private const int MaxRetries = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> EveryErrorCodeUnderHttp200And500()
    {
        var data = new TheoryData<string, int>();
        foreach (var info in ReturnCodes.All.Where(c => c.Class != ReturnCodeClass.Success))
        {
            data.Add(info.Code, 200);
            data.Add(info.Code, 500);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryErrorCodeUnderHttp200And500))]
    public async Task A_retry_safe_call_is_repeated_only_for_a_retryable_code(string code, int status)
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.Failure(code), (HttpStatusCode)status));
        var client = VectorClient.Create(handler, Options());
        Assert.True(IAmSmartFunctions.GetKey.IsRetrySafe);

        var ex = await Assert.ThrowsAnyAsync<IAmSmartException>(() => client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.Equal(code, ex.Code);
        ReturnCodes.TryGet(code, out var info);
        var repeated = info.Class == ReturnCodeClass.Retryable && !info.NeedsNewRequest && !ReturnCodes.IsContentKeyError(code);
        Assert.Equal(repeated ? 1 + MaxRetries : 1, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Theory]
    [InlineData("D77001", HttpStatusCode.OK)]
    [InlineData("D77001", HttpStatusCode.ServiceUnavailable)]
    [InlineData("D70000", HttpStatusCode.BadGateway)]
    [InlineData("D20006", HttpStatusCode.InternalServerError)]
    public async Task A_user_outcome_or_caller_error_is_sent_once_even_under_a_5xx(string code, HttpStatusCode status)
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.Failure(code), status));
        var client = VectorClient.Create(handler, Options());

        var ex = await Assert.ThrowsAnyAsync<IAmSmartException>(() => client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.Equal(code, ex.Code);
        Assert.NotEqual(IAmSmartErrorCategory.Service, ex.Category);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Fact]
    public async Task A_retryable_code_on_a_retry_safe_call_is_retried_until_it_succeeds()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, n) => n < 3 ? VectorClient.Failure(n == 1 ? "S00001" : "C00001") : VectorClient.GetKeyResponse());
        using var logs = new CapturingLoggerProvider();
        using var factory = logs.CreateFactory();
        var client = IAmSmartClient.Create(Options(), handler, factory);

        var key = await client.ContentKeys.GetAsync(Ct);

        Assert.Equal(VectorClient.Cek(), key);
        Assert.Equal(3, handler.Count(IAmSmartFunctions.GetKey.Path));
        var retries = logs.Entries.Where(e => e.Id.Id == 7).Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Contains("after HTTP 200 S00001", retries[0], StringComparison.Ordinal); // the log says which code was retried
        Assert.Contains("after HTTP 200 C00001", retries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retryable_code_on_a_call_that_is_not_retry_safe_is_sent_once_and_reported_transient()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.GetToken.Path, (_, _) => VectorClient.Failure("D20000"));
        var client = VectorClient.Create(handler, Options());
        Assert.False(IAmSmartFunctions.GetToken.IsRetrySafe);

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.Auth.GetTokenAsync("code-1", Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetToken.Path));
    }

    [Fact]
    public async Task An_unknown_code_is_not_retried_and_is_not_transient()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, _) => FakeIAmSmartHandler.Json(VectorClient.Failure("X12345"), HttpStatusCode.ServiceUnavailable));
        var client = VectorClient.Create(handler, Options());

        var ex = await Assert.ThrowsAsync<IAmSmartServiceException>(() => client.ContentKeys.GetAsync(Ct).AsTask());

        Assert.False(ex.IsTransient);
        Assert.Equal("X12345", ex.Code);
        Assert.Equal(1, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    [Fact]
    public async Task A_5xx_without_a_code_is_still_retried_by_its_status()
    {
        var handler = new FakeIAmSmartHandler()
            .On(IAmSmartFunctions.GetKey.Path, (_, n) => n == 1
                ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") }
                : FakeIAmSmartHandler.Json(VectorClient.GetKeyResponse()));
        var client = VectorClient.Create(handler, Options());

        await client.ContentKeys.GetAsync(Ct);

        Assert.Equal(2, handler.Count(IAmSmartFunctions.GetKey.Path));
    }

    private static IAmSmartOptions Options()
    {
        var options = VectorClient.Options();
        options.MaxRetries = MaxRetries;
        return options;
    }
}
