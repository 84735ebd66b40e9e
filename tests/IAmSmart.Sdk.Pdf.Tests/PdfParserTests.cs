using System.Text;
using IAmSmart.Sdk.Pdf.Internal.Cos;

namespace IAmSmart.Sdk.Pdf.Tests;

[Trait("Category", "Unit")]
public sealed class PdfParserTests
{
    [Theory]
    [InlineData(@"(plain)", "plain")]
    [InlineData(@"(a (nested) b)", "a (nested) b")]
    [InlineData(@"(esc\(aped\) \\ \n\t)", "esc(aped) \\ \n\t")]
    [InlineData("(octal \\101\\60\\0061)", "octal A0\u00061")]
    [InlineData("(line \\\ncontinued)", "line continued")]
    [InlineData("(crlf\r\nis lf)", "crlf\nis lf")]
    [InlineData("<48656C6C6F>", "Hello")]
    [InlineData("<48 65 6c 6C 6>", "Hell`")]
    [InlineData("<FEFF9999>", "\u9999")]
    [InlineData("<EFBBBFE9A699>", "\u9999")]
    public void Strings_are_decoded(string syntax, string expected)
    {
        var value = Parse(syntax);

        Assert.Equal(expected, Assert.IsType<PdfString>(value).ToText());
        Assert.Equal(syntax, Encoding.Latin1.GetString(value.Source.Span));
    }

    [Fact]
    public void Names_decode_hex_escapes_and_round_trip_through_the_writer()
    {
        var name = Assert.IsType<PdfName>(Parse("/A#20B#23"));
        using var output = new PdfOutput();
        output.WriteObject(new PdfName(name.Value));

        Assert.Equal("A B#", name.Value);
        Assert.Equal("/A#20B#23", Encoding.ASCII.GetString(output.Written.AsSpan()));
    }

    [Fact]
    public void Numbers_references_and_keywords_are_told_apart()
    {
        var array = Assert.IsType<PdfArray>(Parse("[1 0 R 1 0 -2 +3 4.5 -.5 true null 12 7 R%comment\n]"));

        Assert.Collection(array.Items,
            item => Assert.Equal("1 0 R", Assert.IsType<PdfReference>(item).ToString()),
            item => Assert.Equal("1", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.Equal("0", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.Equal("-2", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.Equal("+3", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.Equal("4.5", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.Equal("-.5", Assert.IsType<PdfNumber>(item).Text),
            item => Assert.True(Assert.IsType<PdfBoolean>(item).Value),
            item => Assert.IsType<PdfNull>(item),
            item => Assert.Equal("12 7 R", Assert.IsType<PdfReference>(item).ToString()));
    }

    [Fact]
    public void A_dictionary_keeps_its_order_and_With_replaces_in_place_or_appends()
    {
        var dictionary = Assert.IsType<PdfDictionary>(Parse("<</Type/Page/Annots [1 0 R] % note\n/Parent 2 0 R>>"));

        var replaced = dictionary.With("Annots", new PdfArray([]));
        var appended = dictionary.With("Rotate", PdfNumber.Of(90));
        using var output = new PdfOutput();
        output.WriteObject(replaced);

        Assert.Equal(["Type", "Annots", "Parent"], replaced.Entries.Select(e => e.Key));
        Assert.Equal(["Type", "Annots", "Parent", "Rotate"], appended.Entries.Select(e => e.Key));
        Assert.Equal("<</Type/Page/Annots[]/Parent 2 0 R>>", Encoding.ASCII.GetString(output.Written.AsSpan()));
    }

    [Theory]
    [InlineData("(unterminated")]
    [InlineData("<4G>")]
    [InlineData("<</Key>>")]
    [InlineData("<<1 2>>")]
    [InlineData("[1 2")]
    [InlineData("}")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void Malformed_syntax_throws_a_format_exception(string syntax)
    {
        Assert.Throws<PdfFormatException>(() => Parse(syntax));
    }

    [Fact]
    public void A_stream_with_a_wrong_Length_is_read_up_to_endstream()
    {
        var parser = new PdfParser(Encoding.ASCII.GetBytes("7 0 obj\n<</Length 999>>\nstream\nabc\nendstream\nendobj\n"));

        var (number, generation, value) = parser.ReadIndirectObject(length => 999);

        Assert.Equal((7, 0), (number, generation));
        Assert.Equal("abc", Encoding.ASCII.GetString(Assert.IsType<PdfStream>(value).EncodedData.Span));
    }

    private static PdfObject Parse(string syntax) => new PdfParser(Encoding.Latin1.GetBytes(syntax)).ReadObject();
}
