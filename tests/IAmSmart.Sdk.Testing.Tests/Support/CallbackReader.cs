using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.Testing.Callbacks;

namespace IAmSmart.Sdk.Testing.Tests.Support;

/// <summary>Decrypts a callback as an e-service would: unwrap secretKey with the KEK, then decrypt content.</summary>
internal static class CallbackReader
{
    public static async Task<(JsonObject Envelope, JsonObject Plaintext)> ReadAsync(IAmSmartSimulator simulator, SimulatorCallback callback)
    {
        var envelope = (JsonObject)JsonNode.Parse(callback.Body)!;
        using var kek = simulator.CreateKeyEncryptionKey();
        var key = await new KeyEncryptionKeyRing([kek]).UnwrapAsync((string)envelope["secretKey"]!, publicKeyBase64: null, expiresAt: null);
        var plaintext = AesGcmContentCipher.Instance.Decrypt((string)envelope["content"]!, key);
        return (envelope, (JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(plaintext))!);
    }
}
