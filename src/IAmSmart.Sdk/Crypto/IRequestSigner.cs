namespace IAmSmart.Sdk.Crypto;

/// <summary>Computes the <c>signature</c> header of an iAM Smart API request.</summary>
public interface IRequestSigner
{
    /// <summary>The value of the <c>signatureMethod</c> header this signer produces, for example <c>HmacSHA256</c>.</summary>
    string SignatureMethod { get; }

    /// <summary>Signs one request.</summary>
    /// <param name="clientId">The e-service client ID, as sent in the <c>clientID</c> header.</param>
    /// <param name="timestamp">The <c>timestamp</c> header, exactly as sent.</param>
    /// <param name="nonce">The <c>nonce</c> header, exactly as sent.</param>
    /// <param name="body">The exact request body string as sent (empty for an empty body).</param>
    /// <returns>The header value, ready to send (URL-encoded where the scheme says so).</returns>
    string Sign(string clientId, string timestamp, string nonce, string body);
}
