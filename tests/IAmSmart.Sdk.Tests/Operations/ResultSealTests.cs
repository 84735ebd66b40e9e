using System.Text;
using System.Text.Json;
using IAmSmart.Sdk.Callbacks;
using IAmSmart.Sdk.Operations;

namespace IAmSmart.Sdk.Tests.Operations;

/// <summary>The sealed callback result: attachments sealed from the memory they sit in, in the format stored before.</summary>
public sealed class ResultSealTests
{
    [Fact]
    public void An_attachment_that_is_a_slice_of_a_larger_buffer_round_trips_as_exactly_that_slice()
    {
        var seal = new ResultSeal("an invented client secret for tests");
        var buffer = Encoding.ASCII.GetBytes("xxxxthe part's bytesyyyy");
        var callback = new IAmSmartCallback(
            CallbackStatus.Succeeded, "D00000", "<T=1>", "b1", "s1", payload: null,
            attachments: [new CallbackAttachment("sigFile", "signatures.txt", "text/plain", buffer.AsMemory(4, 16))]);

        var sealedBytes = seal.Seal(callback);
        buffer.AsSpan().Clear(); // the pooled buffer goes back, cleared: the sealed result must not depend on it
        var opened = seal.Open(sealedBytes);

        var attachment = Assert.Single(opened.Attachments);
        Assert.Equal("the part's bytes", Encoding.ASCII.GetString(attachment.Content.Span));
        Assert.Equal("sigFile", attachment.Name);
    }

    [Fact]
    public void An_attachment_is_stored_as_Base64_text_as_it_was_when_it_was_an_array()
    {
        // Results sealed by an earlier version (byte[] content, Base64 in the JSON) must still open.
        var stored = """{"Status":0,"Code":"D00000","TxId":null,"BusinessId":"b1","State":null,"Payload":null,"Outcome":null,"Attachments":[{"Name":"sigFile","FileName":null,"ContentType":null,"Content":"YWJj"}],"StateVerified":true}""";

        var read = JsonSerializer.Deserialize(stored, SealedResultJsonContext.Default.SealedResult)!;
        var written = JsonSerializer.Serialize(read, SealedResultJsonContext.Default.SealedResult);

        Assert.Equal("abc", Encoding.ASCII.GetString(read.Attachments[0].Content.Span));
        Assert.Contains("\"Content\":\"YWJj\"", written, StringComparison.Ordinal);
    }
}
