using System.Text;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Signing;

/// <summary>
/// Bulk signing (addendum §A4): the request's wire shape and checks, the BSQC token and paged multipart result
/// callbacks collected into one outcome per document, and enquire, cancel and per-document acknowledgement.
/// </summary>
public sealed class BulkSigningTests
{
    private const string Started = """{"ticketID":"tk-bulk","authByQR":false}""";

    private static readonly Uri ResultUri = new("https://rp.example/iamsmart/bulk-result");

    private static readonly Uri TokenUri = new("https://rp.example/iamsmart/bulk-token");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AccessToken Token(string scopes = "eidapi_auth eidapi_bulksign") => SigningFixtures.Token(scopes: scopes);

    private static BulkSigningRequest Request(
        IReadOnlyList<BulkSigningDocument>? documents = null, SigningStepUpMethod? stepUp = null, int? hours = null, AccessToken? token = null, int? max = null, string businessId = "bulk-1") => new()
    {
        AccessToken = token ?? Token(),
        TokenCallbackUri = TokenUri,
        ResultCallbackUri = ResultUri,
        BusinessId = businessId,
        State = "bulk-state-1",
        Source = IAmSmartSource.PcBrowser,
        Department = "Invented Bank",
        ServiceName = "Account opening",
        RequestName = "Account-opening pack",
        HkicHash = SigningFixtures.HkicHash,
        MaxSignaturesPerCallback = max,
        StepUpMethod = stepUp,
        StepUpWaitingPeriodHours = hours,
        Documents = documents ?? Documents(),
    };

    private static BulkSigningDocument[] Documents() =>
    [
        new BulkHashDocument { Id = "doc-1", DocumentName = "Client agreement", HashCode = SigningFixtures.HashCode, SignatureAlgorithm = SignatureAlgorithm.Sha256WithRsa },
        new BulkPdfDocument { Id = "doc-2", DocumentName = "Risk disclosure.pdf", DocDigest = SigningFixtures.DocDigest },
        new BulkHashDocument { Id = "doc-3", DocumentName = "Direct-debit mandate", HashCode = SigningFixtures.HashCode },
    ];

    private static FakeIAmSmartHandler Handler() => VectorClient.HandlerAnswering(IAmSmartFunctions.BulkSigning.Path, Started);

    [Fact]
    public async Task Initiate_sends_the_step_up_under_the_configured_names()
    {
        var handler = Handler();
        var options = VectorClient.Options();
        options.StepUpFieldNames = StepUpFieldNames.StepupAuth;
        var client = VectorClient.Create(handler, options);

        await client.Signing.StartBulkSigningAsync(Request(stepUp: SigningStepUpMethod.Fr, hours: 720, max: 2), Ct);

        var body = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.BulkSigning.Path).Single().Body);
        Assert.Equal("""{"unary":["FR"]}""", (string?)body["stepupAuthMethod"]);
        Assert.Equal(720, (int?)body["stepupAuthPeriod"]);
        Assert.False(body.ContainsKey("suaMethod"));
        Assert.False(body.ContainsKey("suaWaitPeriod"));
        Assert.Equal(["stepupAuthMethod", "stepupAuthPeriod", "documents"], body.Select(p => p.Key).TakeLast(3));
    }

    [Fact]
    public async Task Initiate_sends_the_documents_as_an_array_with_the_step_up_fields()
    {
        var handler = Handler();
        var client = VectorClient.Create(handler);

        var operation = await client.Signing.StartBulkSigningAsync(Request(stepUp: SigningStepUpMethod.Fr, hours: 720, max: 2), Ct);

        Assert.Equal("bulk-1", operation.BusinessId);
        Assert.Same(IAmSmartFunctions.BulkSigning, operation.Function);
        Assert.True(operation.Initiation!.IsStarted);
        Assert.Equal("tk-bulk", operation.Initiation.TicketId);
        Assert.False(operation.HasCompleted);
        var body = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.BulkSigning.Path).Single().Body);
        Assert.Equal(Uri.EscapeDataString("https://rp.example/iamsmart/bulk-token"), (string?)body["redirectURI"]);
        Assert.Equal(Uri.EscapeDataString("https://rp.example/iamsmart/bulk-result"), (string?)body["callbackResultURI"]);
        Assert.Equal("Account-opening pack", (string?)body["requestName"]);
        Assert.Equal(2, (int?)body["maxCallbackSigs"]);
        Assert.Equal("""{"unary":["FR"]}""", (string?)body["suaMethod"]);
        Assert.Equal(720, (int?)body["suaWaitPeriod"]);
        Assert.False(body.ContainsKey("corpIDSign"));
        var documents = body["documents"]!.AsArray();
        Assert.Equal(3, documents.Count);
        Assert.Equal(SigningFixtures.HashCode, (string?)documents[0]!["hashCode"]);
        Assert.Equal("SHA256withRSA", (string?)documents[0]!["sigAlgo"]);
        Assert.Equal(SigningFixtures.DocDigest, (string?)documents[1]!["docDigest"]);
        Assert.False(documents[1]!.AsObject().ContainsKey("hashCode"));
        Assert.False(documents[2]!.AsObject().ContainsKey("sigAlgo"));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "no-documents", "BulkSigningRequest.Documents" },
        { "duplicate-id", "BulkSigningRequest.Documents[1].Id" },
        { "bad-hash", "BulkSigningRequest.Documents[0].HashCode" },
        { "bad-digest", "BulkSigningRequest.Documents[0].DocDigest" },
        { "long-id", "BulkSigningRequest.Documents[0].Id" },
        { "period-without-method", "BulkSigningRequest.StepUpWaitingPeriodHours" },
        { "period-too-long", "BulkSigningRequest.StepUpWaitingPeriodHours" },
        { "max-zero", "BulkSigningRequest.MaxSignaturesPerCallback" },
        { "no-bulk-scope", "BulkSigningRequest.AccessToken" },
        { "too-many", "BulkSigningRequest.Documents" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_refused_naming_the_property_before_anything_is_sent(string kind, string parameter)
    {
        var handler = Handler();
        var client = VectorClient.Create(handler);
        var hash = new BulkHashDocument { Id = "d", DocumentName = "n", HashCode = SigningFixtures.HashCode };
        var request = kind switch
        {
            "no-documents" => Request(documents: []),
            "duplicate-id" => Request(documents: [hash, hash]),
            "bad-hash" => Request(documents: [new BulkHashDocument { Id = "d", DocumentName = "n", HashCode = "not base64!" }]),
            "bad-digest" => Request(documents: [new BulkPdfDocument { Id = "d", DocumentName = "n", DocDigest = SigningFixtures.HashCode[..8] }]),
            "long-id" => Request(documents: [new BulkHashDocument { Id = new string('x', 37), DocumentName = "n", HashCode = SigningFixtures.HashCode }]),
            "period-without-method" => Request(hours: 24),
            "period-too-long" => Request(stepUp: SigningStepUpMethod.Nfc, hours: 721),
            "max-zero" => Request(max: 0),
            "no-bulk-scope" => Request(token: Token("eidapi_auth eidapi_sign")),
            _ => Request(documents: [.. Enumerable.Range(0, 1001).Select(i => new BulkHashDocument { Id = $"d{i}", DocumentName = "n", HashCode = SigningFixtures.HashCode })]),
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Signing.StartBulkSigningAsync(request, Ct));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(handler.To(IAmSmartFunctions.BulkSigning.Path));
        Assert.Null(await client.Operations.Store.GetAsync("bulk-1", Ct));
    }

    [Fact]
    public async Task A_refusal_at_initiation_is_a_completed_outcome_and_leaves_nothing_pending()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.BulkSigning.Path, (_, _) => VectorClient.Failure("D71004"));
        var client = VectorClient.Create(handler);

        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);

        Assert.True(operation.HasCompleted);
        Assert.Equal(SigningStatus.NotSigningCapable, operation.Value.Status);
        Assert.Empty(operation.Value.Documents);
        Assert.Null(await client.Operations.Store.GetAsync("bulk-1", Ct));
    }

    private static string PagePayload(int sequence, int total, string state = "bulk-state-1", int failed = 1, string businessId = "bulk-1")
        => $$"""{"businessID":"{{businessId}}","state":"{{state}}","cert":"{{Cert}}","totalCallbacks":{{total}},"callbackSeq":{{sequence}},"totalSignNum":3,"failSignNum":{{failed}}}""";

    private static readonly string Cert = Convert.ToBase64String(Encoding.ASCII.GetBytes("invented certificate"));

    private static readonly string PdfSignature = Convert.ToBase64String(Encoding.ASCII.GetBytes("invented cms"));

    private static (byte[] Body, string ContentType) Page(int sequence, int total, string sigFile, string state = "bulk-state-1", string businessId = "bulk-1")
        => CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload(sequence, total, state, businessId: businessId)), sigFile);

    private static string TokenCallback(string state = "bulk-state-1", string businessId = "bulk-1")
        => $$$"""{"txID":"<T=1>","clientID":"rp","signatureMethod":"HmacSHA256","signature":"x","timestamp":"1","nonce":"n","content":{"businessID":"{{{businessId}}}","state":"{{{state}}}","BSQCToken":"bsqc-0001"}}""";

    // One businessID rule for requests and callback correlation (contract §13, addendum §A4.2): a printable-ASCII
    // businessID outside state's charset starts the operation, and its BSQC-token and result callbacks correlate.
    [Fact]
    public async Task Printable_ascii_business_id_correlates_its_token_and_result_callbacks()
    {
        const string businessId = "BULK/2026.1:a";
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(businessId: businessId), Ct);

        var token = await client.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(TokenCallback(businessId: businessId)), null, Ct);
        var sigFile = $$$"""{"signatures":[{"id":"doc-1","hash":"{{{SigningFixtures.HashCode}}}","timestamp":1556450176000,"signature":"c2lnbmF0dXJl"},{"id":"doc-2","docDigest":"{{{SigningFixtures.DocDigest}}}","pdfSignature":"{{{PdfSignature}}}"}]}""";
        var (body, type) = Page(1, 1, sigFile, businessId: businessId);
        var page = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);

        Assert.Equal(CallbackDisposition.Accepted, token.Disposition);
        Assert.Equal("bsqc-0001", await client.Signing.FindBulkSigningTokenAsync(businessId, Ct));
        Assert.Equal(CallbackDisposition.Accepted, page.Disposition);
        Assert.True(await operation.UpdateStatusAsync(Ct));
        Assert.Equal(businessId, operation.BusinessId);
    }

    [Fact]
    public async Task Token_and_paged_results_in_any_order_complete_the_operation_with_each_document()
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(max: 2), Ct);

        var token = await client.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(TokenCallback()), null, Ct);
        Assert.Equal(CallbackDisposition.Accepted, token.Disposition);
        Assert.Equal("bsqc-0001", await client.Signing.FindBulkSigningTokenAsync("bulk-1", Ct));

        // Page 2 first, printed as the spec prints it (no braces); then page 1 twice.
        var (body2, type2) = Page(2, 2, "\"signatures\": [{\"id\":\"doc-3\",\"hash\":\"" + SigningFixtures.HashCode + "\"}]");
        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(body2, type2, Ct)).Disposition);
        Assert.False(await operation.UpdateStatusAsync(Ct));

        var sigFile1 = $$$"""{"signatures":[{"id":"doc-1","hash":"{{{SigningFixtures.HashCode}}}","timestamp":1556450176000,"signature":"c2lnbmF0dXJl"},{"id":"doc-2","docDigest":"{{{SigningFixtures.DocDigest}}}","pdfSignature":"{{{PdfSignature}}}"}]}""";
        var (body1, type1) = Page(1, 2, sigFile1);
        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(body1, type1, Ct)).Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, (await client.Signing.AcceptBulkSigningCallbackAsync(body1, type1, Ct)).Disposition);

        Assert.True(await operation.UpdateStatusAsync(Ct));
        var outcome = operation.Value;
        Assert.Equal(SigningStatus.Signed, outcome.Status);
        Assert.Equal(1, outcome.FailedCount);
        Assert.Equal(3, outcome.Documents.Count);
        var hash = outcome.Find("doc-1")!;
        Assert.True(hash.IsSigned);
        Assert.Equal(SigningFixtures.HashCode, hash.HashResult!.HashCode);
        Assert.Equal(Cert, hash.HashResult.Certificate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1556450176000), hash.HashResult.Timestamp);
        Assert.Equal(Encoding.ASCII.GetBytes("invented cms"), outcome.Find("doc-2")!.PdfResult!.PdfSignature.ToArray());
        Assert.False(outcome.Find("doc-3")!.IsSigned);
        Assert.DoesNotContain("c2lnbmF0dXJl", outcome.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task An_encrypted_sigFile_is_decrypted_under_the_page_key_from_a_stream_or_from_memory(bool streamed, bool lineBroken)
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var keyBytes = CallbackBuilder.NewKey().Bytes;
        var signatures = $$$"""{"signatures":[{"id":"doc-1","hash":"{{{SigningFixtures.HashCode}}}","timestamp":1556450176000,"signature":"{{{new string('s', 40_000)}}}"}]}""";
        var sigFile = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(signatures), new ContentKey(keyBytes));
        if (lineBroken)
        {
            sigFile = string.Join("\r\n", sigFile.Chunk(76).Select(chunk => new string(chunk)));
        }

        var (body, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload(1, 1), keyBytes: keyBytes), "  " + sigFile + "\n");

        CallbackReceipt receipt;
        if (streamed)
        {
            using var stream = new Callbacks.ChunkedStream(body, 1000);
            receipt = await client.Signing.AcceptBulkSigningCallbackAsync(stream, type, 15 * 1024 * 1024, Ct);
        }
        else
        {
            receipt = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);
        }

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.True(await operation.UpdateStatusAsync(Ct));
        var signed = operation.Value.Find("doc-1")!;
        Assert.True(signed.IsSigned);
        Assert.Equal(new string('s', 40_000), signed.HashResult!.Signature);
    }

    [Fact]
    public async Task An_encrypted_sigFile_under_another_key_is_undecryptable_and_the_operation_stays_pending()
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var sigFile = AesGcmContentCipher.Instance.Encrypt("""{"signatures":[]}"""u8, CallbackBuilder.NewKey().Key);
        var (body, type) = Page(1, 1, sigFile);
        using var stream = new Callbacks.ChunkedStream(body, 512);

        var receipt = await client.Signing.AcceptBulkSigningCallbackAsync(stream, type, 15 * 1024 * 1024, Ct);

        Assert.Equal(CallbackRejection.Undecryptable, receipt.Rejection);
        Assert.False(await operation.UpdateStatusAsync(Ct));
    }

    [Fact]
    public async Task The_last_page_wakes_a_waiter_on_the_same_instance_without_waiting_for_a_poll()
    {
        var options = VectorClient.Options();
        options.PendingOperations.PollInterval = TimeSpan.FromHours(1); // a poll would never come within the test
        var client = VectorClient.Create(Handler(), options);
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var waiting = operation.WaitForCompletionAsync(Ct);
        Assert.False(waiting.IsCompleted);

        var (body, type) = Page(1, 1, "[]");
        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct)).Disposition);

        // Bounded only so that a regression fails instead of hanging: the accepted page itself completes the wait.
        var outcome = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(SigningStatus.Failed, outcome.Status); // no document signed
        Assert.Equal("bulk-1", outcome.BusinessId);
    }

    [Fact]
    public async Task A_resumed_operation_reads_the_same_outcome()
    {
        var client = VectorClient.Create(Handler());
        _ = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var (body, type) = Page(1, 1, "[]");
        _ = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);

        var resumed = await client.Signing.ResumeBulkSigningAsync("bulk-1", Ct);

        Assert.True(await resumed.UpdateStatusAsync(Ct));
        Assert.Null(resumed.Initiation);
        Assert.Equal(SigningStatus.Failed, resumed.Value.Status); // no document signed
    }

    [Theory]
    [InlineData("D71001", SigningStatus.Rejected)]
    [InlineData("D71000", SigningStatus.Cancelled)]
    [InlineData("D71002", SigningStatus.Failed)]
    [InlineData("D77004", SigningStatus.InWaitingPeriod)]
    public async Task A_failure_callback_with_only_sigMetada_ends_the_operation(string code, SigningStatus expected)
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var (body, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Failure(code, "bulk-1", "bulk-state-1"), sigFile: null);

        var receipt = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);

        Assert.Equal(CallbackDisposition.Accepted, receipt.Disposition);
        Assert.True(await operation.UpdateStatusAsync(Ct));
        Assert.Equal(expected, operation.Value.Status);
        Assert.Equal(code, operation.Value.Code);
    }

    [Fact]
    public async Task A_failure_page_with_an_extra_part_hands_the_waiter_no_view_into_the_pooled_buffers()
    {
        var options = VectorClient.Options();
        options.PendingOperations.PollInterval = TimeSpan.FromHours(1); // the waiter is woken by the signal, not a poll
        var client = VectorClient.Create(Handler(), options);
        _ = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var waiting = client.Operations.WaitForCompletionAsync("bulk-1", Ct);

        // A failure page carries only sigMetada (addendum §A3.3): a sigFile beside it is read into a pooled buffer.
        var (body, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Failure("D71001", "bulk-1", "bulk-state-1"), sigFile: new string('f', 3000));
        using (var stream = new Callbacks.ChunkedStream(body, 700))
        {
            Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(stream, type, 1024 * 1024, Ct)).Disposition);
        }

        var callback = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Another request reuses the pool: whatever the waiter holds must not change under it.
        var (other, otherType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Failure("D71001", "bulk-2", "bulk-state-2"), sigFile: new string('x', 3000));
        _ = await client.Signing.AcceptBulkSigningCallbackAsync(other, otherType, Ct);
        Assert.Equal("D71001", callback.Code);
        Assert.All(callback.Attachments, a => Assert.Equal(new string('f', 3000), Encoding.ASCII.GetString(a.Content.Span)));
        Assert.Empty(callback.Attachments);
    }

    [Fact]
    public async Task A_repeated_failure_page_with_another_extra_part_is_a_duplicate_not_a_conflict()
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var failure = TestVectors.Callbacks.Failure("D71002", "bulk-1", "bulk-state-1");
        var (first, firstType) = CallbackBuilder.Multipart(failure, sigFile: "first extra part");
        var (bare, bareType) = CallbackBuilder.Multipart(failure, sigFile: null);
        var (other, otherType) = CallbackBuilder.Multipart(failure, sigFile: "another extra part");

        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(first, firstType, Ct)).Disposition);

        // The SDK reads a failure page's sigMetada only, so the repeats say the same as the first.
        Assert.Equal(CallbackDisposition.Duplicate, (await client.Signing.AcceptBulkSigningCallbackAsync(other, otherType, Ct)).Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, (await client.Signing.AcceptBulkSigningCallbackAsync(bare, bareType, Ct)).Disposition);

        // Another failure is still a conflict.
        var (different, differentType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Failure("D71001", "bulk-1", "bulk-state-1"), sigFile: "first extra part");
        Assert.Equal(CallbackRejection.Conflict, (await client.Signing.AcceptBulkSigningCallbackAsync(different, differentType, Ct)).Rejection);
        Assert.True(await operation.UpdateStatusAsync(Ct));
        Assert.Equal("D71002", operation.Value.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_repeated_success_page_with_another_extra_part_is_a_duplicate_and_with_other_signatures_a_conflict(bool streamed)
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(max: 2), Ct);
        var keyBytes = CallbackBuilder.NewKey().Bytes;
        var signatures = $$$"""{"signatures":[{"id":"doc-1","hash":"{{{SigningFixtures.HashCode}}}","timestamp":1556450176000,"signature":"Zmlyc3Q="}]}""";
        var others = signatures.Replace("Zmlyc3Q=", "b3RoZXI=", StringComparison.Ordinal);

        // Each sigFile encrypted afresh (a new IV), as a resend would be: the fingerprint is of what the SDK reads.
        (byte[] Body, string Type) Page1(string sigFile, string? extra)
        {
            var encrypted = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(sigFile), new ContentKey(keyBytes));
            var (body, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload(1, 2), keyBytes: keyBytes), encrypted);
            return (extra is null ? body : WithExtraPart(body, extra), type);
        }

        async Task<CallbackReceipt> Send((byte[] Body, string Type) page)
        {
            if (!streamed)
            {
                return await client.Signing.AcceptBulkSigningCallbackAsync(page.Body, page.Type, Ct);
            }

            using var stream = new Callbacks.ChunkedStream(page.Body, 300);
            return await client.Signing.AcceptBulkSigningCallbackAsync(stream, page.Type, 1024 * 1024, Ct);
        }

        Assert.Equal(CallbackDisposition.Accepted, (await Send(Page1(signatures, "first extra part"))).Disposition);

        // Nobody reads a part beside sigMetada and sigFile, so the repeats say the same as the first.
        Assert.Equal(CallbackDisposition.Duplicate, (await Send(Page1(signatures, "another extra part"))).Disposition);
        Assert.Equal(CallbackDisposition.Duplicate, (await Send(Page1(signatures, extra: null))).Disposition);

        // Other signatures under the same page are still a conflict, with or without the extra part.
        Assert.Equal(CallbackRejection.Conflict, (await Send(Page1(others, "first extra part"))).Rejection);
        Assert.Equal(CallbackRejection.Conflict, (await Send(Page1(others, extra: null))).Rejection);

        var (body2, type2) = Page(2, 2, "[]");
        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(body2, type2, Ct)).Disposition);
        Assert.True(await operation.UpdateStatusAsync(Ct));
        Assert.Equal("Zmlyc3Q=", operation.Value.Find("doc-1")!.HashResult!.Signature);
    }

    /// <summary>The body with a part nobody reads put first (the boundary <see cref="CallbackBuilder.Multipart"/> uses).</summary>
    private static byte[] WithExtraPart(byte[] body, string content)
        => [.. Encoding.UTF8.GetBytes($"--b0undary-7MA4YWxk\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain\r\n\r\n{content}\r\n"), .. body];

    [Fact]
    public async Task Callbacks_with_a_wrong_state_or_a_broken_body_are_typed_rejections()
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var (forged, type) = Page(1, 1, "[]", state: "not-the-state");

        Assert.Equal(CallbackRejection.UnknownOperation, (await client.Signing.AcceptBulkSigningCallbackAsync(forged, type, Ct)).Rejection);
        Assert.Equal(CallbackRejection.UnknownOperation, (await client.Signing.AcceptBulkSigningCallbackAsync(Encoding.UTF8.GetBytes(TokenCallback("nope")), null, Ct)).Rejection);
        Assert.Equal(CallbackRejection.Malformed, (await client.Signing.AcceptBulkSigningCallbackAsync("--x\r\nnot a part"u8.ToArray(), "multipart/form-data; boundary=x", Ct)).Rejection);
        Assert.Equal(CallbackRejection.Malformed, (await client.Signing.AcceptBulkSigningCallbackAsync("{not json"u8.ToArray(), null, Ct)).Rejection);
        Assert.Equal(CallbackRejection.Malformed, (await client.Signing.AcceptBulkSigningCallbackAsync(Page(3, 2, "[]").Body, type, Ct)).Rejection);
        Assert.False(await operation.UpdateStatusAsync(Ct));
        Assert.Null(await client.Signing.FindBulkSigningTokenAsync("bulk-1", Ct));
    }

    [Theory]
    [InlineData("\"signatures\": [{\"id\":")]
    [InlineData("[{\"hash\":\"aGFzaA==\"}]")]
    [InlineData("{\"signatures\": 12}")]
    [InlineData("[null]")]
    [InlineData("\"signatures\": [null]")]
    [InlineData("\"signatures\": [{\"id\":\"doc-1\"}, null]")]
    [InlineData("[\"doc-1\"]")]
    [InlineData("[[{\"id\":\"doc-1\"}]]")]
    [InlineData("{\"signatures\": [{\"id\": 7}]}")]
    [InlineData("[{\"id\":\"doc-1\",\"timestamp\":\"soon\"}]")]

    // No signatures array: not an empty page (addendum §A4.4).
    [InlineData("{\"signatures\":null}")]
    [InlineData("{}")]
    [InlineData("\"signatures\": null")]
    [InlineData("\uFEFF")]
    [InlineData("")]

    // Not the JSON the spec prints (addendum §A3.3): a number as a string, a trailing comma, a comment.
    [InlineData("[{\"id\":\"doc-1\",\"hash\":\"aGFzaA==\",\"signature\":\"c2ln\",\"timestamp\":\"1556450176000\"}]")]
    [InlineData("\"signatures\": [{\"id\":\"doc-1\"},]")]
    [InlineData("[/* c */ {\"id\":\"doc-1\"}]")]
    public async Task A_page_whose_sigFile_cannot_be_read_is_refused_and_the_operation_stays_pending(string sigFile)
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var (body, type) = Page(1, 1, sigFile);

        var receipt = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
        Assert.False(await operation.UpdateStatusAsync(Ct));
        Assert.Null(await client.Operations.Store.GetAsync(BulkSigningCallbacks.PageKey("bulk-1", 1), Ct));
    }

    [Theory]
    [InlineData("\"totalCallbacks\":1,\"callbackSeq\":1", "\"totalCallbacks\":\"1\",\"callbackSeq\":1")]
    [InlineData("\"totalCallbacks\":1,\"callbackSeq\":1", "\"totalCallbacks\":1,\"callbackSeq\":\"1\"")]
    [InlineData("\"failSignNum\":1", "\"failSignNum\":\"1\"")]
    public async Task A_page_with_a_counter_as_a_string_is_refused_as_the_spec_prints_numbers(string numbers, string strings)
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var meta = PagePayload(1, 1);
        Assert.Contains(numbers, meta, StringComparison.Ordinal);
        var (body, type) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(meta.Replace(numbers, strings, StringComparison.Ordinal)), "[]");

        var receipt = await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct);

        Assert.Equal(CallbackRejection.Malformed, receipt.Rejection);
        Assert.False(await operation.UpdateStatusAsync(Ct));
        Assert.Null(await client.Operations.Store.GetAsync(BulkSigningCallbacks.PageKey("bulk-1", 1), Ct));
    }

    [Fact]
    public async Task A_success_page_without_a_sigFile_is_refused_and_the_genuine_page_still_completes()
    {
        var client = VectorClient.Create(Handler());
        var operation = await client.Signing.StartBulkSigningAsync(Request(), Ct);
        var (bare, bareType) = CallbackBuilder.Multipart(TestVectors.Callbacks.Success(PagePayload(1, 1)), sigFile: null);

        Assert.Equal(CallbackRejection.Malformed, (await client.Signing.AcceptBulkSigningCallbackAsync(bare, bareType, Ct)).Rejection);
        Assert.False(await operation.UpdateStatusAsync(Ct));

        var (body, type) = Page(1, 1, "[]");
        Assert.Equal(CallbackDisposition.Accepted, (await client.Signing.AcceptBulkSigningCallbackAsync(body, type, Ct)).Disposition);
        Assert.True(await operation.UpdateStatusAsync(Ct));
    }

    [Fact]
    public async Task Enquire_cancel_and_acknowledge_send_the_documented_bodies()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .OnJson(IAmSmartFunctions.BulkSigningStatus.Path, (_, _) => VectorClient.Success("""{"status":"SS002"}"""))
            .OnJson(IAmSmartFunctions.BulkSigningCancel.Path, (_, n) => n == 1 ? VectorClient.Success("{}") : VectorClient.Failure("D71007"))
            .OnJson(IAmSmartFunctions.BulkSigningAck.Path, (_, _) => VectorClient.Success("{}"));
        var client = VectorClient.Create(handler);
        var reference = new BulkSigningReference("bsqc-0001", "bulk-1", "open+id/1=");

        var status = await client.Signing.GetBulkSigningStatusAsync(reference, Ct);
        var cancelled = await client.Signing.CancelBulkSigningAsync(reference, Ct);
        var notPending = await client.Signing.CancelBulkSigningAsync(reference, Ct);
        await client.Signing.AcknowledgeBulkSigningAsync(
            "bulk-1", [new BulkDocumentAcknowledgement("doc-1", SigningAcknowledgement.Accepted), new BulkDocumentAcknowledgement("doc-3", SigningAcknowledgement.NotReceived)], Ct);
        await client.Signing.AcknowledgeBulkSigningAsync("bulk-1", SigningAcknowledgement.Accepted, Ct);

        Assert.Equal(BulkSigningStatus.SigningInProgress, status.Status);
        Assert.True(cancelled);
        Assert.False(notPending);
        var enquire = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.BulkSigningStatus.Path).Single().Body);
        Assert.Equal(["BSQCToken", "businessID", "openID"], enquire.Select(p => p.Key));
        Assert.Equal("bsqc-0001", (string?)enquire["BSQCToken"]);
        Assert.Equal("open+id/1=", (string?)enquire["openID"]);
        var acks = handler.To(IAmSmartFunctions.BulkSigningAck.Path).Select(r => VectorClient.DecryptRequest(r.Body).ToJsonString()).ToArray();
        Assert.Equal("""{"businessID":"bulk-1","signingResult":"","signatures":[{"id":"doc-1","signingResult":"SR001"},{"id":"doc-3","signingResult":"SR003"}]}""", acks[0]);
        Assert.Equal("""{"businessID":"bulk-1","signingResult":"SR001"}""", acks[1]);
    }

    [Fact]
    public async Task A_status_enquiry_is_repeated_after_a_transient_failure_with_a_fresh_nonce()
    {
        var handler = new FakeIAmSmartHandler()
            .OnJson(IAmSmartFunctions.GetKey.Path, (_, _) => VectorClient.GetKeyResponse())
            .On(IAmSmartFunctions.BulkSigningStatus.Path, (_, n) => n == 1
                ? new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
                : FakeIAmSmartHandler.Json(VectorClient.Success("""{"status":"SS004"}""")));
        var client = VectorClient.Create(handler);

        var status = await client.Signing.GetBulkSigningStatusAsync(new BulkSigningReference("bsqc-0001", "bulk-1", "open+id/1="), Ct);

        Assert.Equal(BulkSigningStatus.SigningCancelled, status.Status);
        var sent = handler.To(IAmSmartFunctions.BulkSigningStatus.Path).ToList();
        Assert.Equal(2, sent.Count);
        Assert.NotEqual(sent[0].Header("nonce"), sent[1].Header("nonce"));
    }

    [Fact]
    public async Task Acknowledging_no_document_or_one_twice_is_refused()
    {
        var client = VectorClient.Create(new FakeIAmSmartHandler());
        var one = new BulkDocumentAcknowledgement("doc-1", SigningAcknowledgement.Accepted);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.AcknowledgeBulkSigningAsync("bulk-1", Array.Empty<BulkDocumentAcknowledgement>(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Signing.AcknowledgeBulkSigningAsync("bulk-1", [one, one], Ct));
    }

    [Theory]
    [InlineData("\"signatures\": [{\"id\":\"a\"}]")]
    [InlineData("{\"signatures\": [{\"id\":\"a\"}]}")]
    [InlineData("[{\"id\":\"a\"}]")]
    [InlineData("\r\n \"signatures\": [{\"id\":\"a\"}]\r\n")]
    [InlineData("\uFEFF\"signatures\": [{\"id\":\"a\"}]")]
    public void The_sigFile_is_read_tolerantly(string text)
    {
        var items = BulkSigningCallbacks.ParseSignatureFile(Encoding.UTF8.GetBytes(text), txId: null);

        Assert.Equal("a", Assert.Single(items).Id);
    }

    [Fact]
    public async Task Anonymous_bulk_signing_sends_no_login_fields_and_logs_in_with_the_bulk_scope()
    {
        var handler = VectorClient.HandlerAnswering(IAmSmartFunctions.AnonymousBulkSigning.Path, """{"businessID":"bulk-9","ticketID":"tk-anon"}""");
        var client = VectorClient.Create(handler);
        var request = new AnonymousBulkSigningRequest
        {
            BusinessId = "bulk-9",
            State = "state-9",
            LoginRedirectUri = SigningFixtures.RedirectUri,
            ResultCallbackUri = ResultUri,
            Source = IAmSmartSource.PcBrowser,
            ServiceName = "Claims",
            RequestName = "Claim pack",
            HkicHash = SigningFixtures.HkicHash,
            Documents = Documents(),
        };

        var operation = await client.Signing.StartAnonymousBulkSigningAsync(request, Ct);

        var body = VectorClient.DecryptRequest(handler.To(IAmSmartFunctions.AnonymousBulkSigning.Path).Single().Body);
        Assert.False(body.ContainsKey("accessToken"));
        Assert.False(body.ContainsKey("redirectURI"));
        Assert.False(body.ContainsKey("source"));
        Assert.Equal("state-9", (string?)body["state"]);
        var login = operation.AnonymousInitiation!.ToLoginRequest();
        Assert.Equal("tk-anon", login.TicketId);
        Assert.Contains(IAmSmartScope.BulkSign, login.Scopes);
        Assert.NotNull(await client.Operations.Store.GetAsync("bulk-9", Ct));
    }
}
