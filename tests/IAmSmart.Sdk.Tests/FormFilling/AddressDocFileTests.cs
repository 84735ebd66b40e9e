using System.Security.Cryptography;
using System.Text;
using IAmSmart.Sdk.FormFilling;

namespace IAmSmart.Sdk.Tests.FormFilling;

public sealed class AddressDocFileTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% invented e-bill for tests\n%%EOF\n"u8.ToArray();

    private static AddressDocFile FileWith(string? docFile, string? docHash) => new() { DocFile = docFile, DocHash = docHash };

    [Fact]
    public void Matching_hash_verifies_in_either_case()
    {
        var base64 = Convert.ToBase64String(Pdf);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Pdf));

        Assert.True(FileWith(base64, hash).VerifyDocHash());
        Assert.True(FileWith(base64, hash.ToUpperInvariant()).VerifyDocHash());
        Assert.Equal(Pdf, FileWith(base64, hash).DecodeDocument());
    }

    [Fact]
    public void Tampered_document_or_hash_fails()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        var tampered = (byte[])Pdf.Clone();
        tampered[^2] ^= 0x01;

        var wrongHash = (hash[0] == '0' ? "1" : "0") + hash[1..];

        Assert.False(FileWith(Convert.ToBase64String(tampered), hash).VerifyDocHash());
        Assert.False(FileWith(Convert.ToBase64String(Pdf), wrongHash).VerifyDocHash());
    }

    [Theory]
    [InlineData(null, "00")]
    [InlineData("", "00")]
    [InlineData("not base64!", "00")]
    [InlineData("JVBERi0=", null)]
    [InlineData("JVBERi0=", "xyz")]
    [InlineData("JVBERi0=", "abcd")]
    public void Missing_or_malformed_parts_do_not_verify(string? docFile, string? docHash)
        => Assert.False(FileWith(docFile, docHash).VerifyDocHash());

    [Fact]
    public void Undecodable_file_gives_no_document()
    {
        Assert.Null(FileWith("not base64!", null).DecodeDocument());
        Assert.Null(FileWith(null, null).DecodeDocument());
    }

    [Fact]
    public void Bill_date_outside_the_calendar_gives_no_time()
    {
        Assert.Null(new AddressDocFile { BillDate = long.MaxValue }.BilledAt);
        Assert.Null(new AddressDocFile().BilledAt);
        Assert.Equal(DateTimeOffset.UnixEpoch, new AddressDocFile { BillDate = 0 }.BilledAt);
    }

    // The shape of addendum §A6.1, with invented provider data, name and address, and four address lines.
    private static string SampleShape(string docFile, string docHash) => $$$"""
        {"addressDocInfo":{
           "enProviderName":"Invented Gas Company Limited","tcProviderName":"虛構煤氣有限公司","scProviderName":"虚构煤气有限公司",
           "enUserName":"LAM, Sample Ka Wai","tcUserName":"林範例",
           "enServiceAddress":{"addressLine1":"FLAT 5, 3/F","addressLine2":"BLOCK C, EXAMPLE COURT","addressLine3":"8 SPECIMEN STREET","addressLine4":"SHA TIN, NEW TERRITORIES"},
           "tcServiceAddress":{"addressLine1":"新界沙田","addressLine2":"樣本街8號","addressLine3":"範例苑C座","addressLine4":"3樓5室"},
           "enPostalAddress":{"addressLine1":"P.O. BOX 2468","addressLine2":"SHA TIN POST OFFICE"},
           "tcPostalAddress":{"addressLine1":"沙田郵政局","addressLine2":"郵政信箱2468號"},
           "lastRetrievalDate":1560853718006},
         "addressDocFile":{"docFile":"{{{docFile}}}","docHash":"{{{docHash}}}","billDate":1560849218006}}
        """;

    [Fact]
    public void The_addendum_sample_shape_is_read_with_four_lines_and_both_dates()
    {
        var data = EMeData.Parse(SampleShape(Convert.ToBase64String(Pdf), Convert.ToHexStringLower(SHA256.HashData(Pdf))));
        var info = data.AddressDocInfo!;
        var file = data.AddressDocFile!;

        Assert.Empty(data.MalformedMembers);
        Assert.Equal("Invented Gas Company Limited", info.EnProviderName);
        Assert.Equal("虛構煤氣有限公司", info.TcProviderName);
        Assert.Equal("虚构煤气有限公司", info.ScProviderName);
        Assert.Equal("LAM, Sample Ka Wai", info.EnUserName);
        Assert.Equal("林範例", info.TcUserName);
        Assert.Equal(["FLAT 5, 3/F", "BLOCK C, EXAMPLE COURT", "8 SPECIMEN STREET", "SHA TIN, NEW TERRITORIES"], info.EnServiceAddress!.Lines);
        Assert.Equal("3樓5室", info.TcServiceAddress!.AddressLine4);
        Assert.Equal("P.O. BOX 2468, SHA TIN POST OFFICE", info.EnPostalAddress!.ToLine());
        Assert.Equal("沙田郵政局郵政信箱2468號", info.TcPostalAddress!.ToLine(string.Empty));
        Assert.Null(info.AdditionalMembers);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1560853718006), info.LastRetrievedAt);
        Assert.Equal(new DateTimeOffset(2019, 6, 18, 9, 13, 38, 6, TimeSpan.Zero), file.BilledAt);
        Assert.True(file.VerifyDocHash());
    }

    [Fact]
    public void A_hash_sent_as_Base64_verifies_too()
    {
        var base64 = Convert.ToBase64String(Pdf);
        var hash = Convert.ToBase64String(SHA256.HashData(Pdf));

        Assert.True(FileWith(base64, hash).VerifyDocHash());
        Assert.True(FileWith(base64, $" {hash} ").VerifyDocHash());
    }

    [Fact]
    public void A_Base64_hash_of_other_bytes_fails()
    {
        var other = SHA256.HashData("%PDF-1.4\n% another invented bill\n"u8);

        Assert.False(FileWith(Convert.ToBase64String(Pdf), Convert.ToBase64String(other)).VerifyDocHash());
        Assert.False(FileWith(Convert.ToBase64String(Pdf), Convert.ToBase64String(SHA256.HashData(Pdf)[..31])).VerifyDocHash());
    }

    [Fact]
    public void The_hash_is_read_as_hex_of_either_case_or_as_Base64_of_32_bytes()
    {
        var digest = SHA256.HashData(Pdf);

        Assert.Equal(digest, AddressDocFile.ExpectedHash(Convert.ToHexString(digest)));
        Assert.Equal(digest, AddressDocFile.ExpectedHash(Convert.ToBase64String(digest)));
        Assert.Null(AddressDocFile.ExpectedHash(new string('g', 64)));
    }

    [Fact]
    public async Task A_large_document_streams_to_the_same_bytes_block_by_block()
    {
        // Bigger than one 16 KiB decode block, with MIME-style line breaks that the decoder must skip.
        var pdf = new byte[100_003];
        new Random(11).NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        var file = FileWith(Convert.ToBase64String(pdf, Base64FormattingOptions.InsertLineBreaks), Convert.ToHexStringLower(SHA256.HashData(pdf)));

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, TestContext.Current.CancellationToken);
        using var read = new MemoryStream();
        using (var stream = file.OpenRead())
        {
            Assert.False(stream.CanSeek);
            var buffer = new byte[777];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                read.Write(buffer, 0, n);
            }
        }

        Assert.Equal(pdf, copy.ToArray());
        Assert.Equal(pdf, read.ToArray());
        Assert.True(file.VerifyDocHash());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30_000)]
    public void Bad_Base64_fails_the_stream_without_quoting_it(int validPrefixBytes)
    {
        var text = Convert.ToBase64String(new byte[validPrefixBytes]) + "SECRET*TEXT";
        var file = FileWith(text, Convert.ToHexStringLower(SHA256.HashData(Pdf)));

        var error = Assert.Throws<FormatException>(() => file.OpenRead().CopyTo(Stream.Null));
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.False(file.VerifyDocHash());
    }

    [Fact]
    public void Padding_in_the_middle_is_not_Base64()
    {
        var text = Convert.ToBase64String(new byte[12_287]) + Convert.ToBase64String(Pdf);

        Assert.Throws<FormatException>(() => FileWith(text, null).OpenRead().CopyTo(Stream.Null));
    }

    [Fact]
    public async Task Opening_a_missing_document_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => FileWith(null, null).OpenRead());
        await Assert.ThrowsAsync<InvalidOperationException>(() => FileWith(" ", null).CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ToString_shows_neither_the_document_nor_the_names()
    {
        var base64 = Convert.ToBase64String(Pdf);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        var data = EMeData.Parse(SampleShape(base64, hash));

        var texts = string.Join("\n", data.ToString(), data.AddressDocInfo!.ToString(), data.AddressDocFile!.ToString(),
            data.AddressDocInfo.EnServiceAddress!.ToString(), data.AddressDocInfo.TcPostalAddress!.ToString());

        Assert.Equal("AddressDocFile { docFile, docHash, billDate }", data.AddressDocFile.ToString());
        foreach (var secret in new[] { base64[..12], hash[..12], "LAM", "林範例", "Invented Gas", "SPECIMEN", "2468", "1560849218006" })
        {
            Assert.DoesNotContain(secret, texts, StringComparison.Ordinal);
        }
    }
}
