using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Callbacks;

/// <summary>
/// Callbacks read from a stream (issue 15 item 2): multipart part by part as the bytes arrive, and every limit on
/// hostile input a typed rejection that stores nothing.
/// </summary>
public sealed class MultipartStreamTests
{
    private const string Boundary = "b0undary-7MA4YWxk";
    private const string ContentType = "multipart/form-data; boundary=" + Boundary;
    private const long Limit = 15 * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Payload = CallbackBuilder.StepUpPayload("b1", "s1");

    private static async Task<IAmSmartClient> ClientWithOperationAsync()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        await client.Operations.BeginAsync(IAmSmartFunctions.StepUp, "b1", "s1", Ct);
        return client;
    }

    private static byte[] Part(string name, string content, string extraHeaders = "")
        => Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{extraHeaders}Content-Type: text/plain\r\n\r\n{content}\r\n");

    private static byte[] Body(params byte[][] pieces) => [.. pieces.SelectMany(p => p)];

    private static byte[] Envelope() => Part("sigMetada", TestVectors.Callbacks.Success(Payload));

    private static byte[] Close => Encoding.ASCII.GetBytes($"--{Boundary}--\r\n");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task A_multipart_callback_arriving_in_small_chunks_is_accepted_with_its_parts(int chunk)
    {
        var client = await ClientWithOperationAsync();
        var (body, contentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(Payload), sigFile: "\"signatures\": [{\"id\":\"d1\"}]");
        using var stream = new ChunkedStream(body, chunk);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, contentType, Limit, Ct);
        var stored = await client.Operations.GetResultAsync("b1", Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(Payload, stored!.Payload!.Value.GetRawText());
        Assert.Equal("\"signatures\": [{\"id\":\"d1\"}]", Encoding.UTF8.GetString(Assert.Single(stored.Attachments).Content.Span));
    }

    [Fact]
    public async Task A_delimiter_split_across_reads_is_found_and_only_its_own_line_break_is_taken_from_the_part()
    {
        // 3-byte reads split "\r\n--boundary" at every offset over the body; the content ends just before the CR.
        var client = await ClientWithOperationAsync();
        var body = Body(Part("sigFile", "abc\r"), Envelope(), Close);
        using var stream = new ChunkedStream(body, 3);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);
        var stored = await client.Operations.GetResultAsync("b1", Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal("abc\r", Encoding.UTF8.GetString(Assert.Single(stored!.Attachments).Content.Span));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 1)]
    [InlineData(11, 1)]
    [InlineData(100, 1)]
    [InlineData(0, 4096)]
    [InlineData(7, 4096)]
    [InlineData(8, 4096)]
    [InlineData(9, 4096)]
    [InlineData(11, 4096)]
    [InlineData(100, 4096)]
    public async Task A_last_delimiter_without_its_close_followed_by_blanks_ends_the_body(int blanks, int chunk)
    {
        // The spec's sample ends "--boundary" with no "--" (addendum §A3.3); line breaks, spaces and tabs may trail it.
        var client = await ClientWithOperationAsync();
        var trailer = string.Concat(Enumerable.Repeat("\r\n \t", 25))[..blanks];
        var body = Body(Part("sigFile", "abc"), Envelope(), Encoding.ASCII.GetBytes($"--{Boundary}{trailer}"));
        using var stream = new ChunkedStream(body, chunk);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal("abc", Encoding.UTF8.GetString(Assert.Single((await client.Operations.GetResultAsync("b1", Ct))!.Attachments).Content.Span));
    }

    [Fact]
    public async Task A_part_without_headers_whose_content_starts_with_blanks_is_still_a_part()
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Encoding.ASCII.GetBytes($"--{Boundary}\r\n\r\n \r\n\t x\r\n"), Envelope(), Close);
        using var stream = new ChunkedStream(body, 1);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Equal(" \r\n\t x", Encoding.UTF8.GetString(Assert.Single((await client.Operations.GetResultAsync("b1", Ct))!.Attachments).Content.Span));
    }

    [Fact]
    public async Task A_long_header_block_arriving_a_byte_per_read_is_parsed()
    {
        var client = await ClientWithOperationAsync();
        var extra = string.Concat(Enumerable.Range(0, 60).Select(i => $"X-Invented-{i}: {new string('v', 100)}\r\n"));
        var body = Body(Part("sigFile", "abc", extra), Envelope(), Close);
        using var stream = new ChunkedStream(body, 1);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        var part = Assert.Single((await client.Operations.GetResultAsync("b1", Ct))!.Attachments);
        Assert.Equal("sigFile", part.Name);
        Assert.Equal("text/plain", part.ContentType);
        Assert.Equal("abc", Encoding.UTF8.GetString(part.Content.Span));
    }

    [Theory]
    [InlineData(1 << 30, (1L << 30) + 1, long.MaxValue, 0x7FFFFFC7)] // a doubled 1 GiB does not fit in an int: the largest array
    [InlineData(4096, 5000, long.MaxValue, 8192)]
    [InlineData(4096, 5000, 6000, 6000)]
    [InlineData(0x7FFFFFC7 - 10, 0x7FFFFFC7, long.MaxValue, 0x7FFFFFC7)]
    public void A_pooled_buffer_grows_by_doubling_within_the_cap_and_the_largest_array(int current, long needed, long cap, int expected)
        => Assert.Equal(expected, CallbackContent.GrowBufferSize(current, needed, cap));

    [Theory]
    [InlineData(0x7FFFFFC7, 0x7FFFFFC8L, long.MaxValue)] // past the largest array, whatever the cap
    [InlineData(4096, 6001, 6000)]
    public void Growing_a_pooled_buffer_past_its_cap_or_the_largest_array_is_a_typed_too_large(int current, long needed, long cap)
        => Assert.Equal(CallbackRejection.TooLarge, Assert.Throws<CallbackRejectedException>(() => CallbackContent.GrowBufferSize(current, needed, cap)).Rejection);

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(10L)]   // a Content-Length that understates the body: the buffer still grows
    [InlineData(-1L)]   // exact (replaced by the body's length)
    [InlineData(1L << 20)] // one that overstates it
    public async Task A_json_body_from_a_request_stream_is_read_whole_whatever_its_size_hint(long? hint)
    {
        var body = Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(Payload));
        using var stream = new ChunkedStream(body, 1000);

        using var parts = await CallbackContent.ReadAsync(stream, "application/json", Limit, hint == -1 ? body.Length : hint, Ct);

        Assert.False(parts.IsMultipart);
        Assert.Equal(body, parts.Envelope.ToArray());
    }

    [Fact]
    public async Task A_json_body_longer_than_the_limit_is_too_large_whatever_its_size_hint_said()
    {
        var body = new byte[5000];
        using var stream = new ChunkedStream(body, 1000);

        var refused = await Assert.ThrowsAsync<CallbackRejectedException>(() => CallbackContent.ReadAsync(stream, null, 4096, sizeHint: 100, Ct));

        Assert.Equal(CallbackRejection.TooLarge, refused.Rejection);
    }

    [Fact]
    public async Task A_seekable_json_body_longer_than_the_limit_is_refused_before_it_is_read()
    {
        var client = await ClientWithOperationAsync();
        using var stream = new UnreadableSeekableStream(length: 20L * 1024 * 1024 * 1024);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, "application/json", Limit, Ct);

        Assert.Equal(CallbackRejection.TooLarge, receipt.Rejection);
        Assert.False(stream.WasRead);
    }

    [Fact]
    public async Task A_json_callback_is_read_from_the_stream_as_well()
    {
        var client = await ClientWithOperationAsync();
        using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(TestVectors.Callbacks.Success(Payload)), 5);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, "application/json", Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(ContentType)]
    public async Task A_body_over_the_limit_is_too_large_and_is_not_read_to_its_end(string contentType)
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Part("sigFile", new string('A', 1024 * 1024)), Envelope(), Close);
        using var stream = new ChunkedStream(body, 4096);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, contentType, 64 * 1024, Ct);

        Assert.Equal(CallbackRejection.TooLarge, receipt.Rejection);
        Assert.True(stream.BytesRead < 128 * 1024, $"read {stream.BytesRead} bytes");
        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    [Fact]
    public async Task An_envelope_part_over_its_own_cap_is_too_large_under_a_larger_body_limit()
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Part("sigMetada", new string(' ', MultipartReader.MaxEnvelopePartSize + 1)), Close);

        var receipt = await client.Operations.AcceptCallbackAsync(new MemoryStream(body), ContentType, Limit, Ct);

        Assert.Equal(CallbackRejection.TooLarge, receipt.Rejection);
        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    public static TheoryData<string, byte[], string> MalformedBodies() => new()
    {
        { "no envelope part", Body(Part("sigFile", "abc"), Close), ContentType },
        { "a second sigMetada", Body(Envelope(), Envelope(), Close), ContentType },
        { "a second sigFile", Body(Part("sigFile", "a"), Envelope(), Part("sigFile", "b"), Close), ContentType },
        { "truncated inside the envelope", Envelope()[..^20], ContentType },
        { "truncated after a part, no delimiter", Envelope(), ContentType },
        { "truncated inside the headers", Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-da"), ContentType },
        { "a base64 Content-Transfer-Encoding", Body(Part("sigFile", "YWJj", "Content-Transfer-Encoding: base64\r\n"), Envelope(), Close), ContentType },
        { "a quoted-printable Content-Transfer-Encoding", Body(Part("sigMetada", TestVectors.Callbacks.Success(Payload), "Content-Transfer-Encoding: quoted-printable\r\n"), Close), ContentType },
        { "a header block over 8 KiB", Body(Part("sigFile", "a", "X-Pad: " + new string('p', MultipartReader.MaxHeaderBlock) + "\r\n"), Envelope(), Close), ContentType },
        { "too many parts", Body([.. Enumerable.Repeat(Part("other", "a"), MultipartReader.MaxParts), Envelope(), Close]), ContentType },
        { "no delimiter at all", Encoding.ASCII.GetBytes("just text"), ContentType },
        { "boundary with a character outside bchars", Body(Envelope(), Close), "multipart/form-data; boundary=\"b@d\"" },
        { "boundary ending in a space", Body(Envelope(), Close), "multipart/form-data; boundary=\"b0undary \"" },
        { "boundary over 70 characters", Body(Envelope(), Close), "multipart/form-data; boundary=" + new string('b', 71) },
        { "no boundary", Body(Envelope(), Close), "multipart/form-data" },
        { "delimiter followed by other text", Encoding.ASCII.GetBytes($"--{Boundary}junk\r\n\r\n{{}}\r\n--{Boundary}--"), ContentType },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Hostile_multipart_streams_are_a_typed_rejection_that_stores_nothing(string why, byte[] body, string contentType)
    {
        var client = await ClientWithOperationAsync();
        using var stream = new ChunkedStream(body, 11);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, contentType, Limit, Ct);

        Assert.True(receipt.Rejection == CallbackRejection.Malformed, $"{why}: {receipt.Rejection}");
        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    [Fact]
    public async Task The_memory_overload_applies_the_same_rules()
    {
        var client = await ClientWithOperationAsync();

        var duplicate = await client.Operations.AcceptCallbackAsync(Body(Envelope(), Envelope(), Close), ContentType, Ct);
        var truncated = await client.Operations.AcceptCallbackAsync(Envelope(), ContentType, Ct);

        Assert.Equal(CallbackRejection.Malformed, duplicate.Rejection);
        Assert.Equal(CallbackRejection.Malformed, truncated.Rejection);
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("8bit")]
    [InlineData("7BIT")]
    public async Task An_identity_Content_Transfer_Encoding_is_accepted(string encoding)
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Part("sigMetada", TestVectors.Callbacks.Success(Payload), $"Content-Transfer-Encoding: {encoding}\r\n"), Close);

        var receipt = await client.Operations.AcceptCallbackAsync(new MemoryStream(body), ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
    }

    [Fact]
    public async Task The_epilogue_after_the_close_delimiter_is_ignored_even_when_it_looks_like_a_part()
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Envelope(), Close, Encoding.ASCII.GetBytes("epilogue junk\r\n"), Part("sigMetada", "not json"), Close, [0xFF, 0x00]);
        using var stream = new ChunkedStream(body, 16);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.Empty((await client.Operations.GetResultAsync("b1", Ct))!.Attachments);
    }

    [Fact]
    public async Task A_preamble_before_the_first_delimiter_is_skipped()
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Encoding.ASCII.GetBytes("This is the preamble.\r\n"), Envelope(), Close);
        using var stream = new ChunkedStream(body, 5);

        var receipt = await client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
    }

    [Fact]
    public async Task A_stalled_sender_is_cut_off_by_cancellation_and_nothing_is_stored()
    {
        var client = await ClientWithOperationAsync();
        var body = Body(Envelope(), Close);
        using var stream = new ChunkedStream(body, 64) { StallAfter = 100 };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, timeout.Token));

        Assert.True(stream.BytesRead <= 128);
        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    [Fact]
    public async Task An_aborted_upload_fails_the_call_and_nothing_is_stored()
    {
        var client = await ClientWithOperationAsync();
        using var stream = new ChunkedStream(Body(Envelope(), Close), 64) { FailAfter = 100 };

        await Assert.ThrowsAsync<IOException>(() => client.Operations.AcceptCallbackAsync(stream, ContentType, Limit, Ct));

        Assert.Null(await client.Operations.GetResultAsync("b1", Ct));
    }

    [Fact]
    public async Task The_stream_overload_checks_its_arguments()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Operations.AcceptCallbackAsync((Stream)null!, ContentType, Limit, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Operations.AcceptCallbackAsync(new MemoryStream(), ContentType, 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Signing.AcceptBulkSigningCallbackAsync(new MemoryStream(), ContentType, -1, Ct));
    }
}

/// <summary>A request body as a slow network delivers it: at most a few bytes per read, asynchronously; it may stall or break.</summary>
internal sealed class ChunkedStream(byte[] body, int chunk) : Stream
{
    private int _position;

    /// <summary>After this many bytes, reads wait until cancelled.</summary>
    public int? StallAfter { get; init; }

    /// <summary>After this many bytes, reads fail as a reset connection does.</summary>
    public int? FailAfter { get; init; }

    /// <summary>How many bytes were handed out.</summary>
    public int BytesRead => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (_position >= StallAfter)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (_position >= FailAfter)
        {
            throw new IOException("The connection was reset.");
        }

        var count = Math.Min(Math.Min(chunk, buffer.Length), body.Length - _position);
        body.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A seekable body that reports a length and fails the test if it is read.</summary>
internal sealed class UnreadableSeekableStream(long length) : Stream
{
    public bool WasRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        WasRead = true;
        throw new InvalidOperationException("A body longer than the limit must not be read.");
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
