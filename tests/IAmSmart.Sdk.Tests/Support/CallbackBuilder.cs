using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Tests.Support;

/// <summary>
/// Builds callbacks the way iAM Smart does (contract §2.3): a fresh content key wrapped under the vector KEK's public
/// key (RSA PKCS#1 v1.5), the payload encrypted under it. Uses public SDK types only, so other test projects can link it.
/// </summary>
internal static class CallbackBuilder
{
    public const string TxId = "<T=0123456789abcdef0123456789abcdef>";

    /// <summary>A new random content key and its raw bytes.</summary>
    public static (ContentKey Key, byte[] Bytes) NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes);
        return (new ContentKey(bytes), bytes);
    }

    /// <summary>A success callback carrying <paramref name="payload"/>, wrapped as <c>{"content":{…}}</c> when asked.</summary>
    public static string Success(string payload, bool wrapped = false, byte[]? keyBytes = null, string code = "D00000")
    {
        keyBytes ??= NewKey().Bytes;
        var plaintext = wrapped ? $$"""{"content":{{payload}}}""" : payload;
        var content = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(plaintext), new ContentKey(keyBytes));
        return Envelope(code, content, Wrap(keyBytes));
    }

    /// <summary>A failure callback whose content carries only ids, encrypted like a success.</summary>
    public static string Failure(string code, string businessId, string? state = null)
    {
        var ids = new JsonObject { ["businessID"] = businessId };
        if (state is not null)
        {
            ids["state"] = state;
        }

        return Success(ids.ToJsonString(), code: code);
    }

    public static string Envelope(string code, string? content, string? secretKey, string keyMember = "secretKey")
    {
        var envelope = new JsonObject { ["txID"] = TxId, ["code"] = code, ["message"] = code == "D00000" ? "SUCCESS" : "FAILED" };
        if (content is not null)
        {
            envelope["content"] = content;
        }

        if (secretKey is not null)
        {
            envelope[keyMember] = secretKey;
        }

        return envelope.ToJsonString();
    }

    /// <summary>
    /// A <c>multipart/form-data</c> body in the bulk-signing result shape (addendum §A3.3): the envelope in a part named
    /// <paramref name="envelopePart"/> (JSON) after a <c>sigFile</c> text part. Returns the body and its content type.
    /// </summary>
    public static (byte[] Body, string ContentType) Multipart(
        string envelope, string? sigFile = "\"signatures\": []", string envelopePart = "sigMetada", string boundary = "b0undary-7MA4YWxk", string newline = "\r\n", bool closed = true)
    {
        var text = string.Empty;
        if (sigFile is not null)
        {
            text += $"--{boundary}{newline}Content-Disposition: form-data; name=\"sigFile\"; filename=\"signatures.txt\"{newline}Content-Type: text/plain{newline}{newline}{sigFile}{newline}";
        }

        text += $"--{boundary}{newline}Content-Disposition: form-data; name=\"{envelopePart}\"{newline}Content-Type: application/json;charset=UTF-8{newline}{newline}{envelope}{newline}";
        text += closed ? $"--{boundary}--{newline}" : $"--{boundary}";
        return (Encoding.UTF8.GetBytes(text), $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>Wraps a content key under the vector KEK's public key, as anyone (and iAM Smart) can.</summary>
    public static string Wrap(byte[] keyBytes)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(TestVectors.Object("kek").Str("pubKey")), out _);
        return Convert.ToBase64String(rsa.Encrypt(keyBytes, RSAEncryptionPadding.Pkcs1));
    }

    /// <summary>A step-up business object.</summary>
    public static string StepUpPayload(string businessId, string state, bool isPassed = true)
        => $$"""{"businessID":"{{businessId}}","state":"{{state}}","isPassed":{{(isPassed ? "true" : "false")}}}""";

    /// <summary>Flips one character of the encrypted content, so that authentication fails.</summary>
    public static string TamperContent(string callback)
    {
        var node = JsonNode.Parse(callback)!.AsObject();
        var content = node["content"]!.GetValue<string>().ToCharArray();
        var i = content.Length - 6;
        content[i] = content[i] == 'A' ? 'B' : 'A';
        node["content"] = new string(content);
        return node.ToJsonString();
    }
}
