using System.Net;
using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>The server-callback endpoint: acknowledgements, rejections, limits, and waiting for results.</summary>
public sealed class CallbackEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostAsync(IAmSmartTestHost host, string body, string contentType = "application/json")
    {
        // Set without validation: StringContent refuses a media type with parameters, and hostile callers send anything.
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return host.Client.PostAsync("/iamsmart/callback", content, Ct);
    }

    private static async Task<(PendingOperation Operation, PendingOperations Operations)> BeginAsync(IAmSmartTestHost host, IAmSmartFunction? kind = null)
    {
        var operations = host.Services.GetRequiredService<IAmSmartClient>().Operations;
        return (await operations.BeginAsync(kind ?? IAmSmartFunctions.StepUp, Ct), operations);
    }

    [Fact]
    public async Task Callback_that_arrives_before_the_wait_is_acknowledged_and_the_wait_returns_it()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);

        var response = await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State), wrapped: true));
        var result = StepUpResult.FromCallback(await operations.WaitForCompletionAsync(op.BusinessId, Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"code":"D00000","message":"SUCCESS"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.True(result.IsPassed);
    }

    [Fact]
    public async Task Callback_that_arrives_while_waiting_completes_the_wait()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);
        var wait = operations.WaitForCompletionAsync(op.BusinessId, Ct);
        await Task.Delay(50, Ct);
        Assert.False(wait.IsCompleted);

        var response = await PostAsync(host, TestVectors.Callbacks.Failure("D80002", op.BusinessId, op.State));
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UserOutcome.Failed, StepUpResult.FromCallback(result).Outcome);
    }

    [Fact]
    public async Task Callback_that_never_arrives_times_out_on_the_clock()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);
        var wait = operations.WaitForCompletionAsync(op.BusinessId, Ct);
        await Task.Delay(50, Ct);

        host.Time.Advance(TimeSpan.FromMinutes(18));
        var result = await wait.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(CallbackStatus.NotReceived, result.Status);
        Assert.Equal(UserOutcome.TimedOut, StepUpResult.FromCallback(result).Outcome);
    }

    [Fact]
    public async Task Replayed_callback_is_acknowledged_again_and_changes_nothing()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);
        var body = TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State));
        await PostAsync(host, body);
        var before = await operations.Store.GetAsync(op.BusinessId, Ct);

        var replay = await PostAsync(host, body);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Same(before, await operations.Store.GetAsync(op.BusinessId, Ct));
    }

    [Fact]
    public async Task Second_callback_with_a_different_payload_is_refused_with_409_and_the_first_result_stands()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);
        await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State, isPassed: false)));

        var forged = await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State, isPassed: true)));

        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.False(StepUpResult.FromCallback((await operations.GetResultAsync(op.BusinessId, Ct))!).IsPassed);
    }

    [Fact]
    public async Task Forged_callback_with_an_unknown_state_is_refused_with_404_and_the_operation_stays_pending()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);

        var response = await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, IAmSmartState.Generate())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"code":"rejected","reason":"unknown_operation"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Null(await operations.GetResultAsync(op.BusinessId, Ct));
    }

    [Fact]
    public async Task Callback_for_an_unknown_operation_is_refused_with_404()
    {
        await using var host = await IAmSmartTestHost.StartAsync();

        var response = await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload("never-started", "s1")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_content_is_refused_with_400_and_changes_nothing()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);

        var response = await PostAsync(host, CallbackBuilder.TamperContent(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("undecryptable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(await operations.GetResultAsync(op.BusinessId, Ct));
    }

    [Theory]
    [InlineData("{\"code\":")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Malformed_json_is_refused_with_400(string body)
    {
        await using var host = await IAmSmartTestHost.StartAsync();

        var response = await PostAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Wrong_content_type_is_refused_with_415(string contentType)
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, _) = await BeginAsync(host);

        var response = await PostAsync(host, TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State)), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Multipart_callback_is_read_and_acknowledged_not_refused_with_415()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host);
        var (body, contentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State)));
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await host.Client.PostAsync("/iamsmart/callback", content, Ct);
        var result = await operations.WaitForCompletionAsync(op.BusinessId, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.IsSuccess);
        Assert.Equal("sigFile", Assert.Single(result.Attachments).Name);
    }

    [Fact]
    public async Task Malformed_multipart_callback_is_refused_with_400_not_500()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, _) = await BeginAsync(host);

        var response = await PostAsync(host, "--elsewhere\r\n\r\n{}", "multipart/form-data; boundary=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False((await host.Services.GetRequiredService<IAmSmartClient>().Operations.Store.GetAsync(op.BusinessId, Ct))!.IsCompleted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Body_the_server_cannot_read_as_sent_is_refused_with_its_status_not_500(bool multipart)
    {
        // What Kestrel throws when a body ends before its Content-Length, or its chunked encoding is bad.
        await using var host = await IAmSmartTestHost.StartAsync(beforeAuthentication: app => app.Use(async (context, next) =>
        {
            context.Request.Body = new EndsEarlyBody(context.Request.Body, after: 40);
            await next(context);
        }));
        var (op, operations) = await BeginAsync(host);
        var envelope = TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State));
        var (body, contentType) = multipart
            ? CallbackBuilder.Multipart(envelope, sigFile: null)
            : (Encoding.UTF8.GetBytes(envelope), "application/json");

        var response = await PostAsync(host, Encoding.UTF8.GetString(body), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False((await operations.Store.GetAsync(op.BusinessId, Ct))!.IsCompleted);
    }

    [Fact]
    public async Task Body_with_bad_chunked_encoding_over_a_socket_is_refused_with_400_and_stores_nothing()
    {
        // Kestrel's own BadHttpRequestException (400), thrown from the body read, on a connection still open to answer on.
        await using var host = await IAmSmartTestHost.StartAsync(kestrel: true);
        var (op, operations) = await BeginAsync(host);
        var body = TestVectors.Callbacks.Success(CallbackBuilder.StepUpPayload(op.BusinessId, op.State));
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, host.Client.BaseAddress!.Port, Ct);
        var stream = socket.GetStream();
        var request = $"POST /iamsmart/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n{body[..20]}\r\nzz\r\n"; // a 20-byte chunk, then a size that is not hex
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // bounded so that a regression fails instead of hanging
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("HTTP/1.1 400 Bad Request", status);
        Assert.Contains("malformed", await reader.ReadToEndAsync(timeout.Token), StringComparison.Ordinal);
        Assert.False((await operations.Store.GetAsync(op.BusinessId, Ct))!.IsCompleted);
    }

    /// <summary>A request body that fails after a few bytes as Kestrel's does when the sender stops short of its Content-Length.</summary>
    private sealed class EndsEarlyBody(Stream inner, int after) : AsyncOnlyRequestBody
    {
        private int _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= after)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("Unexpected end of request content.", 400);
            }

            var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, after - _read)], cancellationToken);
            _read += read;
            return read;
        }
    }

    [Fact]
    public async Task Body_over_the_limit_is_refused_with_413()
    {
        await using var host = await IAmSmartTestHost.StartAsync(configureCallbacks: o => o.MaxBodySize = 1024);
        var (op, operations) = await BeginAsync(host);
        var payload = $$"""{"businessID":"{{op.BusinessId}}","state":"{{op.State}}","isPassed":true,"padding":"{{new string('x', 2048)}}"}""";

        var response = await PostAsync(host, TestVectors.Callbacks.Success(payload));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await operations.GetResultAsync(op.BusinessId, Ct));
    }

    [Fact]
    public async Task Default_limit_accepts_a_callback_the_size_of_an_address_proof_pdf()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, operations) = await BeginAsync(host, IAmSmartFunctions.EMe);
        var pdf = Convert.ToBase64String(new byte[4 * 1024 * 1024]);
        var payload = $$$"""{"businessID":"{{{op.BusinessId}}}","state":"{{{op.State}}}","addressDocFile":{"docFile":"{{{pdf}}}","billDate":1772355600000}}""";

        var response = await PostAsync(host, TestVectors.Callbacks.Success(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await operations.GetResultAsync(op.BusinessId, Ct));
    }

    [Fact]
    public async Task Answers_never_echo_personal_data_from_the_callback()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var (op, _) = await BeginAsync(host, IAmSmartFunctions.Profile);
        var payload = $$$"""{"businessID":"{{{op.BusinessId}}}","state":"{{{op.State}}}","enName":{"UnstructuredName":"CHEUNG, Mei Ling"},"idNo":{"Identification":"G552961","CheckDigit":"0"}}""";
        var body = TestVectors.Callbacks.Success(payload);

        var answers = new[]
        {
            await PostAsync(host, body),
            await PostAsync(host, TestVectors.Callbacks.Success(payload.Replace("Mei Ling", "Mei Lan", StringComparison.Ordinal))),
            await PostAsync(host, body, "text/plain"),
        };

        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("CHEUNG", text, StringComparison.Ordinal);
            Assert.DoesNotContain("G552961", text, StringComparison.Ordinal);
            Assert.DoesNotContain(op.State, text, StringComparison.Ordinal);
            Assert.DoesNotContain(op.BusinessId, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_post_is_mapped()
    {
        await using var host = await IAmSmartTestHost.StartAsync();

        var response = await host.Client.GetAsync("/iamsmart/callback", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
