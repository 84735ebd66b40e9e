using System.Text.Json;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Transport;

/// <summary>
/// The getKey and revokeKey calls (contract §3): sent in clear over the client's own channel (never an end user's, so
/// they carry no end-user IP), with the key returned still wrapped for the crypto layer to unwrap.
/// </summary>
internal sealed class IAmSmartKeyClient(IAmSmartChannel channel) : IContentKeyExchange
{
    // S4 (production) signs and sends "{}" for getKey/revokeKey; S5–S7 send an empty body. Both are accepted (contract §3).
    internal const string RequestBody = "{}";

    public async Task<IssuedContentKey> GetKeyAsync(CancellationToken cancellationToken)
    {
        var envelope = await channel.SendAsync(IAmSmartFunctions.GetKey, RequestBody, cancellationToken).ConfigureAwait(false);
        if (envelope.PlainContent is not { } content)
        {
            throw new IAmSmartServiceException("iAM Smart security.getKey returned no key.", isTransient: false, envelope.Code, envelope.TxId);
        }

        var issued = content.Deserialize(TransportJsonContext.Default.GetKeyContent)
            ?? throw new IAmSmartServiceException("iAM Smart security.getKey returned an empty key.", isTransient: false, envelope.Code, envelope.TxId);
        if (string.IsNullOrEmpty(issued.SecretKey))
        {
            throw new IAmSmartServiceException("iAM Smart security.getKey returned no secretKey.", isTransient: false, envelope.Code, envelope.TxId);
        }

        return new IssuedContentKey(issued.SecretKey, issued.PubKey, issued.Lifetime());
    }

    public async Task RevokeKeyAsync(CancellationToken cancellationToken)
        => await channel.SendAsync(IAmSmartFunctions.RevokeKey, RequestBody, cancellationToken).ConfigureAwait(false);
}
