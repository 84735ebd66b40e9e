using System.Security.Cryptography;
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
}
