// netstandard2.0 only: the RSA key import and export members (netcoreapp3.0+/net5.0+) through BouncyCastle's ASN.1 and
// PEM readers (internal; no BouncyCastle type reaches the public API).
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace IAmSmart.Sdk.Polyfills;

internal static class RsaPolyfills
{
    public static byte[] ExportSubjectPublicKeyInfo(this RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new RsaKeyParameters(false, Unsigned(parameters.Modulus!), Unsigned(parameters.Exponent!));
        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key).GetDerEncoded();
    }

    public static byte[] ExportPkcs8PrivateKey(this RSA rsa)
    {
        var pair = DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(includePrivateParameters: true));
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();
    }

    public static byte[] ExportSubjectPublicKeyInfo(this PublicKey publicKey)
    {
        var parameters = publicKey.EncodedParameters.RawData;
        var algorithm = parameters is { Length: > 0 }
            ? new AlgorithmIdentifier(new DerObjectIdentifier(publicKey.Oid.Value), Asn1Object.FromByteArray(parameters))
            : new AlgorithmIdentifier(new DerObjectIdentifier(publicKey.Oid.Value));
        return new SubjectPublicKeyInfo(algorithm, publicKey.EncodedKeyValue.RawData).GetDerEncoded();
    }

    public static void ImportFromPem(this RSA rsa, ReadOnlySpan<char> pem) => Import(rsa, pem.ToString(), password: null);

    public static void ImportFromEncryptedPem(this RSA rsa, ReadOnlySpan<char> pem, ReadOnlySpan<char> password)
        => Import(rsa, pem.ToString(), password.ToString());

    private static void Import(RSA rsa, string pem, string? password)
    {
        object? read;
        try
        {
            using var reader = new StringReader(pem);
            read = new PemReader(reader, password is null ? null : new Password(password)).ReadObject();
        }
        catch (Exception ex) when (ex is IOException or PemException or InvalidCipherTextException or ArgumentException or InvalidOperationException)
        {
            throw new CryptographicException("The PEM text holds no RSA key that can be read.", ex);
        }

        var key = read switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter parameter => parameter,
            _ => null,
        };
        RSAParameters parameters = key switch
        {
            RsaPrivateCrtKeyParameters priv => DotNetUtilities.ToRSAParameters(priv),
            RsaKeyParameters { IsPrivate: false } pub => DotNetUtilities.ToRSAParameters(pub),
            _ => throw new CryptographicException("The PEM text holds no RSA key."),
        };
        rsa.ImportParameters(parameters);
    }

    private static Org.BouncyCastle.Math.BigInteger Unsigned(byte[] bytes) => new(1, bytes);

    private sealed class Password(string password) : IPasswordFinder
    {
        public char[] GetPassword() => password.ToCharArray();
    }
}
