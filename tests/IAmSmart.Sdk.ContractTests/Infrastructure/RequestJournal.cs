using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IAmSmart.Sdk.Crypto;

namespace IAmSmart.Sdk.ContractTests.Infrastructure;

/// <summary>One request as WireMock.Net's journal logged it: the exact body and headers that went over the wire.</summary>
/// <param name="Path">The request path, for example <c>/api/v1/auth/getToken</c>.</param>
/// <param name="Headers">The headers, names case-insensitive; repeated headers joined by a comma.</param>
/// <param name="Body">The body exactly as received.</param>
/// <param name="WasMatched">Whether a mapping matched the request.</param>
/// <param name="MappingName">The name of the mapping that answered, if any.</param>
/// <param name="ResponseStatus">The HTTP status WireMock answered with.</param>
public sealed record LoggedRequest(
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    bool WasMatched,
    string? MappingName,
    int? ResponseStatus)
{
    /// <summary>The header value, or fails the test when it is absent.</summary>
    public string Header(string name)
        => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"{Path} was sent without the {name} header.");

    /// <summary>Whether the request went to the given function path below <c>/api/v1/</c>.</summary>
    public bool IsFor(string operationPath) => string.Equals(Path, "/api/v1/" + operationPath, StringComparison.Ordinal);
}

/// <summary>Reads WireMock.Net's request journal and checks each logged request against the wire contract (contract §2.1, §11).</summary>
public static partial class RequestJournal
{
    /// <summary>The header with which a test marks its own requests in the shared journal.</summary>
    public const string TestIdHeader = "X-Contract-Test";

    /// <summary>The header with which a test selects an error contract (see docs/testing.md).</summary>
    public const string CaseHeader = "X-Contract-Case";

    /// <summary>The requests a test sent, oldest first, from WireMock.Net's request journal.</summary>
    /// <param name="server">The WireMock server.</param>
    /// <param name="testId">The test's <see cref="TestIdHeader"/> value.</param>
    public static Task<IReadOnlyList<LoggedRequest>> ReadAsync(WireMockServer server, string testId)
    {
        ArgumentNullException.ThrowIfNull(server);
        var result = new List<LoggedRequest>();

        // The journal lists the oldest first.
        foreach (var entry in server.LogEntries)
        {
            var request = entry.RequestMessage;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            {
                headers[name] = string.Join(',', values);
            }

            if (!headers.TryGetValue(TestIdHeader, out var id) || id != testId)
            {
                continue;
            }

            result.Add(new LoggedRequest(
                request.Path,
                headers,
                request.Body ?? string.Empty,
                entry.MappingGuid is not null && entry.RequestMatchResult?.IsPerfectMatch == true,
                entry.MappingTitle,
                StatusCode(entry.ResponseMessage?.StatusCode)));
        }

        return Task.FromResult<IReadOnlyList<LoggedRequest>>(result);
    }

    private static int? StatusCode(object? status) => status switch
    {
        null => null,
        int code => code,
        System.Net.HttpStatusCode code => (int)code,
        string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) => code,
        _ => throw new Xunit.Sdk.XunitException($"WireMock.Net logged an unexpected status {status}."),
    };

    /// <summary>
    /// Recomputes the signature independently of the SDK:
    /// <c>URLEncode(Base64(HMAC-SHA256(secret, clientID + signatureMethod + timestamp + nonce + body)))</c>.
    /// </summary>
    public static string ExpectedSignature(string clientSecret, string clientId, string signatureMethod, string timestamp, string nonce, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(clientId + signatureMethod + timestamp + nonce + body));
        return Uri.EscapeDataString(Convert.ToBase64String(mac));
    }

    /// <summary>
    /// Checks one logged request against the wire contract: matched a mapping, the five headers in their formats, the
    /// signature recomputed from the exact logged body, and the body shape. Returns the decrypted request content (an
    /// empty object for getKey/revokeKey).
    /// </summary>
    /// <param name="request">The logged request.</param>
    /// <param name="contentKey">The key the request content must decrypt under.</param>
    public static JsonObject AssertHonoursContract(LoggedRequest request, ContentKey contentKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        Assert.True(request.WasMatched, $"{request.Path} matched no contract mapping (see the WireMock.Net journal's partial match).");

        var clientId = request.Header("clientID");
        var method = request.Header("signatureMethod");
        var timestamp = request.Header("timestamp");
        var nonce = request.Header("nonce");
        var signature = request.Header("signature");
        Assert.Equal(ContractData.ClientId, clientId);
        Assert.Equal("HmacSHA256", method);
        Assert.Matches(Timestamp(), timestamp);
        Assert.Matches(Nonce(), nonce);
        Assert.Equal(ExpectedSignature(ContractData.ClientSecret, clientId, method, timestamp, nonce, request.Body), signature);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.OrdinalIgnoreCase);

        if (request.Path.StartsWith("/api/v1/security/", StringComparison.Ordinal))
        {
            Assert.Contains(request.Body, new[] { "{}", string.Empty });
            return [];
        }

        var match = EncryptedBody().Match(request.Body);
        Assert.True(match.Success, $"{request.Path} body is not exactly {{\"content\":\"AAAAD…\"}}.");
        var plaintext = AesGcmContentCipher.Instance.Decrypt(match.Groups["content"].Value, contentKey);
        return JsonNode.Parse(plaintext)!.AsObject();
    }

    /// <summary>Parses a JSON envelope body.</summary>
    public static JsonObject ParseObject(string json)
    {
        try
        {
            return JsonNode.Parse(json)!.AsObject();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"Not a JSON object: {ex.Message}");
        }
    }

    [GeneratedRegex(@"^\d{13}$")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,36}$")]
    private static partial Regex Nonce();

    [GeneratedRegex(@"^\{""content"":""(?<content>AAAAD[A-Za-z0-9+/]+={0,2})""\}$")]
    private static partial Regex EncryptedBody();
}
