using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.FormFilling;

/// <summary>
/// What an address proof says (<c>addressDocInfo</c>, addendum §A6.1): an e-bill from a utility (HK Electric, CLP,
/// Towngas, the Water Supplies Department) naming the user and the service address. "All the sub-fields come from the
/// address data provider", so every value is kept as sent. Personal data: <see cref="ToString"/> names members only.
/// </summary>
public sealed class AddressDocInfo
{
    /// <summary>The utility's name in English; an open string, not a code (the list of providers may grow).</summary>
    [JsonPropertyName("enProviderName")]
    public string? EnProviderName { get; set; }

    /// <summary>The utility's name in traditional Chinese.</summary>
    [JsonPropertyName("tcProviderName")]
    public string? TcProviderName { get; set; }

    /// <summary>The utility's name in simplified Chinese.</summary>
    [JsonPropertyName("scProviderName")]
    public string? ScProviderName { get; set; }

    /// <summary>The account holder's name in English, unstructured as the provider prints it (for example <c>SAN, Chi Nan</c>).</summary>
    [JsonPropertyName("enUserName")]
    public string? EnUserName { get; set; }

    /// <summary>The account holder's name in traditional Chinese; there is no simplified-Chinese user name.</summary>
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
    public DateTimeOffset? LastRetrievedAt => UnixTime.FromMilliseconds(LastRetrievalDate);

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressDocInfo), AdditionalMembers, ("enProviderName", EnProviderName), ("tcProviderName", TcProviderName),
        ("scProviderName", ScProviderName), ("enUserName", EnUserName), ("tcUserName", TcUserName), ("enServiceAddress", EnServiceAddress),
        ("tcServiceAddress", TcServiceAddress), ("enPostalAddress", EnPostalAddress), ("tcPostalAddress", TcPostalAddress),
        ("lastRetrievalDate", LastRetrievalDate));
}

/// <summary>
/// An address on an address proof: "at most 4 lines" (<c>addressLine1</c>..<c>addressLine4</c>, addendum §A6.1), free
/// text, not a structured address.
/// </summary>
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
/// The address proof itself (<c>addressDocFile</c>, addendum §A6.1): the e-bill as a Base64 PDF, its SHA-256, and the
/// bill date. Check <see cref="VerifyDocHash"/> before trusting the file. The PDF holds the user's name, address and
/// billing data: read it with <see cref="OpenRead"/> or <see cref="CopyToAsync"/> to store it, and never log it.
/// </summary>
public sealed class AddressDocFile
{
    // Decoding runs in blocks of this many Base64 characters (a multiple of 4), so that streaming the PDF holds one
    // block of text and one block of bytes at a time, never a second copy of the whole file.
    private const int DecodeBlockChars = 16 * 1024;

    /// <summary>The PDF e-bill, Base64-encoded, as sent (the sample starts <c>JVBERi0x</c>, that is <c>%PDF-1</c>).</summary>
    [JsonPropertyName("docFile")]
    public string? DocFile { get; set; }

    /// <summary>The SHA-256 of the PDF, as sent; the sample looks like lowercase hex, but the encoding is not stated.</summary>
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
    public DateTimeOffset? BilledAt => UnixTime.FromMilliseconds(BillDate);

    /// <summary>
    /// The PDF bytes in one array; <see langword="null"/> when <see cref="DocFile"/> is absent or not Base64. For a large
    /// file prefer <see cref="OpenRead"/> or <see cref="CopyToAsync"/>.
    /// </summary>
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
    /// A read-only stream of the decoded PDF, decoded block by block from <see cref="DocFile"/> as it is read: no second
    /// copy of the file is made, as bytes or as text. Reading throws <see cref="FormatException"/> (without quoting the
    /// data) where the text is not Base64; check <see cref="VerifyDocHash"/> first to know the file is whole.
    /// </summary>
    /// <returns>A stream that is not seekable; dispose it when done.</returns>
    /// <exception cref="InvalidOperationException"><see cref="DocFile"/> is absent or empty.</exception>
    public Stream OpenRead()
    {
        if (string.IsNullOrWhiteSpace(DocFile))
        {
            throw new InvalidOperationException("The address proof has no docFile.");
        }

        return new Base64DecodingStream(DocFile);
    }

    /// <summary>Writes the decoded PDF to <paramref name="destination"/> (a file, a blob store), block by block.</summary>
    /// <param name="destination">Where the PDF goes; it is not closed.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="InvalidOperationException"><see cref="DocFile"/> is absent or empty.</exception>
    /// <exception cref="FormatException"><see cref="DocFile"/> is not Base64; part of the file may have been written.</exception>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var source = OpenRead();
        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the SHA-256 of the decoded PDF equals <see cref="DocHash"/>, read as hex (either case) or else as Base64.
    /// <see langword="false"/> when either is missing or malformed. The PDF is hashed block by block, without a copy.
    /// </summary>
    public bool VerifyDocHash()
    {
        if (string.IsNullOrWhiteSpace(DocFile) || ExpectedHash(DocHash) is not { } expected)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var document = OpenRead();
            var block = new byte[DecodeBlockChars / 4 * 3];
            int read;
            while ((read = document.Read(block, 0, block.Length)) > 0)
            {
                hash.AppendData(block, 0, read);
            }

            hash.GetHashAndReset(actual);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    // The one place that decides how docHash is read. §A6.1 says only "SHA256 hash of PDF e-bill file"; the sample
    // looks like lowercase hex, so hex (either case) is tried first and Base64 second [I]. A 64-character value is
    // always read as hex when it can be, so the two readings never compete for the same text.
    internal static byte[]? ExpectedHash(string? docHash)
    {
        if (string.IsNullOrWhiteSpace(docHash))
        {
            return null;
        }

        var text = docHash.Trim();
        if (text.Length == SHA256.HashSizeInBytes * 2)
        {
            try
            {
                return Convert.FromHexString(text);
            }
            catch (FormatException)
            {
                // Not hex: fall through to Base64, which cannot be 64 characters long for 32 bytes anyway.
            }
        }

        var bytes = new byte[SHA256.HashSizeInBytes];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == bytes.Length ? bytes : null;
    }

    /// <summary>The type name and which members are present, never their values.</summary>
    public override string ToString() => PresenceDescription.Describe(
        nameof(AddressDocFile), AdditionalMembers, ("docFile", DocFile), ("docHash", DocHash), ("billDate", BillDate));

    /// <summary>
    /// Decodes a Base64 string as a stream, one block at a time. White space (line breaks in MIME-style Base64) is
    /// skipped, since it may come from a store or a multipart part that wrapped the text.
    /// </summary>
    private sealed class Base64DecodingStream(string base64) : Stream
    {
        private readonly char[] _chars = new char[DecodeBlockChars];
        private readonly byte[] _decoded = new byte[DecodeBlockChars / 4 * 3];
        private int _position;        // next character of base64 to read
        private int _decodedStart;
        private int _decodedEnd;
        private long _produced;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _produced;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

#if NET
        public override int Read(Span<byte> buffer)
#else
        public int Read(Span<byte> buffer) // netstandard2.0: Stream has no span overloads to override
#endif
        {
            if (_decodedStart == _decodedEnd && !Fill())
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, _decodedEnd - _decodedStart);
            _decoded.AsSpan(_decodedStart, n).CopyTo(buffer);
            _decodedStart += n;
            _produced += n;
            return n;
        }

#if NET
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#else
        public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#endif
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Collects up to one block of non-white-space characters and decodes it. Only the last block can be short, and a
        // short one that is not a multiple of 4 fails to decode, as it should.
        private bool Fill()
        {
            var taken = 0;
            while (_position < base64.Length && taken < _chars.Length)
            {
                var c = base64[_position++];
                if (!char.IsWhiteSpace(c))
                {
                    _chars[taken++] = c;
                }
            }

            if (taken == 0)
            {
                return false;
            }

            if (!Convert.TryFromBase64Chars(_chars.AsSpan(0, taken), _decoded, out var written)
                || (_position < base64.Length && HasPadding(taken)))
            {
                // Never quote the data: it is a personal document.
                throw new FormatException("The address proof's docFile is not valid Base64.");
            }

            _decodedStart = 0;
            _decodedEnd = written;
            return true;
        }

        // Padding may only end the whole text, not a block in the middle.
        private bool HasPadding(int taken) => _chars[taken - 1] == '=' && base64.AsSpan(_position).Trim().Length > 0;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
