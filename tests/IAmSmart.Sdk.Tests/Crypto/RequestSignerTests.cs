using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Tests.Crypto;

public sealed class RequestSignerTests
{
    private const string Secret = "9c9384f2b60e42fc3e6e983ec69530c0";

    [Fact]
    public void Signature_is_the_url_encoded_base64_hmac_of_the_concatenated_parts()
    {
        // Seeded random bodies: over 300 signatures every one of +, / and = turns up, so each escape is exercised.
        var random = new Random(20261121);
        var signer = new HmacSha256RequestSigner(Secret);
        var escapesSeen = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var body = $$"""{"content":"{{Convert.ToBase64String(RandomBytes(random, random.Next(0, 400)))}}"}""";
            var timestamp = (1557053922000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nonce = Guid.NewGuid().ToString("N");

            var signature = signer.Sign("client-1", timestamp, nonce, body);

            var mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(Secret), Encoding.UTF8.GetBytes("client-1" + "HmacSHA256" + timestamp + nonce + body));
            var expected = Uri.EscapeDataString(Convert.ToBase64String(mac)); // escapes + / = as %2B %2F %3D
            Assert.Equal(expected, signature);
            escapesSeen.UnionWith(new[] { "%2B", "%2F", "%3D" }.Where(e => signature.Contains(e, StringComparison.Ordinal)));
        }

        Assert.Equal(3, escapesSeen.Count);
    }

    [Fact]
    public void Concurrent_signing_matches_sequential_signing()
    {
        var signer = new HmacSha256RequestSigner(Secret);
        var bodies = Enumerable.Range(0, 2000).Select(i => $$"""{"content":"body-{{i}}"}""").ToArray();
        var sequential = bodies.Select(b => signer.Sign("c", "1", "n", b)).ToArray();

        var parallel = new string[bodies.Length];
        Parallel.For(0, bodies.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = signer.Sign("c", "1", "n", bodies[i]));

        Assert.Equal(sequential, parallel);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
