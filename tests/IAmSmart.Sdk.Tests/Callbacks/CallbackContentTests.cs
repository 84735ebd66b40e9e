using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Callbacks;

/// <summary>The callback shapes of addendum §A3: the <c>key</c> alias of <c>secretKey</c>, and multipart bodies.</summary>
public sealed class CallbackContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Payload = CallbackBuilder.StepUpPayload("b1", "s1");

    private static string EnvelopeWithKeyUnder(string member, byte[]? keyBytes = null)
    {
        keyBytes ??= CallbackBuilder.NewKey().Bytes;
        var content = Sdk.Crypto.AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Payload), new Sdk.Crypto.ContentKey(keyBytes));
        return CallbackBuilder.Envelope("D00000", content, TestVectors.Callbacks.Wrap(keyBytes), member);
    }

    [Theory]
    [InlineData("secretKey")]
    [InlineData("key")]
    public async Task Content_key_is_read_under_secretKey_or_key(string member)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var callback = await client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(EnvelopeWithKeyUnder(member)), Ct);

        Assert.Equal(Payload, callback.Payload!.Value.GetRawText());
    }

    [Fact]
    public async Task SecretKey_wins_over_key_when_both_are_present()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var good = CallbackBuilder.NewKey().Bytes;
        var body = System.Text.Json.Nodes.JsonNode.Parse(EnvelopeWithKeyUnder("secretKey", good))!.AsObject();
        body["key"] = TestVectors.Callbacks.Wrap(CallbackBuilder.NewKey().Bytes); // a different key: decrypting with it would fail

        var callback = await client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), Ct);

        Assert.Equal(Payload, callback.Payload!.Value.GetRawText());
    }

    [Theory]
    [InlineData("\r\n", true)]
    [InlineData("\n", true)]
    [InlineData("\r\n", false)] // the spec's sample closes without the trailing "--" (addendum §A3.3)
    public async Task Multipart_callback_is_read_from_its_sigMetada_part_and_keeps_the_other_parts(string newline, bool closed)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var (body, contentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(Payload), sigFile: "\"signatures\": [{\"id\":\"d1\"}]", newline: newline, closed: closed);

        var callback = await client.Callbacks.ReadAsync(body, contentType, Ct);

        Assert.Equal(CallbackStatus.Succeeded, callback.Status);
        Assert.Equal("b1", callback.BusinessId);
        var attachment = Assert.Single(callback.Attachments);
        Assert.Equal("sigFile", attachment.Name);
        Assert.Equal("signatures.txt", attachment.FileName);
        Assert.Equal("\"signatures\": [{\"id\":\"d1\"}]", Encoding.UTF8.GetString(attachment.Content.Span));
        Assert.DoesNotContain("d1", attachment.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multipart_envelope_is_found_by_json_content_type_when_no_part_is_named_sigMetada()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var (body, contentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(Payload), sigFile: null, envelopePart: "envelope");

        var callback = await client.Callbacks.ReadAsync(body, contentType, Ct);

        Assert.Equal("b1", callback.BusinessId);
        Assert.Empty(callback.Attachments);
    }

    [Fact]
    public async Task Multipart_callback_completes_its_operation_and_is_read_back_from_the_store()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var (body, contentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(Payload), sigFile: "binary\0\xff-ish");

        var receipt = await client.Operations.AcceptCallbackAsync(body, contentType, Ct);
        var repeat = await client.Operations.AcceptCallbackAsync(body, contentType, Ct);
        var stored = await client.Operations.GetResultAsync("b1", Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, repeat.Disposition);
        Assert.Equal(Payload, stored!.Payload!.Value.GetRawText());
        Assert.Equal("binary\0\xff-ish", Encoding.UTF8.GetString(Assert.Single(stored.Attachments).Content.Span));
    }

    [Fact]
    public async Task A_second_multipart_callback_with_other_signatures_is_a_conflict()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var envelope = TestVectors.Callbacks.Success(Payload);
        var first = CallbackBuilder.Multipart(envelope, sigFile: "\"signatures\": [{\"id\":\"d1\",\"signature\":\"AAAA\"}]");
        var second = CallbackBuilder.Multipart(envelope, sigFile: "\"signatures\": [{\"id\":\"d1\",\"signature\":\"BBBB\"}]");

        await client.Operations.AcceptCallbackAsync(first.Body, first.ContentType, Ct);
        var receipt = await client.Operations.AcceptCallbackAsync(second.Body, second.ContentType, Ct);

        Assert.Equal(CallbackRejection.Conflict, receipt.Rejection);
    }

    public static TheoryData<string, string> MalformedMultipart => new()
    {
        { "no boundary parameter", "multipart/form-data" },
        { "boundary not in body", "multipart/form-data; boundary=elsewhere" },
        { "unsupported type", "text/plain" },
        { "overlong boundary", "multipart/form-data; boundary=" + new string('b', 71) },
    };

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task Malformed_multipart_is_a_typed_rejection_that_changes_nothing(string why, string contentType)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        var (body, _) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(Payload));

        var receipt = await client.Operations.AcceptCallbackAsync(body, contentType, Ct);

        Assert.True(receipt.Rejection == CallbackRejection.Malformed, why);
        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "no envelope part", "--x\r\nContent-Disposition: form-data; name=\"sigFile\"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--x--" },
        { "delimiter not followed by a line break", "--xjunk\r\n\r\n{}\r\n--x--" },
        { "headers never end", "--x\r\nContent-Type: application/json\r\n" + new string('a', 9000) },
        { "too many parts", string.Concat(Enumerable.Repeat("--x\r\nContent-Type: text/plain\r\n\r\na\r\n", 40)) + "--x--" },
        { "envelope part is not JSON", "--x\r\nContent-Disposition: form-data; name=\"sigMetada\"\r\nContent-Type: application/json\r\n\r\nnot json\r\n--x--" },
        { "empty body", "" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_multipart_body_is_rejected_as_malformed(string why, string body)
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        var receipt = await client.Operations.AcceptCallbackAsync(Encoding.UTF8.GetBytes(body), "multipart/form-data; boundary=x", Ct);

        Assert.True(receipt.Rejection == CallbackRejection.Malformed, $"{why}: {receipt.Rejection}");
    }

    [Fact]
    public async Task Invalid_utf8_in_part_headers_is_rejected_as_malformed()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var body = Encoding.UTF8.GetBytes("--x\r\nContent-Type: application/json\r\nX: ?\r\n\r\n{}\r\n--x--");
        body[Array.IndexOf(body, (byte)'?')] = 0xC3; // a lead byte with no continuation

        var receipt = await client.Operations.AcceptCallbackAsync(body, "multipart/form-data; boundary=x", Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
    }

    [Fact]
    public async Task Content_with_json_escapes_is_read_as_well_as_content_decoded_from_the_body_bytes()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var keyBytes = CallbackBuilder.NewKey().Bytes;
        var content = Sdk.Crypto.AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Payload), new Sdk.Crypto.ContentKey(keyBytes));
        // As the production server writes it: Base64 as is, '+' and '/' unescaped.
        string Body(string contentText) => $$"""{"txID":"<T=ab>","code":"D00000","message":"SUCCESS","content":"{{contentText}}","secretKey":"{{TestVectors.Callbacks.Wrap(keyBytes)}}"}""";
        // A JSON writer may escape any character (\/, \u0041): then the value is not the body's bytes and is read as text.
        var escaped = $"\\u{(int)content[0]:x4}{content[1..]}";

        var fromBytes = await client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(Body(content)), Ct);
        var fromEscaped = await client.Callbacks.ReadAsync(Encoding.UTF8.GetBytes(Body(escaped)), Ct);

        Assert.Equal(Payload, fromBytes.Payload!.Value.GetRawText());
        Assert.Equal(Payload, fromEscaped.Payload!.Value.GetRawText());
    }

    [Fact]
    public void Unescaped_content_is_given_as_a_range_of_the_body()
    {
        var body = Encoding.UTF8.GetBytes("""{"txID":"<T=ab>","code":"D00000","content":"QUJD+/==","secretKey":"k"}""");

        var envelope = Sdk.Transport.ResponseEnvelope.Parse(body, "callback", status: null, contentAsRange: true);

        Assert.Null(envelope.EncryptedContent);
        Assert.Equal("QUJD+/==", Encoding.UTF8.GetString(body[envelope.EncryptedContentRange!.Value]));
        Assert.True(envelope.HasEncryptedContent);
    }
}
