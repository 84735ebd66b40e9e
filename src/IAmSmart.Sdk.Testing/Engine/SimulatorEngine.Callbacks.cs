using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// Callbacks: each user answer becomes a pending callback with a due time; due ones are encrypted under the content key
/// current at sending time (a fresh one if it expired, contract §2.3), wrapped for the KEK, and handed to the sink.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private readonly List<PendingCallback> _pending = [];
    private readonly SemaphoreSlim _deliveryGate = new(1, 1);
    private readonly ITimer? _deliveryTimer;

    /// <summary>Sends every callback that is due on the simulator's clock, oldest first.</summary>
    public async Task<IReadOnlyList<CallbackDeliveryResult>> DeliverDueCallbacksAsync(CancellationToken cancellationToken)
    {
        // One delivery run at a time, so that a caller waiting here also waits for a run the timer started.
        await _deliveryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<PendingCallback> due;
            var now = _time.GetUtcNow();
            lock (_state)
            {
                due = [.. _pending.Where(p => p.DueAt <= now).OrderBy(p => p.DueAt)];
                _pending.RemoveAll(due.Contains);
            }

            var results = new List<CallbackDeliveryResult>(due.Count);
            foreach (var pending in due)
            {
                var callback = Build(pending, now);
                if (_faults.DropNextCallback())
                {
                    results.Add(new CallbackDeliveryResult(callback, false, "dropped by fault injection"));
                    continue;
                }

                try
                {
                    if (_options.CallbackSink is { } sink)
                    {
                        await sink.DeliverAsync(callback, cancellationToken).ConfigureAwait(false);
                    }

                    Callbacks.Add(callback);
                    results.Add(new CallbackDeliveryResult(callback, true, null));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    results.Add(new CallbackDeliveryResult(callback, false, $"{ex.GetType().Name}: {ex.Message}"));
                }
            }

            return results;
        }
        finally
        {
            _deliveryGate.Release();
        }
    }

    /// <summary>How many callbacks wait for their due time.</summary>
    public int PendingCallbackCount
    {
        get
        {
            lock (_state)
            {
                return _pending.Count;
            }
        }
    }

    private void Schedule(PendingCallback callback)
    {
        lock (_state)
        {
            _pending.Add(callback);
        }
    }

    private void DeliverInBackground()
    {
        if (!_options.DeliverCallbacksAutomatically)
        {
            return;
        }

        // After the response: the e-service should have stored its pending request before calling (it chose the businessID).
        _ = Task.Run(async () =>
        {
            try
            {
                await DeliverDueCallbacksAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The simulator was disposed while a run was starting.
            }
        });
    }

    private SimulatorCallback Build(PendingCallback pending, DateTimeOffset now)
    {
        if (pending.Shape == CallbackShape.BulkToken)
        {
            return BuildBulkToken(pending, now);
        }

        var key = _vault.GetOrIssue();
        var plaintext = _options.CallbackContentShape == CallbackContentShape.Wrapped
            ? new JsonObject { ["content"] = pending.Payload.DeepClone() }
            : (JsonObject)pending.Payload.DeepClone();
        var txId = NewTxId();
        var body = new JsonObject
        {
            ["txID"] = txId,
            ["code"] = pending.Code,
            ["message"] = pending.Code == ReturnCodes.Success ? "SUCCESS" : Message(pending.Code),
            ["content"] = Encrypt(plaintext, key.Key),
            [_options.CallbackKeyField == CallbackKeyField.Key ? "key" : "secretKey"] = WrapKey(key),
        };
        var json = body.ToJsonString(WireJson);
        if (pending.Shape == CallbackShape.BulkResult)
        {
            return BuildBulkResult(pending, json, txId, key.Key, now);
        }

        if (!pending.Multipart)
        {
            return new SimulatorCallback(pending.RedirectUri, json, txId, pending.Code, pending.BusinessId, pending.Function, now);
        }

        // The multipart shape of a form-filling callback is undocumented (addendum §A3.2): the envelope goes in one JSON
        // part, as in the bulk-signing shape, under a neutral name [G].
        var boundary = "----iamsmart-sim-" + Guid.NewGuid().ToString("N");
        var multipart = $"--{boundary}\r\nContent-Disposition: form-data; name=\"content\"\r\nContent-Type: application/json;charset=UTF-8\r\n\r\n{json}\r\n--{boundary}--\r\n";
        return new SimulatorCallback(pending.RedirectUri, multipart, txId, pending.Code, pending.BusinessId, pending.Function, now)
        {
            ContentType = "multipart/form-data; boundary=" + boundary,
        };
    }

    /// <summary>
    /// The BSQC token callback (addendum §A3.4): a request-style envelope <c>{txID, clientID, signatureMethod, signature,
    /// timestamp, nonce, content}</c> with no code. The content is encrypted with its key in <c>secretKey</c>, as every
    /// callback is said to be (§A3.1) [I]; the example's <c>signature</c> has no documented algorithm, so an HMAC over
    /// the content stands in for it [G].
    /// </summary>
    private SimulatorCallback BuildBulkToken(PendingCallback pending, DateTimeOffset now)
    {
        var key = _vault.GetOrIssue();
        var txId = NewTxId();
        var content = Encrypt((JsonObject)pending.Payload.DeepClone(), key.Key);
        var body = new JsonObject
        {
            ["txID"] = txId,
            ["clientID"] = _options.ClientId,
            ["signatureMethod"] = "HmacSHA256",
            ["signature"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.ClientSecret), Encoding.UTF8.GetBytes(content))),
            ["timestamp"] = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["nonce"] = Guid.NewGuid().ToString("N"),
            ["content"] = content,
            [_options.CallbackKeyField == CallbackKeyField.Key ? "key" : "secretKey"] = WrapKey(key),
        };
        return new SimulatorCallback(pending.RedirectUri, body.ToJsonString(WireJson), txId, pending.Code, pending.BusinessId, pending.Function, now);
    }

    /// <summary>
    /// A bulk-signing result page (addendum §A3.3): <c>sigFile</c> then <c>sigMetada</c>; a failure has <c>sigMetada</c>
    /// only. The <c>sigFile</c> is in clear, as the examples show, or encrypted under the envelope's content key when
    /// <see cref="SimulatorOptions.EncryptBulkSignatureFile"/> is set (the spec says every callback is encrypted) [G].
    /// </summary>
    private SimulatorCallback BuildBulkResult(PendingCallback pending, string envelope, string txId, ContentKey key, DateTimeOffset now)
    {
        var boundary = "----iamsmart-sim-" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        if (pending.SigFile is { } sigFile)
        {
            var partText = _options.EncryptBulkSignatureFile ? AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(sigFile), key) : sigFile;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"sigFile\"; filename=\"signatures.txt\"\r\nContent-Type: text/plain\r\n\r\n{partText}\r\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"sigMetada\"\r\nContent-Type: application/json;charset=UTF-8\r\n\r\n{envelope}\r\n--{boundary}--\r\n");
        return new SimulatorCallback(pending.RedirectUri, text.ToString(), txId, pending.Code, pending.BusinessId, pending.Function, now)
        {
            ContentType = "multipart/form-data; boundary=" + boundary,
        };
    }

    private static string Message(string code) => ReturnCodes.TryGet(code, out var info) ? info.Meaning : "failed";

    internal sealed record PendingCallback(Uri RedirectUri, string Code, JsonObject Payload, string BusinessId, string Function, DateTimeOffset DueAt, bool Multipart = false)
    {
        /// <summary>The body's shape: an ordinary envelope, or one of the two bulk-signing callbacks.</summary>
        public CallbackShape Shape { get; init; }

        /// <summary>The <c>sigFile</c> text of a bulk-signing result page.</summary>
        public string? SigFile { get; init; }
    }

    internal enum CallbackShape
    {
        Envelope,
        BulkToken,
        BulkResult,
    }
}
