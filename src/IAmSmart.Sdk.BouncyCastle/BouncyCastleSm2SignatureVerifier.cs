using System.Text;
using IAmSmart.Sdk.Signing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace IAmSmart.Sdk.BouncyCastle;

/// <summary>
/// SM2 signature verification (GB/T 32918.2) through BouncyCastle: <c>SM3withSM2</c> with the default user ID, and
/// <c>NONEwithSM2</c> over a ready 32-byte digest.
/// </summary>
internal sealed class BouncyCastleSm2SignatureVerifier : ISm2SignatureVerifier
{
    /// <summary>The user ID of GB/T 35276 when none is agreed; neither the contract nor the addendum names another.</summary>
    internal const string DefaultUserId = "1234567812345678";

    public static BouncyCastleSm2SignatureVerifier Instance { get; } = new();

    public bool Verify(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> hashCode, ReadOnlySpan<byte> signature, bool hashCodeIsDigest)
    {
        ECPublicKeyParameters key;
        BigInteger r, s;
        try
        {
            key = PublicKeyFactory.CreateKey(subjectPublicKeyInfo.ToArray()) as ECPublicKeyParameters
                ?? throw new ArgumentException("not an EC key", nameof(subjectPublicKeyInfo));
            (r, s) = DecodeSignature(key.Parameters.N, signature.ToArray());
        }
        catch (Exception ex) when (IsMalformed(ex) || ex is SecurityUtilityException)
        {
            return false;
        }

        if (!hashCodeIsDigest)
        {
            var signer = new SM2Signer();
            signer.Init(false, new ParametersWithID(key, Encoding.ASCII.GetBytes(DefaultUserId)));
            signer.BlockUpdate(hashCode);
            return signer.VerifySignature(StandardDsaEncoding.Instance.Encode(key.Parameters.N, r, s));
        }

        return hashCode.Length == 32 && VerifyDigest(key, new BigInteger(1, hashCode.ToArray()), r, s);
    }

    // GB/T 32918.2 §7.1, steps B1–B7, with e given.
    private static bool VerifyDigest(ECPublicKeyParameters key, BigInteger e, BigInteger r, BigInteger s)
    {
        var n = key.Parameters.N;
        if (r.SignValue <= 0 || r.CompareTo(n) >= 0 || s.SignValue <= 0 || s.CompareTo(n) >= 0)
        {
            return false;
        }

        var t = r.Add(s).Mod(n);
        if (t.SignValue == 0)
        {
            return false;
        }

        var point = ECAlgorithms.SumOfTwoMultiplies(key.Parameters.G, s, key.Q, t).Normalize();
        if (point.IsInfinity)
        {
            return false;
        }

        return e.Add(point.AffineXCoord.ToBigInteger()).Mod(n).Equals(r);
    }

    // DER SEQUENCE { r, s } as BouncyCastle and Java write it, or the 64 bytes r ‖ s. A plain signature starts with the
    // DER SEQUENCE tag 0x30 once in 256, so 64 bytes are DER only when they decode as DER exactly (a valid DER encoding
    // that is also the plain form of this same signature does not exist in practice: its second byte would have to be
    // 0x3E and its third 0x02).
    private static (BigInteger R, BigInteger S) DecodeSignature(BigInteger n, byte[] signature)
    {
        if (signature.Length == 64 && !(signature[0] == 0x30 && TryDecodeDer(n, signature, out _)))
        {
            var plain = PlainDsaEncoding.Instance.Decode(n, signature);
            return (plain[0], plain[1]);
        }

        var der = StandardDsaEncoding.Instance.Decode(n, signature);
        return (der[0], der[1]);
    }

    private static bool TryDecodeDer(BigInteger n, byte[] signature, out BigInteger[]? values)
    {
        try
        {
            values = StandardDsaEncoding.Instance.Decode(n, signature);
            return true;
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            values = null;
            return false;
        }
    }

    // What BouncyCastle throws for bytes that are not the encoding it expects (not an ASN.1 object, not a SEQUENCE, ...).
    private static bool IsMalformed(Exception ex) => ex is ArgumentException or InvalidOperationException or InvalidCastException or IOException;
}
