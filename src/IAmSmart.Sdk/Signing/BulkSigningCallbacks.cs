using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Signing;

/// <summary>
/// Collects the callbacks of a bulk signing (addendum §A3.3, §A3.4, §A4.4): the BSQC token (JSON), then the results in
/// <c>totalCallbacks</c> pages (<c>multipart/form-data</c>), in any order and possibly repeated. Each is tied to the
/// bulk operation by its <c>businessID</c> and <c>state</c>, sealed and kept in the operation store beside it (keys
/// <c>&lt;businessID&gt;#bsqc</c> and <c>&lt;businessID&gt;#page-&lt;n&gt;</c>, which no <c>businessID</c> can take);
/// when the last page is in, the operation completes and its waiter assembles the pages into one outcome.
/// </summary>
internal sealed class BulkSigningCallbacks
{
    /// <summary>The most result pages accepted: 1000 documents at one signature per callback (addendum §A4.2, §A4.4).</summary>
    public const int MaxPages = 1000;

    /// <summary>The <c>multipart/form-data</c> part that holds the signatures [C-doc S3 §3.23].</summary>
    public const string SignaturePartName = CallbackContent.SignaturePartName;

    private const string PageKind = "bdss-page";
    private const string TokenKind = "bdss-token";

    private readonly IAmSmartTransport _transport;
    private readonly PendingOperations _operations;
    private readonly IAmSmartCallbackProcessor _processor;
    private readonly StateHasher _stateHasher;
    private readonly ResultSeal _seal;

    public BulkSigningCallbacks(IAmSmartTransport transport, PendingOperations operations, IAmSmartOptions options)
    {
        _transport = transport;
        _operations = operations;
        _processor = new IAmSmartCallbackProcessor(transport.Session);
        _stateHasher = new StateHasher(options.ClientSecret);
        _seal = new ResultSeal(options.ClientSecret);
    }

    private IPendingOperationStore Store => _operations.Store;

    public static string PageKey(string businessId, int sequence) => $"{businessId}#page-{sequence}";

    public static string TokenKey(string businessId) => $"{businessId}#bsqc";

    /// <summary>Accepts either bulk callback held in memory; see <see cref="AcceptAsync(CallbackParts, CancellationToken)"/>.</summary>
    public async Task<CallbackReceipt> AcceptAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken)
    {
        CallbackParts parts;
        try
        {
            parts = await CallbackContent.ReadAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Rejected(ex.Rejection, ex.TxId);
        }

        using (parts)
        {
            return await AcceptAsync(parts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Accepts either bulk callback read from a stream: a result page part by part, so that the body is never held
    /// whole and the <c>sigFile</c> is decrypted in the buffer it was read into.
    /// </summary>
    public async Task<CallbackReceipt> AcceptAsync(Stream body, string? contentType, long maxBodySize, CancellationToken cancellationToken)
    {
        CallbackParts parts;
        try
        {
            parts = await CallbackContent.ReadAsync(body, contentType, maxBodySize, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Rejected(ex.Rejection, ex.TxId);
        }

        using (parts)
        {
            return await AcceptAsync(parts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Accepts either bulk callback: multipart (or JSON with a <c>code</c>) is a result page, JSON without one the BSQC token.</summary>
    private async Task<CallbackReceipt> AcceptAsync(CallbackParts parts, CancellationToken cancellationToken)
    {
        if (parts.IsMultipart)
        {
            return await AcceptResultAsync(parts, cancellationToken).ConfigureAwait(false);
        }

        JsonElement root;
        try
        {
            using var document = CallbackJson.Parse(parts.Envelope); // a member named twice is malformed too
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Rejected(CallbackRejection.Malformed);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Rejected(CallbackRejection.Malformed);
        }

        return root.TryGetProperty("code", out _)
            ? await AcceptResultAsync(parts, cancellationToken).ConfigureAwait(false)
            : await AcceptTokenAsync(root, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps a BSQC token fetched with <c>bdss/getBSQCToken</c> (anonymous flow) beside its operation.</summary>
    public async Task KeepTokenAsync(string businessId, string token, CancellationToken cancellationToken)
    {
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);
        if (operation is not null)
        {
            _ = await AddTokenAsync(operation, businessId, token, txId: null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The BSQC token received for the operation, if any.</summary>
    public async Task<string?> GetTokenAsync(string businessId, CancellationToken cancellationToken)
    {
        var record = await Store.GetAsync(TokenKey(businessId), cancellationToken).ConfigureAwait(false);
        if (record?.Completion?.SealedResult is not { } sealedResult)
        {
            return null;
        }

        var callback = _seal.Open(sealedResult);
        return callback.Payload is { } payload && payload.TryGetProperty("BSQCToken", out var token) ? token.GetString() : null;
    }

    /// <summary>Reads the outcome from the callback that completed a bulk operation: a failure as it is, a success from all its pages.</summary>
    public async Task<BulkSigningOutcome> ReadOutcomeAsync(IAmSmartCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.IsSuccess)
        {
            var status = callback.Code is { } failure && ReturnCodes.TryGet(failure, out var info) && info.NeedsNewRequest
                ? SigningStatus.Failed
                : SigningOutcome.ToStatus(callback.Outcome);
            return new BulkSigningOutcome(status, [], callback.Code, callback.BusinessId, callback.TxId);
        }

        var businessId = callback.BusinessId!;
        var total = ReadPage(callback).TotalCallbacks ?? 1;
        var documents = new List<BulkDocumentOutcome>();
        var failed = 0;
        for (var sequence = 1; sequence <= total; sequence++)
        {
            var record = await Store.GetAsync(PageKey(businessId, sequence), cancellationToken).ConfigureAwait(false);
            if (record?.Completion?.SealedResult is not { } sealedResult)
            {
                continue; // expired since the operation completed: its documents are not reported [I]
            }

            var page = _seal.Open(sealedResult);
            var content = ReadPage(page);
            failed = Math.Max(failed, content.FailSignNum ?? 0);
            foreach (var item in ReadSignatures(page))
            {
                documents.Add(ToDocument(item, content.Cert, page.TxId));
            }
        }

        var signed = documents.Exists(d => d.IsSigned);
        return new BulkSigningOutcome(signed ? SigningStatus.Signed : SigningStatus.Failed, documents, callback.Code, businessId, callback.TxId, failed);
    }

    /// <summary>
    /// The signature items of a success page: its <c>sigFile</c> part's text, which the spec prints as
    /// <c>"signatures": [...]</c> without braces, so that text is wrapped in <c>{…}</c> (addendum §A3.3) [I]. A page has one
    /// <c>sigFile</c>: a second is refused when the body is read (<see cref="MultipartReader"/>); a success page without
    /// one has no signatures array, and is not a page (only a failure comes with <c>sigMetada</c> alone, §A3.3).
    /// </summary>
    internal static List<BulkSignatureItem> ReadSignatures(IAmSmartCallback page)
    {
        foreach (var part in page.Attachments)
        {
            if (string.Equals(part.Name, SignaturePartName, StringComparison.Ordinal))
            {
                return ParseSignatureFile(part.Content, page.TxId);
            }
        }

        throw new IAmSmartServiceException("A bulk-signing result page carries no sigFile.", isTransient: false, txId: page.TxId);
    }

    internal static List<BulkSignatureItem> ParseSignatureFile(ReadOnlyMemory<byte> text, string? txId)
    {
        var items = ParseSignatureFileItems(text, txId);

        // JSON null is a valid list item to the serializer, and a hostile page may send one: refuse it here, as any other
        // unreadable sigFile, instead of failing later on a missing item.
        return items.Contains(null!)
            ? throw new IAmSmartServiceException("A bulk-signing sigFile lists an item that is not an object.", isTransient: false, txId: txId)
            : items;
    }

    private static List<BulkSignatureItem> ParseSignatureFileItems(ReadOnlyMemory<byte> text, string? txId)
    {
        var trimmed = Trim(text);
        if (trimmed.Span.StartsWith("\uFEFF"u8))
        {
            trimmed = trimmed[3..];
        }

        try
        {
            var span = trimmed.Span;
            // A page without a signatures array (JSON null, {"signatures":null}, {}, nothing but a BOM) is not an empty page:
            // every page carries its share of the documents (addendum §A4.4), so it is refused as malformed.
            if (span.StartsWith("["u8))
            {
                return Deserialize(trimmed, BulkCallbackJsonContext.Default.ListBulkSignatureItem) ?? throw NoSignatures(txId);
            }

            if (span.StartsWith("{"u8))
            {
                return Deserialize(trimmed, BulkCallbackJsonContext.Default.BulkSignatureFile)?.Signatures ?? throw NoSignatures(txId);
            }

            var wrapped = new byte[trimmed.Length + 2];
            wrapped[0] = (byte)'{';
            span.CopyTo(wrapped.AsSpan(1));
            wrapped[^1] = (byte)'}';
            return Deserialize(wrapped, BulkCallbackJsonContext.Default.BulkSignatureFile)?.Signatures ?? throw NoSignatures(txId);
        }
        catch (JsonException ex)
        {
            // The exception may quote a signature: keep only where it failed.
            throw new IAmSmartServiceException($"A bulk-signing sigFile is not the expected list of signatures, each member named once (at {ex.Path}).", isTransient: false, txId: txId);
        }
    }

    // Parsed as every callback is (CallbackJson): the serializer alone refuses a member named twice only among those it
    // maps, and a sigFile must read the same to every parser, whichever members it reads.
    private static T? Deserialize<T>(ReadOnlyMemory<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var document = CallbackJson.Parse(json);
        return document.RootElement.Deserialize(type);
    }

    private static IAmSmartServiceException NoSignatures(string? txId)
        => new("A bulk-signing sigFile has no signatures array.", isTransient: false, txId: txId);

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> text)
    {
        var span = text.Span;
        var start = span.Length - span.TrimStart(" \t\r\n"u8).Length;
        return text[start..(start + span.Trim(" \t\r\n"u8).Length)];
    }

    private static BulkSigningPageContent ReadPage(IAmSmartCallback callback)
        => callback.Payload is null ? new BulkSigningPageContent() : callback.DeserializePayload(BulkCallbackJsonContext.Default.BulkSigningPageContent);

    private static BulkDocumentOutcome ToDocument(BulkSignatureItem item, string? cert, string? txId)
    {
        var id = string.IsNullOrEmpty(item.Id)
            ? throw new IAmSmartServiceException("A bulk-signing signature item has no id.", isTransient: false, txId: txId)
            : item.Id;
        var hash = item.Hash ?? item.HashCode;
        if (!string.IsNullOrEmpty(item.PdfSignature) && !string.IsNullOrEmpty(item.DocDigest))
        {
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(item.PdfSignature);
            }
            catch (FormatException)
            {
                throw new IAmSmartServiceException("iAM Smart sent a bulk pdfSignature that is not Base64.", isTransient: false, txId: txId);
            }

            return signature.Length == 0 ? new BulkDocumentOutcome(id) : new BulkDocumentOutcome(id, pdfResult: new PdfSigningResult(item.DocDigest, signature));
        }

        // timestamp and signature come only on success (addendum §A3.3); one cert for all items sits in sigMetada.
        return !string.IsNullOrEmpty(hash) && !string.IsNullOrEmpty(item.Signature) && item.Timestamp is { } timestamp && !string.IsNullOrEmpty(cert)
            ? new BulkDocumentOutcome(id, new HashSigningResult(hash, HashSigningContent.ToSigningTime(timestamp, txId), item.Signature, cert))
            : new BulkDocumentOutcome(id);
    }

    private async Task<CallbackReceipt> AcceptResultAsync(CallbackParts parts, CancellationToken cancellationToken)
    {
        DecryptedCallback read;
        try
        {
            // No copies of the parts: the page is sealed into the store before the parts' buffers go back to the pool. So
            // nothing that outlives this call (a signal to a waiter, a store record, a log, an exception) may hold
            // read.Callback's attachments: only the sealed page (AddCompanionAsync), and the failure without them.
            read = await _processor.ReadCoreAsync(parts, copyAttachments: false, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Rejected(ex.Rejection, ex.TxId);
        }

        var callback = read.Callback;
        if (!IAmSmartState.IsWellFormedBusinessId(callback.BusinessId))
        {
            return Rejected(CallbackRejection.Uncorrelated, callback.TxId);
        }

        var businessId = callback.BusinessId!;
        var operation = await Store.GetAsync(businessId, cancellationToken).ConfigureAwait(false);

        // A failure may carry its businessID only (contract §2.2); a success must carry the state issued.
        var verified = operation is not null && _stateHasher.Matches(operation.StateHash, callback.State);
        if (operation is null || !IsBulk(operation.Kind) || (callback.State is not null && !verified) || (callback.IsSuccess && !verified))
        {
            return Rejected(CallbackRejection.UnknownOperation, callback.TxId);
        }

        if (!callback.IsSuccess)
        {
            // A failure page carries only sigMetada (addendum §A3.3). Its callback is sealed and handed to waiters, past
            // this request: any other part it came with is a view into the parts' pooled buffers, cleared and rented
            // again once the request ends, so it is dropped here, never handed on. Its fingerprint is of what is kept
            // (as a success page's is of what it keeps): a repeat with another extra part is a duplicate, not a conflict.
            var failure = callback.WithoutAttachments();
            return await _operations.CompleteAsync(operation, failure, IAmSmartCallbackProcessor.Fingerprint(failure), verified, key: null, cancellationToken).ConfigureAwait(false);
        }

        BulkSigningPageContent page;
        try
        {
            page = ReadPage(callback);
        }
        catch (IAmSmartServiceException)
        {
            return Rejected(CallbackRejection.Malformed, callback.TxId);
        }

        var total = page.TotalCallbacks ?? 1;
        var sequence = page.CallbackSeq ?? 1;
        if (total is < 1 or > MaxPages || sequence < 1 || sequence > total)
        {
            return Rejected(CallbackRejection.Malformed, callback.TxId);
        }

        IReadOnlyList<CallbackAttachment> attachments;
        try
        {
            attachments = DecryptSignatureParts(parts, read.Key);
        }
        catch (IAmSmartCryptographyException)
        {
            return Rejected(CallbackRejection.Undecryptable, callback.TxId);
        }

        var kept = new IAmSmartCallback(CallbackStatus.Succeeded, callback.Code, callback.TxId, businessId, callback.State, callback.Payload, attachments: attachments, isStateVerified: true);

        // Read the signatures now as the waiter will (ToDocument: an id, a Base64 pdfSignature, a timestamp in range), so
        // that a page the waiter could not read is refused here instead of failing the wait.
        try
        {
            foreach (var item in ReadSignatures(kept))
            {
                _ = ToDocument(item, page.Cert, callback.TxId);
            }
        }
        catch (IAmSmartServiceException)
        {
            return Rejected(CallbackRejection.Malformed, callback.TxId);
        }

        // The fingerprint is of the page as kept (code, payload, the decrypted sigFile), not of the raw parts: a repeat
        // with other signatures is a conflict, one with another extra part (dropped above) a duplicate.
        var added = await _operations.AddCompanionAsync(operation, PageKey(businessId, sequence), PageKind, kept, IAmSmartCallbackProcessor.Fingerprint(kept), cancellationToken).ConfigureAwait(false);
        if (added.Disposition != CallbackDisposition.Accepted)
        {
            return added with { TxId = callback.TxId };
        }

        if (read.Key is { } key)
        {
            _transport.Keys.Adopt(key); // a verified success tied to an operation started here (as PendingOperations does)
        }

        for (var other = 1; other <= total; other++)
        {
            if (other != sequence && await Store.GetAsync(PageKey(businessId, other), cancellationToken).ConfigureAwait(false) is null)
            {
                return new CallbackReceipt(CallbackDisposition.Accepted, Kind: operation.Kind, TxId: callback.TxId); // more pages to come
            }
        }

        // Every page is in: complete the operation. Two last pages landing at once compute the same fingerprint, so the loser is a repeat.
        var summary = new IAmSmartCallback(CallbackStatus.Succeeded, callback.Code, callback.TxId, businessId, callback.State, callback.Payload, isStateVerified: true);
        var receipt = await _operations.CompleteAsync(operation, summary, $"bdss-complete:{total}", verified: true, key: null, cancellationToken).ConfigureAwait(false);
        return receipt.IsAcknowledged ? new CallbackReceipt(CallbackDisposition.Accepted, Kind: operation.Kind, TxId: callback.TxId) : receipt;
    }

    private List<CallbackAttachment> DecryptSignatureParts(CallbackParts parts, ContentKey? key)
    {
        // The examples send sigFile in clear; all callbacks are said to be encrypted, so a sigFile that is not JSON text
        // is taken as Base64 ciphertext under the callback's content key (addendum §A3.3) [G].
        // Only sigFile is kept: any other part is read by nobody, so it is neither stored nor fingerprinted (as a failure
        // page's extra parts are not), and a repeat that comes with another or no extra part is a duplicate.
        var result = new List<CallbackAttachment>(1);
        for (var i = 0; i < parts.Attachments.Count; i++)
        {
            var part = parts.Attachments[i];
            if (!string.Equals(part.Name, SignaturePartName, StringComparison.Ordinal))
            {
                continue;
            }

            var span = part.Content.Span;
            var text = span.Trim(" \t\r\n"u8);
            var isPlain = key is null || text.IsEmpty || text[0] is (byte)'{' or (byte)'[' or (byte)'"' || text.StartsWith("\uFEFF"u8);
            result.Add(isPlain
                ? part
                : part with { Content = DecryptInPlace(parts.Writable(i), span.Length - span.TrimStart(" \t\r\n"u8).Length, text.Length, key!) });
        }

        return result;
    }

    /// <summary>
    /// Decrypts a signature part in the pooled buffer it was read into, its Base64 at <paramref name="offset"/>: the
    /// plaintext is written over the text it comes from, so a page of 1000 signatures costs no second buffer of its size.
    /// </summary>
    private ReadOnlyMemory<byte> DecryptInPlace(Memory<byte> buffer, int offset, int length, ContentKey key)
    {
        var region = buffer[offset..];
        return region[.._transport.Session.Cipher.Decrypt(region.Span[..length], key, region.Span)];
    }

    private async Task<CallbackReceipt> AcceptTokenAsync(JsonElement root, CancellationToken cancellationToken)
    {
        string? txId;
        try
        {
            txId = ReadText(root, "txID");
        }
        catch (CallbackRejectedException ex)
        {
            return Rejected(ex.Rejection);
        }

        JsonElement content;
        try
        {
            content = await ReadTokenContentAsync(root, cancellationToken).ConfigureAwait(false);
        }
        catch (CallbackRejectedException ex)
        {
            return Rejected(ex.Rejection, txId);
        }

        BulkSigningTokenContent? token;
        try
        {
            token = content.Deserialize(BulkCallbackJsonContext.Default.BulkSigningTokenContent);
        }
        catch (JsonException)
        {
            return Rejected(CallbackRejection.Malformed, txId);
        }

        if (token is null || string.IsNullOrEmpty(token.BsqcToken) || token.BsqcToken.Length > 256)
        {
            return Rejected(CallbackRejection.Malformed, txId);
        }

        if (!IAmSmartState.IsWellFormedBusinessId(token.BusinessId))
        {
            return Rejected(CallbackRejection.Uncorrelated, txId);
        }

        var operation = await Store.GetAsync(token.BusinessId!, cancellationToken).ConfigureAwait(false);

        // The token is a handle on the request (enquire, cancel): only a callback that proves the state may set it.
        if (operation is null || !IsBulk(operation.Kind) || !_stateHasher.Matches(operation.StateHash, token.State))
        {
            return Rejected(CallbackRejection.UnknownOperation, txId);
        }

        return await AddTokenAsync(operation, token.BusinessId!, token.BsqcToken, txId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The business content of a token callback: <c>content</c> as an object (the example, in clear) or as Base64
    /// ciphertext with the content key in <c>secretKey</c> or <c>key</c> (addendum §A3.1: all callbacks are encrypted) [I].
    /// The request-style <c>signature</c> of the example is not checked: no algorithm is given for it [G].
    /// </summary>
    private async Task<JsonElement> ReadTokenContentAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("content", out var content))
        {
            return root;
        }

        if (content.ValueKind == JsonValueKind.Object)
        {
            return content.TryGetProperty("content", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : content;
        }

        if (content.ValueKind != JsonValueKind.String)
        {
            throw new CallbackRejectedException("The BSQC token callback's content is neither an object nor ciphertext.", CallbackRejection.Malformed);
        }

        var ciphertext = ReadText(root, "content")!;
        var wrapped = ReadText(root, "secretKey") ?? ReadText(root, "key");
        byte[] plaintext;
        try
        {
            var key = wrapped is null
                ? _transport.Keys.Current ?? throw new CallbackRejectedException("The BSQC token callback carries no key.", CallbackRejection.Undecryptable)
                : await _transport.Session.KeyRing.UnwrapAsync(wrapped, publicKeyBase64: null, expiresAt: null, cancellationToken).ConfigureAwait(false);
            plaintext = _transport.Session.Cipher.Decrypt(ciphertext, key);
        }
        catch (IAmSmartException ex) when (ex is IAmSmartCryptographyException or IAmSmartConfigurationException)
        {
            throw new CallbackRejectedException("The BSQC token callback cannot be decrypted.", CallbackRejection.Undecryptable, innerException: ex);
        }

        try
        {
            using var document = CallbackJson.Parse(plaintext);
            var element = document.RootElement.Clone();
            return element.ValueKind == JsonValueKind.Object && element.TryGetProperty("content", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? inner
                : element;
        }
        catch (JsonException) when (CallbackJson.HasDuplicateMembersOnly(plaintext))
        {
            throw new CallbackRejectedException("The decrypted BSQC token callback names a member twice.", CallbackRejection.Malformed);
        }
        catch (JsonException)
        {
            throw new CallbackRejectedException("The decrypted BSQC token callback is not JSON.", CallbackRejection.Undecryptable);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// A string member of the token callback, or <see langword="null"/> when absent or not a string. A JSON escape that is
    /// not valid UTF-16 (a lone surrogate such as <c>\uD800</c>) cannot be read as text: no txID, key or ciphertext of
    /// iAM Smart looks like that, so the callback is malformed.
    /// </summary>
    private static string? ReadText(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new CallbackRejectedException($"The BSQC token callback's {name} is not valid text.", CallbackRejection.Malformed);
        }
    }

    private async Task<CallbackReceipt> AddTokenAsync(PendingOperation operation, string businessId, string token, string? txId, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToElement(new BulkSigningTokenContent { BsqcToken = token, BusinessId = businessId }, BulkCallbackJsonContext.Default.BulkSigningTokenContent);
        var kept = new IAmSmartCallback(CallbackStatus.Succeeded, ReturnCodes.Success, txId, businessId, state: null, payload, isStateVerified: true);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("bsqc\n" + token)));
        var receipt = await _operations.AddCompanionAsync(operation, TokenKey(businessId), TokenKind, kept, fingerprint, cancellationToken).ConfigureAwait(false);
        return receipt with { TxId = txId };
    }

    private static bool IsBulk(string kind)
        => string.Equals(kind, IAmSmartFunctions.BulkSigning.Kind, StringComparison.Ordinal)
            || string.Equals(kind, IAmSmartFunctions.AnonymousBulkSigning.Kind, StringComparison.Ordinal);

    private static CallbackReceipt Rejected(CallbackRejection rejection, string? txId = null)
        => new(CallbackDisposition.Rejected, rejection, TxId: txId);
}
