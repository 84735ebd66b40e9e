using IAmSmart.Sdk;
using IAmSmart.Sdk.BouncyCastle;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Signing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Selects BouncyCastle as the SDK's crypto provider.</summary>
public static class IAmSmartBuilderBouncyCastleExtensions
{
    /// <summary>
    /// Signs requests (HMAC-SHA256), encrypts and decrypts content (AES-256-GCM) and unwraps content keys (RSA PKCS#1 v1.5)
    /// through BouncyCastle instead of the BCL, replacing the <see cref="IRequestSigner"/>, <see cref="IContentCipher"/>
    /// and <see cref="KeyEncryptionKeyRing"/> registered before; and registers an <see cref="ISm2SignatureVerifier"/> for
    /// SM2 signing results. Key-encryption keys that cannot be exported (an HSM, a KMS) keep unwrapping where they are.
    /// The random source (<see cref="IRandomSource"/>) and the key source (<see cref="IContentKeySource"/>) stay as registered.
    /// </summary>
    /// <param name="builder">The SDK's builder from <c>AddIAmSmart</c>.</param>
    /// <returns>The builder.</returns>
    public static IAmSmartBuilder UseBouncyCastle(this IAmSmartBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IRequestSigner>(
            sp => new BouncyCastleRequestSigner(sp.GetRequiredService<IOptions<IAmSmartOptions>>().Value.ClientSecret)));
        services.Replace(ServiceDescriptor.Singleton<IContentCipher>(sp => new BouncyCastleContentCipher(sp.GetRequiredService<IRandomSource>())));
        services.Replace(ServiceDescriptor.Singleton(
            sp => BouncyCastleRsaKeyEncryptionKey.Convert(sp.GetRequiredService<IOptions<IAmSmartOptions>>().Value.CreateKeyRing())));
        services.TryAddSingleton<ISm2SignatureVerifier>(BouncyCastleSm2SignatureVerifier.Instance);
        return builder;
    }
}
