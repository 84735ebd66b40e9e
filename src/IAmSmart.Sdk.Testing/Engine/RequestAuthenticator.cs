using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Testing.Engine;

/// <summary>
/// Checks the five signature headers of a POST (contract §2.1, §11.1): all present, <c>HmacSHA256</c>, the known client,
/// a signature over the exact body, and no replay (a nonce seen before, or a timestamp lower than the last one).
/// </summary>
internal sealed class RequestAuthenticator(SimulatorOptions options)
{
    // Enough for any test run; the oldest nonces are forgotten first, which only weakens replay detection for them.
    private const int MaxRememberedNonces = 100_000;

    private static readonly string[] RequiredHeaders = ["clientID", "signatureMethod", "timestamp", "nonce", "signature"];

    private readonly HmacSha256RequestSigner _signer = new(options.ClientSecret);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly Queue<string> _nonceOrder = new();
    private long _lastTimestamp;

    /// <summary>Throws the return code of the first rule the request breaks.</summary>
    public void Verify(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        foreach (var name in RequiredHeaders)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                throw SimulatorApiException.Missing(name);
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw SimulatorApiException.Empty(name);
            }
        }

        if (!string.Equals(headers["signatureMethod"], HmacSha256RequestSigner.Method, StringComparison.Ordinal))
        {
            throw new SimulatorApiException("D20005", "unsupported signature method");
        }

        var clientId = headers["clientID"];
        if (!string.Equals(clientId, options.ClientId, StringComparison.Ordinal))
        {
            // [I] the real code for an unknown client is not known; "invalid parameter" is the closest documented one.
            throw SimulatorApiException.Invalid("clientID");
        }

        var timestampText = headers["timestamp"];
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || timestamp <= 0)
        {
            throw SimulatorApiException.Invalid("timestamp");
        }

        var nonce = headers["nonce"];
        if (nonce.Length > 36)
        {
            throw SimulatorApiException.Invalid("nonce");
        }

        string bodyText;
        try
        {
            bodyText = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new SimulatorApiException("D20006", "signature verification failed");
        }

        var expected = _signer.Sign(clientId, timestampText, nonce, bodyText);
        var sent = headers["signature"];
        if (!FixedTimeEquals(expected, sent) && !(options.AcceptUnencodedSignature && FixedTimeEquals(Uri.UnescapeDataString(expected), sent)))
        {
            throw new SimulatorApiException("D20006", "signature verification failed");
        }

        // Only a correctly signed request may spend a nonce: otherwise anyone could block a client's next nonce.
        lock (_gate)
        {
            if (timestamp < _lastTimestamp || _nonces.Contains(nonce))
            {
                throw new SimulatorApiException("D20004", "duplicated request");
            }

            _lastTimestamp = timestamp;
            _nonces.Add(nonce);
            _nonceOrder.Enqueue(nonce);
            if (_nonceOrder.Count > MaxRememberedNonces)
            {
                _nonces.Remove(_nonceOrder.Dequeue());
            }
        }
    }

    private static bool FixedTimeEquals(string expected, string actual)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
