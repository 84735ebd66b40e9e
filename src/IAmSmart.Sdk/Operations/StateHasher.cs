using System.Security.Cryptography;
using System.Text;

namespace IAmSmart.Sdk.Operations;

/// <summary>
/// The keyed hash under which a pending operation's <c>state</c> is stored, so that whoever can read a shared store
/// (a Redis, a cache) learns nothing that lets them forge a callback. The key is derived from the client secret, which
/// every instance of the e-service has and the store does not; the comparison is in constant time.
/// </summary>
internal sealed class StateHasher
{
    private const string Prefix = "hmac-sha256:";

    private readonly byte[] _key;

    // Domain separation: the derived key serves this purpose only, never as a request-signing key.
    public StateHasher(string clientSecret) => _key = ClientSecretKeys.Derive(clientSecret, "IAmSmart.Sdk pending-operation state v1"u8);

    public string Hash(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Prefix + Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(state)));
    }

    /// <summary>Whether <paramref name="state"/> hashes to <paramref name="stored"/>, in time independent of where they differ.</summary>
    public bool Matches(string? stored, string? state)
    {
        if (stored is null || state is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(state)));
    }
}
