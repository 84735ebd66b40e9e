using System.Text;
using IAmSmart.Sdk.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace IAmSmart.Sdk.BouncyCastle;

/// <summary>
/// The iAM Smart request signature through BouncyCastle's HMAC-SHA256:
/// <c>URLEncode(Base64(HMAC-SHA256(clientSecret, clientID + "HmacSHA256" + timestamp + nonce + body)))</c> (contract §11.1).
/// </summary>
internal sealed class BouncyCastleRequestSigner : IRequestSigner
{
    private readonly KeyParameter _key;

    public BouncyCastleRequestSigner(string clientSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        _key = new KeyParameter(Encoding.UTF8.GetBytes(clientSecret));
    }

    public string SignatureMethod => HmacSha256RequestSigner.Method;

    public string Sign(string clientId, string timestamp, string nonce, string body)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(body);

        var message = Encoding.UTF8.GetBytes(string.Concat(clientId, HmacSha256RequestSigner.Method, timestamp, nonce, body));
        var hmac = new HMac(new Sha256Digest());
        hmac.Init(_key);
        hmac.BlockUpdate(message, 0, message.Length);
        var mac = new byte[hmac.GetMacSize()];
        hmac.DoFinal(mac, 0);
        return Uri.EscapeDataString(Convert.ToBase64String(mac));
    }
}
