using System.Text;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Operations;
using IAmSmart.Sdk.Signing;
using IAmSmart.Sdk.Testing.Callbacks;
using IAmSmart.Sdk.Tests.Signing;
using IAmSmart.Sdk.Tests.Support;

namespace IAmSmart.Sdk.Tests.Callbacks;

/// <summary>
/// "Treat every callback as hostile": a corpus of hostile bodies sent to every public accept path, in memory and streamed.
/// Each call must return a receipt (no exception escapes, so no HTTP 500), and a refusal must change nothing. Many bodies
/// decrypt correctly and carry the pending operation's own businessID and state, so that they reach the parsers after
/// decryption (the envelope, the token, the page's sigMetada and sigFile), where such bugs hide.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostileCallbackCorpusTests
{
    private const string OpId = "op-1";
    private const string OpState = "op-state-1";
    private const string BulkId = "bulk-1";
    private const string BulkState = "bulk-state-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum AcceptPath
    {
        OperationsMemory,
        OperationsStream,
        BulkMemory,
        BulkStream,
    }

    /// <summary>The operation the generic path correlates with, so that its typed reader can be tried on what it accepted.</summary>
    public enum Kind
    {
        Hash,
        Pdf,
        StepUp,
        EMe,
    }

    private sealed record Case(string Name, Func<string, string, (byte[] Body, string? ContentType)> Build, Kind Kind = Kind.Hash, bool GenericMayAccept = false, bool BulkMayAccept = false);

    private static CallbackBuilder Builder => TestVectors.Callbacks;

    private static (byte[], string?) Json(string text) => (Encoding.UTF8.GetBytes(text), null);

    private static (byte[], string?) Bytes(byte[] body) => (body, null);

    /// <summary>A success callback whose content decrypts to exactly <paramref name="plaintext"/> (any bytes).</summary>
    private static string Encrypted(byte[] plaintext, byte[]? keyBytes = null)
    {
        keyBytes ??= CallbackBuilder.NewKey().Bytes;
        return CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(plaintext, new ContentKey(keyBytes)), Builder.Wrap(keyBytes));
    }

    private static (byte[], string?) Decrypting(string plaintext) => Json(Encrypted(Encoding.UTF8.GetBytes(plaintext)));

    private static string Ids(string b, string s) => $$"""{"businessID":"{{b}}","state":"{{s}}"}""";

    /// <summary>The ids followed by <paramref name="members"/>, as one decrypted business object.</summary>
    private static (byte[], string?) With(string b, string s, string members) => Decrypting($$"""{"businessID":"{{b}}","state":"{{s}}",{{members}}}""");

    private static readonly string Cert = Convert.ToBase64String("invented certificate"u8);

    private static string PageMeta(string b, string s, string total = "1", string sequence = "1", string cert = "\"\"", string totalSign = "1", string failSign = "0")
        => $$"""{"businessID":"{{b}}","state":"{{s}}","cert":{{cert}},"totalCallbacks":{{total}},"callbackSeq":{{sequence}},"totalSignNum":{{totalSign}},"failSignNum":{{failSign}}}""";

    private static (byte[], string?) Page(string meta, string? sigFile = "\"signatures\": []")
    {
        var (body, type) = CallbackBuilder.Multipart(Builder.Success(meta), sigFile);
        return (body, type);
    }

    private static (byte[], string?) PageItems(string b, string s, string items)
        => Page(PageMeta(b, s, cert: $"\"{Cert}\""), $$"""{"signatures":{{items}}}""");

    private static (byte[], string?) TokenJson(string content) => Json($$"""{"txID":"<T=1>","clientID":"rp","content":{{content}}}""");

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static readonly Case[] Corpus =
    [
        // The body itself.
        new("body-null", (_, _) => Json("null")),
        new("body-array", (_, _) => Json("[]")),
        new("body-string", (_, _) => Json("\"x\"")),
        new("body-number", (_, _) => Json("1")),
        new("body-empty", (_, _) => Json("")),
        new("body-deep-nesting", (_, _) => Json(new string('[', 10_000))),
        new("body-deep-object-nesting", (_, _) => Json(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)))),
        new("body-huge-number", (_, _) => Json("1" + new string('0', 5000))),
        new("body-bom-then-null", (_, _) => Bytes(Concat([0xEF, 0xBB, 0xBF], "null"u8.ToArray()))),
        new("body-invalid-utf8", (_, _) => Bytes([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'])),

        // The envelope's members with wrong types.
        new("envelope-content-null", (_, _) => Json("""{"content": null}""")),
        new("envelope-code-array", (_, _) => Json("""{"txID":"t","code":[],"message":"m","content":"AAAA"}""")),
        new("envelope-code-number", (_, _) => Json("""{"code":5,"content":"AAAA"}""")),
        new("envelope-code-null", (_, _) => Json("""{"code":null,"content":"AAAA"}""")),
        new("envelope-txid-null", (_, _) => Json("""{"txID":null,"code":"D00000","content":"AAAA"}""")),
        new("envelope-txid-object", (_, _) => Json("""{"txID":{},"code":"D80001"}""")),
        new("envelope-txid-lone-surrogate", (_, _) => Json("""{"txID":"\uD800","code":"D80001"}""")),
        new("envelope-code-lone-surrogate", (_, _) => Json("""{"code":"\uD800","content":"AAAA"}""")),
        new("envelope-secretkey-number", (_, _) => Json("""{"code":"D00000","content":"AAAA","secretKey":7}""")),
        new("envelope-key-object", (_, _) => Json("""{"code":"D00000","content":"AAAA","key":{}}""")),
        new("envelope-content-object-success", (b, s) => Json($$"""{"code":"D00000","content":{{Ids(b, s)}}}""")),
        new("envelope-content-array", (_, _) => Json("""{"code":"D80001","content":[]}""")),
        new("envelope-content-number", (_, _) => Json("""{"code":"D00000","content":1e999}""")),
        new("envelope-content-lone-surrogate", (_, _) => Json("""{"code":"D00000","content":"\uD800","secretKey":"\uD800"}""")),
        new("envelope-secretkey-lone-surrogate", (_, _) => Json($$"""{"code":"D00000","content":"{{AesGcmContentCipher.Instance.Encrypt("{}"u8, CallbackBuilder.NewKey().Key)}}","secretKey":"\uDFFF"}""")),
        // A member named twice: the last wins here, the first elsewhere (a WAF, an audit log), so it is refused everywhere.
        new("envelope-duplicate-code", (b, s) => Json(Builder.Success(Ids(b, s)).Replace("\"code\":\"D00000\"", "\"code\":\"D00000\",\"code\":\"D80001\"", StringComparison.Ordinal))),
        new("envelope-duplicate-code-success-last", (b, s) => Json(Builder.Success(Ids(b, s)).Replace("\"code\":\"D00000\"", "\"code\":\"D80001\",\"code\":\"D00000\"", StringComparison.Ordinal))),
        new("envelope-duplicate-content", (b, s) => Json(Builder.Success(Ids(b, s)).Replace("\"content\":", "\"content\":null,\"content\":", StringComparison.Ordinal))),
        new("envelope-duplicate-txid", (b, s) => Json(Builder.Success(Ids(b, s)).Replace("\"code\":", "\"txID\":\"T-1\",\"txID\":\"T-2\",\"code\":", StringComparison.Ordinal))),
        new("envelope-duplicate-unread-member", (b, s) => Json(Builder.Success(Ids(b, s)).Replace("\"code\":", "\"x\":1,\"x\":2,\"code\":", StringComparison.Ordinal))),
        new("envelope-failure-plain-duplicate-businessid", (b, s) => Json($$$"""{"code":"D80001","content":{"businessID":"someone-else","businessID":"{{{b}}}","state":"{{{s}}}"}}""")),
        new("envelope-bom", (b, s) => Bytes(Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(Builder.Success(Ids(b, s))))), GenericMayAccept: true, BulkMayAccept: true),
        new("envelope-failure-plain-ids-wrong-types", (_, _) => Json("""{"code":"D80001","content":{"businessID":5,"state":{}}}""")),
        new("envelope-failure-plain-ids-surrogate", (_, _) => Json("""{"code":"D80001","content":{"businessID":"\uD800"}}""")),

        new("envelope-plain-failure-invalid-utf8", (b, s) => Bytes(Concat(Encoding.UTF8.GetBytes("{\"code\":\"D80001\",\"content\":{\"businessID\":\"" + b + "\",\"state\":\"" + s + "\",\"x\":\""), [0xED, 0xA0, 0x80], "\"}}"u8.ToArray()))),

        // The content's ciphertext and key.
        new("content-too-short-for-iv-and-tag", (_, _) => Json(CallbackBuilder.Envelope("D00000", Convert.ToBase64String(new byte[10]), Builder.Wrap(CallbackBuilder.NewKey().Bytes)))),
        new("content-empty", (_, _) => Json(CallbackBuilder.Envelope("D00000", "", Builder.Wrap(CallbackBuilder.NewKey().Bytes)))),
        new("content-not-base64", (_, _) => Json(CallbackBuilder.Envelope("D00000", "!!!!not base64!!!!", Builder.Wrap(CallbackBuilder.NewKey().Bytes)))),
        new("content-iv-only", (_, _) => Json(CallbackBuilder.Envelope("D00000", Convert.ToBase64String(new byte[12]), Builder.Wrap(CallbackBuilder.NewKey().Bytes)))),
        new("wrapped-key-16-bytes", (b, s) => Json(CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Ids(b, s)), CallbackBuilder.NewKey().Key), Builder.Wrap(new byte[16])))),
        new("wrapped-key-0-bytes", (b, s) => Json(CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Ids(b, s)), CallbackBuilder.NewKey().Key), Builder.Wrap([])))),
        new("wrapped-key-not-base64", (b, s) => Json(CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Ids(b, s)), CallbackBuilder.NewKey().Key), "%%%"))),
        new("wrapped-key-short", (b, s) => Json(CallbackBuilder.Envelope("D00000", AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Ids(b, s)), CallbackBuilder.NewKey().Key), "AAAA"))),

        // The decrypted payload.
        new("payload-null", (_, _) => Decrypting("null")),
        new("payload-array", (_, _) => Decrypting("[]")),
        new("payload-string", (_, _) => Decrypting("\"str\"")),
        new("payload-empty", (_, _) => Decrypting("")),
        new("payload-content-null", (_, _) => Decrypting("""{"content":null}""")),
        new("payload-content-array", (_, _) => Decrypting("""{"content":[]}""")),
        new("payload-deep-nesting", (_, _) => Decrypting(new string('[', 10_000))),
        new("payload-ids-wrong-types", (_, _) => Decrypting("""{"businessID":5,"state":{}}""")),
        new("payload-ids-null", (_, _) => Decrypting("""{"businessID":null,"state":null}""")),
        new("payload-businessid-lone-surrogate", (_, s) => Decrypting($$"""{"businessID":"\uD800","state":"{{s}}"}""")),
        new("payload-state-lone-surrogate", (b, _) => Decrypting($$"""{"businessID":"{{b}}","state":"\uDC00"}""")),
        new("payload-wrong-state", (b, _) => Decrypting(Ids(b, "not-the-state"))),
        new("payload-invalid-utf8-in-a-member", (b, s) => Json(Encrypted(Concat(Encoding.UTF8.GetBytes("{\"businessID\":\"" + b + "\",\"state\":\"" + s + "\",\"x\":\""), [0xFF, 0xFE], "\"}"u8.ToArray())))),
        new("payload-invalid-utf8-in-businessid", (_, s) => Json(Encrypted(Concat("{\"businessID\":\""u8.ToArray(), [0xC0, 0x80], Encoding.UTF8.GetBytes("\",\"state\":\"" + s + "\"}"))))),
        new("payload-bom", (b, s) => Json(Encrypted(Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(Ids(b, s))))), GenericMayAccept: true, BulkMayAccept: true),
        new("payload-duplicate-businessid", (b, s) => Decrypting($$"""{"businessID":"someone-else","businessID":"{{b}}","state":"{{s}}"}""")),
        new("payload-duplicate-state", (b, s) => Decrypting($$"""{"businessID":"{{b}}","state":"not-the-state","state":"{{s}}"}""")),
        new("payload-wrapped-duplicate-member", (b, s) => Decrypting($$$"""{"content":{"businessID":"{{{b}}}","state":"{{{s}}}","x":1,"x":2}}""")),
        new("hash-duplicate-signature", (b, s) => With(b, s, $$""" "hashCode":"{{SigningFixtures.HashCode}}","timestamp":1556450176000,"signature":"b3RoZXI=","signature":"c2ln","cert":"{{Cert}}" """), Kind.Hash),
        new("payload-content-wrapped-ids-wrong-types", (_, _) => Decrypting("""{"content":{"businessID":[],"state":7}}""")),

        // Each kind's members, with the right ids. The generic path runs the kind's reader before completing, so content
        // its waiter cannot read is refused (hash, PDF, and a step-up without a boolean isPassed or "true"/"false",
        // StepUpVerdictConverter); the e-ME reader keeps unreadable members aside (MalformedMembers), so those are
        // readable and may be accepted.
        new("hash-wrong-types", (b, s) => With(b, s, """ "hashCode":5,"timestamp":"soon","signature":[],"cert":{},"issuerCN":7,"serialNumber":{} """), Kind.Hash, BulkMayAccept: true),
        new("hash-nulls", (b, s) => With(b, s, """ "hashCode":null,"timestamp":null,"signature":null,"cert":null """), Kind.Hash, BulkMayAccept: true),
        new("hash-timestamp-overflow", (b, s) => With(b, s, $$""" "hashCode":"{{SigningFixtures.HashCode}}","timestamp":9223372036854775807,"signature":"c2ln","cert":"{{Cert}}" """), Kind.Hash, BulkMayAccept: true),
        new("hash-timestamp-negative", (b, s) => With(b, s, $$""" "hashCode":"{{SigningFixtures.HashCode}}","timestamp":-99999999999999999,"signature":"c2ln","cert":"{{Cert}}" """), Kind.Hash, BulkMayAccept: true),
        new("pdf-wrong-types", (b, s) => With(b, s, """ "pdfSignature":7,"docDigest":null,"signingTime":{} """), Kind.Pdf, BulkMayAccept: true),
        new("pdf-signature-not-base64", (b, s) => With(b, s, $$""" "pdfSignature":"!!","docDigest":"{{SigningFixtures.DocDigest}}" """), Kind.Pdf, BulkMayAccept: true),
        new("stepup-wrong-types", (b, s) => With(b, s, """ "isPassed":"yes" """), Kind.StepUp, BulkMayAccept: true),
        new("stepup-null", (b, s) => With(b, s, """ "isPassed":null """), Kind.StepUp, BulkMayAccept: true),
        new("stepup-missing", (b, s) => With(b, s, """ "passed":true """), Kind.StepUp, BulkMayAccept: true),
        new("stepup-number", (b, s) => With(b, s, """ "isPassed":1 """), Kind.StepUp, BulkMayAccept: true),
        new("stepup-string-other-case", (b, s) => With(b, s, """ "isPassed":"TRUE" """), Kind.StepUp, BulkMayAccept: true),
        new("eme-wrong-types", (b, s) => With(b, s, """ "idNo":{},"enName":5,"chName":[],"birthDate":true,"gender":1,"maritalStatus":{},"homeTelNumber":[1],"mobileNumber":{},"emailAddress":7,"residentialAddress":"x","postalAddress":5,"educationLevel":[] """), Kind.EMe, true, true),
        new("eme-nulls", (b, s) => With(b, s, """ "idNo":null,"enName":null,"residentialAddress":null,"formData":null """), Kind.EMe, true, true),

        // The BSQC token callback.
        new("token-bsqc-number", (b, s) => TokenJson($$"""{"businessID":"{{b}}","state":"{{s}}","BSQCToken":5}""")),
        new("token-bsqc-null", (b, s) => TokenJson($$"""{"businessID":"{{b}}","state":"{{s}}","BSQCToken":null}""")),
        new("token-bsqc-lone-surrogate", (b, s) => TokenJson($$"""{"businessID":"{{b}}","state":"{{s}}","BSQCToken":"\uD800"}""")),
        new("token-businessid-lone-surrogate", (_, s) => TokenJson($$"""{"businessID":"\uD800","state":"{{s}}","BSQCToken":"t"}""")),
        new("token-state-lone-surrogate", (b, _) => TokenJson($$"""{"businessID":"{{b}}","state":"\uD800","BSQCToken":"t"}""")),
        new("token-ids-wrong-types", (_, _) => TokenJson("""{"businessID":5,"state":{},"BSQCToken":"t"}""")),
        new("token-content-null", (_, _) => TokenJson("null")),
        new("token-content-number", (_, _) => TokenJson("1")),
        new("token-content-nested-null", (_, _) => TokenJson("""{"content":null}""")),
        new("token-txid-lone-surrogate", (b, s) => Json("{\"txID\":\"\\uD800\",\"content\":{\"businessID\":\"" + b + "\",\"state\":\"" + s + "\",\"BSQCToken\":5}}")),
        new("token-txid-number", (b, s) => Json("{\"txID\":5,\"content\":" + Ids(b, s) + "}")),
        new("token-ciphertext-too-short", (_, _) => Json($$"""{"txID":"t","content":"{{Convert.ToBase64String(new byte[5])}}","secretKey":"{{Builder.Wrap(CallbackBuilder.NewKey().Bytes)}}"}""")),
        new("token-ciphertext-not-base64", (_, _) => Json($$"""{"txID":"t","content":"%%%%","secretKey":"{{Builder.Wrap(CallbackBuilder.NewKey().Bytes)}}"}""")),
        new("token-ciphertext-empty", (_, _) => Json($$"""{"txID":"t","content":"","key":"{{Builder.Wrap(CallbackBuilder.NewKey().Bytes)}}"}""")),
        new("token-key-16-bytes", (b, s) => Json($$"""{"txID":"t","content":"{{AesGcmContentCipher.Instance.Encrypt(Encoding.UTF8.GetBytes(Ids(b, s)), CallbackBuilder.NewKey().Key)}}","secretKey":"{{Builder.Wrap(new byte[16])}}"}""")),
        new("token-secretkey-lone-surrogate", (_, _) => Json($$"""{"txID":"t","content":"{{EncryptWith("{}", out _)}}","secretKey":"\uD800"}""")),
        new("token-ciphertext-lone-surrogate", (_, _) => Json($$"""{"txID":"t","content":"\uDBFF","secretKey":"{{Builder.Wrap(CallbackBuilder.NewKey().Bytes)}}"}""")),
        new("token-key-not-base64", (_, _) => Json("""{"txID":"t","content":"AAAA","secretKey":"%%%"}""")),
        new("token-key-short", (_, _) => Json("""{"txID":"t","content":"AAAA","secretKey":"AAAA"}""")),
        new("token-decrypts-to-null", (_, _) => Json($$"""{"txID":"t","content":"{{EncryptWith("null", out var k)}}","secretKey":"{{k}}"}""")),
        new("token-decrypts-to-array", (_, _) => Json($$"""{"txID":"t","content":"{{EncryptWith("[]", out var k)}}","secretKey":"{{k}}"}""")),
        new("token-decrypts-to-invalid-utf8", (b, s) => Json($$"""{"txID":"t","content":"{{EncryptWith(Concat(Encoding.UTF8.GetBytes("{\"businessID\":\"" + b + "\",\"state\":\"" + s + "\",\"BSQCToken\":\""), [0xFF], "\"}"u8.ToArray()), out var k)}}","secretKey":"{{k}}"}""")),
        new("token-duplicate-bsqc", (b, s) => TokenJson($$"""{"businessID":"{{b}}","state":"{{s}}","BSQCToken":"t-1","BSQCToken":"t-2"}""")),
        new("token-envelope-duplicate-content", (b, s) => Json("{\"txID\":\"t\",\"content\":{\"businessID\":\"x\"},\"content\":" + Ids(b, s).TrimEnd('}') + ",\"BSQCToken\":\"t\"}}")),
        new("token-decrypts-to-duplicate-businessid", (b, s) => Json($$"""{"txID":"t","content":"{{EncryptWith($$"""{"businessID":"x","businessID":"{{b}}","state":"{{s}}","BSQCToken":"t"}""", out var k)}}","secretKey":"{{k}}"}""")),
        new("token-decrypts-to-bsqc-number", (b, s) => Json($$"""{"txID":"t","content":"{{EncryptWith($$"""{"businessID":"{{b}}","state":"{{s}}","BSQCToken":5}""", out var k)}}","secretKey":"{{k}}"}""")),

        // The page's sigMetada.
        new("page-total-string", (b, s) => Page(PageMeta(b, s, total: "\"1\"")), GenericMayAccept: true),
        new("page-seq-string", (b, s) => Page(PageMeta(b, s, sequence: "\"1\"")), GenericMayAccept: true),
        new("page-no-sigfile", (b, s) => Page(PageMeta(b, s), sigFile: null), GenericMayAccept: true),
        new("page-total-negative", (b, s) => Page(PageMeta(b, s, total: "-1")), GenericMayAccept: true),
        new("page-total-zero", (b, s) => Page(PageMeta(b, s, total: "0")), GenericMayAccept: true),
        new("page-total-int-max", (b, s) => Page(PageMeta(b, s, total: "2147483647")), GenericMayAccept: true),
        new("page-total-overflow", (b, s) => Page(PageMeta(b, s, total: "2147483648")), GenericMayAccept: true),
        new("page-total-fraction", (b, s) => Page(PageMeta(b, s, total: "1.5")), GenericMayAccept: true),
        new("page-total-huge", (b, s) => Page(PageMeta(b, s, total: "1e400")), GenericMayAccept: true),
        new("page-seq-zero", (b, s) => Page(PageMeta(b, s, sequence: "0")), GenericMayAccept: true),
        new("page-seq-negative", (b, s) => Page(PageMeta(b, s, sequence: "-2147483648")), GenericMayAccept: true),
        new("page-seq-above-total", (b, s) => Page(PageMeta(b, s, total: "2", sequence: "3")), GenericMayAccept: true),
        new("page-seq-null", (b, s) => Page(PageMeta(b, s, sequence: "{}")), GenericMayAccept: true),
        new("page-cert-object", (b, s) => Page(PageMeta(b, s, cert: "{}")), GenericMayAccept: true),
        new("page-signnums-wrong-types", (b, s) => Page(PageMeta(b, s, totalSign: "\"x\"", failSign: "[]")), GenericMayAccept: true),
        new("page-signnums-overflow", (b, s) => Page(PageMeta(b, s, totalSign: "99999999999", failSign: "-99999999999")), GenericMayAccept: true),
        new("page-meta-duplicate-total", (b, s) => Page(PageMeta(b, s, total: "2,\"totalCallbacks\":1"))),
        new("page-meta-duplicate-cert", (b, s) => Page(PageMeta(b, s, cert: $"\"{Cert}\",\"cert\":\"\""))),
        new("page-meta-null", (_, _) => CallbackBuilder.Multipart("null")),
        new("page-meta-array", (_, _) => CallbackBuilder.Multipart("[]")),
        new("page-meta-decrypts-to-null", (_, _) => CallbackBuilder.Multipart(Encrypted("null"u8.ToArray()))),

        // The page's sigFile items.
        new("sigfile-items-wrong-types", (b, s) => PageItems(b, s, """[{"id":"doc-1","hash":7,"signature":{},"timestamp":[],"pdfSignature":5,"docDigest":true}]"""), GenericMayAccept: true),
        new("sigfile-item-string-id-array", (b, s) => PageItems(b, s, """[{"id":["doc-1"]}]"""), GenericMayAccept: true),
        new("sigfile-item-timestamp-max", (b, s) => PageItems(b, s, $$"""[{"id":"doc-1","hash":"{{SigningFixtures.HashCode}}","signature":"c2ln","timestamp":9223372036854775807}]"""), GenericMayAccept: true),
        new("sigfile-item-timestamp-min", (b, s) => PageItems(b, s, $$"""[{"id":"doc-1","hash":"{{SigningFixtures.HashCode}}","signature":"c2ln","timestamp":-9223372036854775808}]"""), GenericMayAccept: true),
        new("sigfile-item-timestamp-huge", (b, s) => PageItems(b, s, """[{"id":"doc-1","timestamp":1e400}]"""), GenericMayAccept: true),
        new("sigfile-item-pdf-signature-not-base64", (b, s) => PageItems(b, s, $$"""[{"id":"doc-2","docDigest":"{{SigningFixtures.DocDigest}}","pdfSignature":"!!not base64!!"}]"""), GenericMayAccept: true),
        new("sigfile-item-id-lone-surrogate", (b, s) => PageItems(b, s, """[{"id":"\uD800"}]"""), GenericMayAccept: true),
        new("sigfile-signatures-null", (b, s) => Page(PageMeta(b, s), """{"signatures":null}"""), GenericMayAccept: true),
        new("sigfile-empty-object", (b, s) => Page(PageMeta(b, s), "{}"), GenericMayAccept: true),
        new("sigfile-empty", (b, s) => Page(PageMeta(b, s), ""), GenericMayAccept: true),
        new("sigfile-trailing-comma", (b, s) => PageItems(b, s, """[{"id":"doc-1"},]"""), GenericMayAccept: true),
        new("sigfile-comment", (b, s) => Page(PageMeta(b, s), """/* c */ {"signatures":[]}"""), GenericMayAccept: true),
        new("sigfile-item-timestamp-string", (b, s) => PageItems(b, s, $$"""[{"id":"doc-1","hash":"{{SigningFixtures.HashCode}}","signature":"c2ln","timestamp":"1556450176000"}]"""), GenericMayAccept: true),
        new("sigfile-null", (b, s) => Page(PageMeta(b, s), "null"), GenericMayAccept: true),
        new("sigfile-string", (b, s) => Page(PageMeta(b, s), "\"x\""), GenericMayAccept: true),
        new("sigfile-deep-nesting", (b, s) => Page(PageMeta(b, s), new string('[', 10_000)), GenericMayAccept: true),
        new("sigfile-bom-only", (b, s) => Page(PageMeta(b, s), "\uFEFF"), GenericMayAccept: true),
        new("sigfile-duplicate-members", (b, s) => Page(PageMeta(b, s), """{"signatures":[],"signatures":[null]}"""), GenericMayAccept: true),
        new("sigfile-duplicate-members-last-empty", (b, s) => Page(PageMeta(b, s), """{"signatures":[null],"signatures":[]}"""), GenericMayAccept: true),
        new("sigfile-duplicate-unread-member", (b, s) => Page(PageMeta(b, s), """{"signatures":[],"x":1,"x":2}"""), GenericMayAccept: true),
        new("sigfile-item-duplicate-id", (b, s) => PageItems(b, s, $$"""[{"id":"doc-9","id":"doc-1","hash":"{{SigningFixtures.HashCode}}","signature":"c2ln","timestamp":1556450176000}]"""), GenericMayAccept: true),
        new("sigfile-ciphertext-too-short", (b, s) => Page(PageMeta(b, s), Convert.ToBase64String(new byte[10])), GenericMayAccept: true),
        new("sigfile-ciphertext-not-base64", (b, s) => Page(PageMeta(b, s), "AB%%%%"), GenericMayAccept: true),
        new("sigfile-ciphertext-odd-length", (b, s) => Page(PageMeta(b, s), "AAAAA"), GenericMayAccept: true),
        new("sigfile-invalid-utf8", (b, s) => PageWithRawSigFile(PageMeta(b, s), Concat("[{\"id\":\""u8.ToArray(), [0xFF, 0xFE], "\"}]"u8.ToArray())), GenericMayAccept: true),
    ];

    private static string EncryptWith(string plaintext, out string wrapped) => EncryptWith(Encoding.UTF8.GetBytes(plaintext), out wrapped);

    private static string EncryptWith(byte[] plaintext, out string wrapped)
    {
        var (key, bytes) = CallbackBuilder.NewKey();
        wrapped = Builder.Wrap(bytes);
        return AesGcmContentCipher.Instance.Encrypt(plaintext, key);
    }

    private static (byte[], string?) PageWithRawSigFile(string meta, byte[] sigFile)
    {
        const string Marker = "@@SIGFILE@@";
        var (body, type) = CallbackBuilder.Multipart(Builder.Success(meta), Marker);
        var text = body.AsSpan();
        var at = text.IndexOf(Encoding.ASCII.GetBytes(Marker));
        return (Concat(text[..at].ToArray(), sigFile, text[(at + Marker.Length)..].ToArray()), type);
    }

    public static TheoryData<string, AcceptPath> Cases()
    {
        var data = new TheoryData<string, AcceptPath>();
        foreach (var c in Corpus)
        {
            foreach (var path in Enum.GetValues<AcceptPath>())
            {
                data.Add(c.Name, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_callback_gets_a_receipt_and_a_refusal_changes_nothing(string name, AcceptPath path)
    {
        var @case = Corpus.Single(c => c.Name == name);
        var bulk = path is AcceptPath.BulkMemory or AcceptPath.BulkStream;
        var client = VectorClient.Create(VectorClient.HandlerAnswering(IAmSmartFunctions.BulkSigning.Path, """{"ticketID":"tk-bulk","authByQR":false}"""));
        string businessId, state;
        if (bulk)
        {
            (businessId, state) = (BulkId, BulkState);
            _ = await client.Signing.StartBulkSigningAsync(BulkRequest(), Ct);
        }
        else
        {
            (businessId, state) = (OpId, OpState);
            _ = await client.Operations.BeginAsync(Function(@case.Kind), businessId, state, Ct);
        }

        var (body, contentType) = @case.Build(businessId, state);
        var before = await client.Operations.Store.GetAsync(businessId, Ct);

        // No exception may escape: an endpoint would turn it into an HTTP 500.
        var receipt = await Accept(client, path, body, contentType);

        Assert.NotNull(receipt);
        var after = await client.Operations.Store.GetAsync(businessId, Ct);
        if (receipt.Disposition == CallbackDisposition.Rejected)
        {
            Assert.NotNull(receipt.Rejection);
            Assert.Null(after!.Completion);
            Assert.Equal(before!.StateHash, after.StateHash);
            Assert.Null(await client.Operations.Store.GetAsync(BulkSigningCallbacks.PageKey(businessId, 1), Ct));
            Assert.Null(await client.Operations.Store.GetAsync(BulkSigningCallbacks.TokenKey(businessId), Ct));
            return;
        }

        // Only a body that is a genuine callback of the operation by its envelope and ids may be taken; its typed reader
        // must then fail, if at all, with the SDK's typed exception, never a NullReferenceException or the like.
        Assert.True(bulk ? @case.BulkMayAccept : @case.GenericMayAccept, $"{name} was {receipt.Disposition} on {path}: a hostile callback must be refused.");
        if (bulk)
        {
            await ReadBulk(client);
        }
        else
        {
            await ReadTyped(client, @case.Kind, businessId);
        }
    }

    private static async Task<CallbackReceipt> Accept(IAmSmartClient client, AcceptPath path, byte[] body, string? contentType)
    {
        const long Limit = 16 * 1024 * 1024;
        switch (path)
        {
            case AcceptPath.OperationsMemory:
                return await client.Operations.AcceptCallbackAsync(body, contentType, Ct);
            case AcceptPath.BulkMemory:
                return await client.Signing.AcceptBulkSigningCallbackAsync(body, contentType, Ct);
            case AcceptPath.OperationsStream:
            {
                using var stream = new ChunkedStream(body, 97);
                return await client.Operations.AcceptCallbackAsync(stream, contentType, Limit, Ct);
            }

            default:
            {
                using var stream = new ChunkedStream(body, 97);
                return await client.Signing.AcceptBulkSigningCallbackAsync(stream, contentType, Limit, Ct);
            }
        }
    }

    private static async Task ReadTyped(IAmSmartClient client, Kind kind, string businessId)
    {
        var callback = await client.Operations.GetResultAsync(businessId, Ct);
        Assert.NotNull(callback);
        try
        {
            switch (kind)
            {
                case Kind.Hash:
                    _ = SigningOutcome.FromHashCallback(callback);
                    break;
                case Kind.Pdf:
                    _ = SigningOutcome.FromPdfCallback(callback);
                    break;
                case Kind.StepUp:
                    _ = IAmSmart.Sdk.Auth.StepUpResult.FromCallback(callback);
                    break;
                default:
                    var request = new PendingDataRequest { Function = IAmSmartFunctions.EMe, BusinessId = businessId, RequestedFields = ["enName", "idNo", "residentialAddress"] };
                    _ = await client.FormFilling.ReadResultAsync(request, callback, Ct);
                    break;
            }
        }
        catch (IAmSmartException)
        {
            // A typed failure: the caller's catch for the SDK's exceptions handles it.
        }
    }

    private static async Task ReadBulk(IAmSmartClient client)
    {
        var operation = await client.Signing.ResumeBulkSigningAsync(BulkId, Ct);
        try
        {
            _ = await operation.UpdateStatusAsync(Ct);
        }
        catch (IAmSmartException)
        {
            // A typed failure.
        }
    }

    private static IAmSmartFunction Function(Kind kind) => kind switch
    {
        Kind.Pdf => IAmSmartFunctions.PdfSigning,
        Kind.StepUp => IAmSmartFunctions.StepUp,
        Kind.EMe => IAmSmartFunctions.EMe,
        _ => IAmSmartFunctions.HashSigning,
    };

    private static BulkSigningRequest BulkRequest() => new()
    {
        AccessToken = SigningFixtures.Token(scopes: "eidapi_auth eidapi_bulksign"),
        TokenCallbackUri = new Uri("https://rp.example/iamsmart/bulk-token"),
        ResultCallbackUri = new Uri("https://rp.example/iamsmart/bulk-result"),
        BusinessId = BulkId,
        State = BulkState,
        Source = IAmSmart.Sdk.Auth.IAmSmartSource.PcBrowser,
        ServiceName = "Account opening",
        RequestName = "Account-opening pack",
        HkicHash = SigningFixtures.HkicHash,
        Documents = [new BulkHashDocument { Id = "doc-1", DocumentName = "Client agreement", HashCode = SigningFixtures.HashCode }],
    };
}
