using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// What an address proof says (<c>addressDocInfo</c>): an e-bill from a utility (HK Electric, CLP, Towngas, the Water
/// Supplies Department) naming the user and the service address (contract §9.2; a newer feature [C-doc S3]).
/// </summary>
public sealed class AddressDocInfo
{
    /// <summary>The utility's name in English.</summary>
    [JsonPropertyName("enProviderName")]
    public string? EnProviderName { get; set; }

    /// <summary>The utility's name in traditional Chinese.</summary>
    [JsonPropertyName("tcProviderName")]
    public string? TcProviderName { get; set; }

    /// <summary>The utility's name in simplified Chinese.</summary>
    [JsonPropertyName("scProviderName")]
    public string? ScProviderName { get; set; }

    /// <summary>The account holder's name in English.</summary>
    [JsonPropertyName("enUserName")]
    public string? EnUserName { get; set; }

    /// <summary>The account holder's name in traditional Chinese.</summary>
    [JsonPropertyName("tcUserName")]
    public string? TcUserName { get; set; }

    /// <summary>The address supplied, in English.</summary>
    [JsonPropertyName("enServiceAddress")]
    public AddressDocLines? EnServiceAddress { get; set; }

    /// <summary>The address supplied, in traditional Chinese.</summary>
    [JsonPropertyName("tcServiceAddress")]
    public AddressDocLines? TcServiceAddress { get; set; }

    /// <summary>The billing address, in English.</summary>
    [JsonPropertyName("enPostalAddress")]
    public AddressDocLines? EnPostalAddress { get; set; }

    /// <summary>The billing address, in traditional Chinese.</summary>
    [JsonPropertyName("tcPostalAddress")]
    public AddressDocLines? TcPostalAddress { get; set; }

    /// <summary>When iAM Smart last fetched the bill, in milliseconds since the Unix epoch, as sent.</summary>
    [JsonPropertyName("lastRetrievalDate")]
    public long? LastRetrievalDate { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary><see cref="LastRetrievalDate"/> as a time; <see langword="null"/> when absent or out of range.</summary>
    [JsonIgnore]
    public DateTimeOffset? LastRetrievedAt => AddressDocFile.FromUnixMilliseconds(LastRetrievalDate);

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressDocInfo), AdditionalMembers, ("enProviderName", EnProviderName), ("tcProviderName", TcProviderName),
        ("scProviderName", ScProviderName), ("enUserName", EnUserName), ("tcUserName", TcUserName), ("enServiceAddress", EnServiceAddress),
        ("tcServiceAddress", TcServiceAddress), ("enPostalAddress", EnPostalAddress), ("tcPostalAddress", TcPostalAddress),
        ("lastRetrievalDate", LastRetrievalDate));
}

/// <summary>An address on an address proof as up to four lines (<c>addressLine1</c>..<c>addressLine4</c>).</summary>
public sealed class AddressDocLines
{
    /// <summary>Line 1.</summary>
    [JsonPropertyName("addressLine1")]
    public string? AddressLine1 { get; set; }

    /// <summary>Line 2.</summary>
    [JsonPropertyName("addressLine2")]
    public string? AddressLine2 { get; set; }

    /// <summary>Line 3.</summary>
    [JsonPropertyName("addressLine3")]
    public string? AddressLine3 { get; set; }

    /// <summary>Line 4.</summary>
    [JsonPropertyName("addressLine4")]
    public string? AddressLine4 { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary>The non-empty lines in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Lines => AddressText.NonEmpty(AddressLine1, AddressLine2, AddressLine3, AddressLine4);

    /// <summary>The non-empty lines joined; <see langword="null"/> when there are none.</summary>
    /// <param name="separator">What goes between lines; a comma and a space by default.</param>
    public string? ToLine(string separator = ", ")
    {
        var lines = Lines;
        return lines.Count == 0 ? null : string.Join(separator, lines);
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressDocLines), AdditionalMembers, ("addressLine1", AddressLine1), ("addressLine2", AddressLine2),
        ("addressLine3", AddressLine3), ("addressLine4", AddressLine4));
}

/// <summary>
/// The address proof itself (<c>addressDocFile</c>): the bill as a Base64 PDF, its SHA-256 in hex, and the bill date
/// (contract §9.2). Check <see cref="VerifyDocHash"/> before trusting the file.
/// </summary>
public sealed class AddressDocFile
{
    /// <summary>The PDF, Base64-encoded, as sent.</summary>
    [JsonPropertyName("docFile")]
    public string? DocFile { get; set; }

    /// <summary>The SHA-256 of the PDF in hexadecimal, as sent.</summary>
    [JsonPropertyName("docHash")]
    public string? DocHash { get; set; }

    /// <summary>The bill date in milliseconds since the Unix epoch, as sent.</summary>
    [JsonPropertyName("billDate")]
    public long? BillDate { get; set; }

    /// <summary>Members the SDK does not know, kept so that nothing iAM Smart sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalMembers { get; set; }

    /// <summary><see cref="BillDate"/> as a time; <see langword="null"/> when absent or out of range.</summary>
    [JsonIgnore]
    public DateTimeOffset? BilledAt => FromUnixMilliseconds(BillDate);

    /// <summary>The PDF bytes; <see langword="null"/> when <see cref="DocFile"/> is absent or not Base64.</summary>
    public byte[]? DecodeDocument()
    {
        if (string.IsNullOrWhiteSpace(DocFile))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(DocFile);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the SHA-256 of the decoded PDF equals <see cref="DocHash"/> (hex, either case). <see langword="false"/>
    /// when either is missing or malformed.
    /// </summary>
    public bool VerifyDocHash()
    {
        var document = DecodeDocument();
        if (document is null || string.IsNullOrWhiteSpace(DocHash))
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(DocHash.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return expected.Length == SHA256.HashSizeInBytes && SHA256.HashData(document).AsSpan().SequenceEqual(expected);
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressDocFile), AdditionalMembers, ("docFile", DocFile), ("docHash", DocHash), ("billDate", BillDate));

    internal static DateTimeOffset? FromUnixMilliseconds(long? milliseconds)
        => milliseconds is { } ms && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
