using System.Globalization;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// Adds the five iAM Smart headers (<c>clientID</c>, <c>signatureMethod</c>, <c>timestamp</c>, <c>nonce</c>,
/// <c>signature</c>) to each attempt. It sits inside the retry handler, so that every retry carries a new nonce and
/// timestamp: a resent nonce would be refused as a replay (D20004).
/// </summary>
internal sealed class RequestSigningHandler : DelegatingHandler
{
    private readonly string _clientId;
    private readonly IRequestSigner _signer;
    private readonly RequestStamp _stamp;

    public RequestSigningHandler(string clientId, IRequestSigner signer, RequestStamp stamp)
    {
        _clientId = clientId;
        _signer = signer;
        _stamp = stamp;
    }

    /// <summary>The key under which the transport leaves the exact body string to sign.</summary>
    public static readonly HttpRequestOptionsKey<string> BodyKey = new("IAmSmart.SignedBody");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(BodyKey, out var body))
        {
            var timestamp = _stamp.NextTimestamp().ToString(CultureInfo.InvariantCulture);
            var nonce = _stamp.NewNonce();
            var headers = request.Headers;
            headers.Remove("timestamp");
            headers.Remove("nonce");
            headers.Remove("signature");
            headers.Remove("clientID");
            headers.Remove("signatureMethod");
            headers.TryAddWithoutValidation("clientID", _clientId);
            headers.TryAddWithoutValidation("signatureMethod", _signer.SignatureMethod);
            headers.TryAddWithoutValidation("timestamp", timestamp);
            headers.TryAddWithoutValidation("nonce", nonce);
            headers.TryAddWithoutValidation("signature", _signer.Sign(_clientId, timestamp, nonce, body));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
