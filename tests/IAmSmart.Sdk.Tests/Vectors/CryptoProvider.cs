using IAmSmart.Sdk.BouncyCastle;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Vectors;

/// <summary>
/// A crypto provider as the vector tests see it: the BCL (the default) or BouncyCastle. Every known-answer test runs once
/// per provider, so that a new vector file covers both.
/// </summary>
internal abstract class CryptoProvider
{
    public const string Bcl = "BCL";
    public const string BouncyCastle = "BouncyCastle";

    public static IReadOnlyList<string> Names { get; } = [Bcl, BouncyCastle];

    public static CryptoProvider Get(string name) => name switch
    {
        Bcl => BclProvider.Instance,
        BouncyCastle => BouncyCastleProvider.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown provider"),
    };

    /// <summary>Each provider with each index of a vector section.</summary>
    public static TheoryData<string, int> Cross(string section)
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Names)
        {
            for (var i = 0; i < TestVectors.Section(section).Count; i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    /// <summary>Each provider, for tests without an index.</summary>
    public static TheoryData<string> All() => [.. Names];

    public abstract IRequestSigner Signer(string clientSecret);

    public abstract IContentCipher Cipher { get; }

    /// <summary>Encrypts with a given IV, for known answers.</summary>
    public abstract string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv);

    /// <summary>The provider's ring over the given in-memory keys.</summary>
    public abstract KeyEncryptionKeyRing Ring(params IKeyEncryptionKey[] keys);

    public abstract ISm2SignatureVerifier? Sm2Verifier { get; }

    /// <summary>A client with the vector options, every seam taken from this provider.</summary>
    public IAmSmartClient Client(FakeIAmSmartHandler handler, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var options = VectorClient.Options();
        var ring = Ring([.. options.KeyEncryptionKeys]);
        options.KeyEncryptionKeys.Clear();
        foreach (var key in ring.Keys)
        {
            options.KeyEncryptionKeys.Add(key);
        }

        var pipeline = IAmSmartHttpPipeline.CreateHandlers(options, new RequestStamp(time), time, loggerFactory: null, Signer(options.ClientSecret));
        pipeline.Innermost.InnerHandler = handler;
        var http = new HttpClient(pipeline.Outermost, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var transport = IAmSmartHttpPipeline.CreateTransport(options, () => http, time, loggerFactory: null, Cipher);
        return new IAmSmartClient(transport, options, time, loggerFactory: null, operationStore: null, ownedHttpClient: http);
    }

    private sealed class BclProvider : CryptoProvider
    {
        public static BclProvider Instance { get; } = new();

        public override IContentCipher Cipher => AesGcmContentCipher.Instance;

        public override ISm2SignatureVerifier? Sm2Verifier => null;

        public override IRequestSigner Signer(string clientSecret) => new HmacSha256RequestSigner(clientSecret);

        public override string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv) => AesGcmContentCipher.Encrypt(plaintext, key, iv);

        public override KeyEncryptionKeyRing Ring(params IKeyEncryptionKey[] keys) => new(keys);
    }

    private sealed class BouncyCastleProvider : CryptoProvider
    {
        public static BouncyCastleProvider Instance { get; } = new();

        public override IContentCipher Cipher { get; } = new BouncyCastleContentCipher(SystemRandomSource.Instance);

        public override ISm2SignatureVerifier? Sm2Verifier => BouncyCastleSignatureVerification.Sm2;

        public override IRequestSigner Signer(string clientSecret) => new BouncyCastleRequestSigner(clientSecret);

        public override string Encrypt(ReadOnlySpan<byte> plaintext, ContentKey key, ReadOnlySpan<byte> iv) => BouncyCastleContentCipher.Encrypt(plaintext, key, iv);

        public override KeyEncryptionKeyRing Ring(params IKeyEncryptionKey[] keys)
        {
            var ring = BouncyCastleRsaKeyEncryptionKey.Convert(new KeyEncryptionKeyRing(keys));
            Assert.All(ring.Keys, k => Assert.IsType<BouncyCastleRsaKeyEncryptionKey>(k));
            return ring;
        }
    }
}
