using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.Testing.Callbacks;

/// <summary>
/// Builds callback bodies the way iAM Smart does (contract §2.3), for testing an e-service's callback endpoint without
/// the simulator: a fresh 32-byte content key wrapped under the e-service's key-encryption key (KEK) public key with
/// RSA PKCS#1 v1.5, and the payload encrypted under it with AES-256-GCM.
/// </summary>
/// <remarks>
/// <para>
/// Anyone who knows the KEK's public key can build such a callback, so a genuine-looking body proves nothing: for a
/// pending operation, pass its <c>businessID</c> and <c>state</c> for the callback iAM Smart would send, and other
/// values (an unknown <c>businessID</c>, a wrong <c>state</c>, a <see cref="TamperContent">tampered</see> body, a
/// missing key) for the forged callbacks the SDK must refuse.
/// </para>
/// <para>Every value here is invented; never point it at a real e-service.</para>
/// </remarks>
public sealed class CallbackBuilder
{
    /// <summary>The transaction id every built envelope carries.</summary>
    public const string TxId = "<T=0123456789abcdef0123456789abcdef>";

    private const string SuccessCode = "D00000";

    private readonly byte[] _keyEncryptionKeyPublic;

    /// <summary>Creates a builder that wraps content keys under the given KEK public key.</summary>
    /// <param name="keyEncryptionKeyPublicBase64">
    /// The KEK's public key: Base64 of its DER <c>SubjectPublicKeyInfo</c>, as registered with iAM Smart.
    /// </param>
    /// <exception cref="ArgumentException">The value is not Base64 of an RSA <c>SubjectPublicKeyInfo</c>.</exception>
    public CallbackBuilder(string keyEncryptionKeyPublicBase64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyEncryptionKeyPublicBase64);
        try
        {
            _keyEncryptionKeyPublic = Convert.FromBase64String(keyEncryptionKeyPublicBase64);
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(_keyEncryptionKeyPublic, out _);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new ArgumentException("Not Base64 of an RSA SubjectPublicKeyInfo.", nameof(keyEncryptionKeyPublicBase64), e);
        }
    }

    /// <summary>A new random content key and its raw bytes.</summary>
    /// <returns>The key, and the same key as bytes (to pass to <see cref="Success"/> or <see cref="Wrap"/>).</returns>
    public static (ContentKey Key, byte[] Bytes) NewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(ContentKey.KeySizeInBytes);
        return (new ContentKey(bytes), bytes);
    }

    /// <summary>A success callback (code D00000 unless told) carrying <paramref name="payload"/>, encrypted and with its key wrapped.</summary>
    /// <param name="payload">The business object as JSON, for example from <see cref="StepUpPayload"/>.</param>
    /// <param name="wrapped">Whether to encrypt it as <c>{"content":{…}}</c>, a shape iAM Smart also sends.</param>
    /// <param name="keyBytes">The content key to use; a new one by default.</param>
    /// <param name="code">The envelope's return code.</param>
    /// <returns>The JSON body.</returns>
    public string Success(string payload, bool wrapped = false, byte[]? keyBytes = null, string code = SuccessCode)
    {
        ArgumentNullException.ThrowIfNull(payload);
        keyBytes ??= NewKey().Bytes;
        var plaintext = wrapped ? $$"""{"content":{{payload}}}""" : payload;
        var content = AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(plaintext), new ContentKey(keyBytes));
        return Envelope(code, content, Wrap(keyBytes));
    }

    /// <summary>A failure callback (the user rejected, cancelled or timed out) whose content carries only the operation's ids.</summary>
    /// <param name="code">The return code, for example D80001.</param>
    /// <param name="businessId">The operation's <c>businessID</c>.</param>
    /// <param name="state">The operation's <c>state</c>, if the callback carries one.</param>
    /// <returns>The JSON body.</returns>
    public string Failure(string code, string businessId, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(businessId);
        var ids = new JsonObject { ["businessID"] = businessId };
        if (state is not null)
        {
            ids["state"] = state;
        }

        return Success(ids.ToJsonString(), code: code);
    }

    /// <summary>Wraps a content key under the KEK's public key, as iAM Smart (and anyone) can.</summary>
    /// <param name="keyBytes">The raw content key.</param>
    /// <returns>The Base64 <c>secretKey</c>.</returns>
    public string Wrap(byte[] keyBytes)
    {
        ArgumentNullException.ThrowIfNull(keyBytes);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(_keyEncryptionKeyPublic, out _);
        return Convert.ToBase64String(rsa.Encrypt(keyBytes, RSAEncryptionPadding.Pkcs1));
    }

    /// <summary>A callback envelope <c>{txID, code, message, content, secretKey}</c> from parts, for malformed bodies.</summary>
    /// <param name="code">The return code; the message is SUCCESS for D00000 and FAILED otherwise.</param>
    /// <param name="content">The encrypted content; left out when null.</param>
    /// <param name="secretKey">The wrapped content key; left out when null.</param>
    /// <param name="keyMember">The member that carries <paramref name="secretKey"/>.</param>
    /// <returns>The JSON body.</returns>
    public static string Envelope(string code, string? content, string? secretKey, string keyMember = "secretKey")
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(keyMember);
        var envelope = new JsonObject { ["txID"] = TxId, ["code"] = code, ["message"] = code == SuccessCode ? "SUCCESS" : "FAILED" };
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
    /// <paramref name="envelopePart"/> (JSON) after a <c>sigFile</c> text part.
    /// </summary>
    /// <param name="envelope">The JSON envelope, for example from <see cref="Success"/>.</param>
    /// <param name="sigFile">The <c>sigFile</c> part's text; no such part when null.</param>
    /// <param name="envelopePart">The name of the envelope's part (iAM Smart spells it <c>sigMetada</c>).</param>
    /// <param name="boundary">The multipart boundary.</param>
    /// <param name="newline">The line break between headers and parts.</param>
    /// <param name="closed">Whether the body ends with the closing boundary.</param>
    /// <returns>The body and its <c>Content-Type</c>.</returns>
    public static (byte[] Body, string ContentType) Multipart(
        string envelope, string? sigFile = "\"signatures\": []", string envelopePart = "sigMetada", string boundary = "b0undary-7MA4YWxk", string newline = "\r\n", bool closed = true)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var text = new StringBuilder();
        if (sigFile is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"--{boundary}{newline}Content-Disposition: form-data; name=\"sigFile\"; filename=\"signatures.txt\"{newline}Content-Type: text/plain{newline}{newline}{sigFile}{newline}");
        }

        text.Append(CultureInfo.InvariantCulture, $"--{boundary}{newline}Content-Disposition: form-data; name=\"{envelopePart}\"{newline}Content-Type: application/json;charset=UTF-8{newline}{newline}{envelope}{newline}");
        text.Append(closed ? $"--{boundary}--{newline}" : $"--{boundary}");
        return (Encoding.UTF8.GetBytes(text.ToString()), $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>A step-up business object for an operation.</summary>
    /// <param name="businessId">The operation's <c>businessID</c>, put in as it is (not JSON-escaped, so that a test can send hostile text).</param>
    /// <param name="state">The operation's <c>state</c>, put in as it is.</param>
    /// <param name="isPassed">Whether the step-up passed.</param>
    /// <returns>The JSON payload, to pass to <see cref="Success"/>.</returns>
    public static string StepUpPayload(string businessId, string state, bool isPassed = true)
        => $$"""{"businessID":"{{businessId}}","state":"{{state}}","isPassed":{{(isPassed ? "true" : "false")}}}""";

    /// <summary>Flips one character of the encrypted content, so that its authentication fails.</summary>
    /// <param name="callback">A JSON body with a <c>content</c> member, for example from <see cref="Success"/>.</param>
    /// <returns>The tampered JSON body.</returns>
    public static string TamperContent(string callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var node = JsonNode.Parse(callback)?.AsObject() ?? throw new ArgumentException("Not a JSON object.", nameof(callback));
        var content = (node["content"]?.GetValue<string>() ?? throw new ArgumentException("No content member.", nameof(callback))).ToCharArray();
        var i = content.Length - 6;
        content[i] = content[i] == 'A' ? 'B' : 'A';
        node["content"] = new string(content);
        return node.ToJsonString();
    }
}
