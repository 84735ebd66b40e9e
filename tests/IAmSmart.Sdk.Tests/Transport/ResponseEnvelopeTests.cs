using System.Net;
using System.Text;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

public sealed class ResponseEnvelopeTests
{
    [Fact]
    public void Every_member_is_read_and_unknown_ones_are_skipped()
    {
        var envelope = Parse("""{"extra":{"code":"D99999","content":"inner"},"txID":"<T=1>","code":"D00000","message":"SUCCESS","list":[1,2],"content":"AAAADabc","secretKey":"wrapped"}""");

        Assert.Equal("<T=1>", envelope.TxId);
        Assert.Equal("D00000", envelope.Code);
        Assert.Equal("SUCCESS", envelope.Message);
        Assert.Equal("AAAADabc", envelope.EncryptedContent);
        Assert.Equal("wrapped", envelope.SecretKey);
        Assert.True(envelope.IsSuccess);
        Assert.Equal(HttpStatusCode.OK, envelope.StatusCode);
    }

    [Fact]
    public void Object_content_is_kept_as_plain_content()
    {
        var envelope = Parse("""{"code":"D00000","content":{"secretKey":"k","pubKey":"p"}}""");

        Assert.Null(envelope.EncryptedContent);
        Assert.Equal("k", envelope.PlainContent!.Value.GetProperty("secretKey").GetString());
    }

    [Fact]
    public void The_first_of_message_and_msg_wins_and_a_later_object_value_is_skipped_whole()
    {
        var envelope = Parse("""{"msg":"first","message":{"code":"D99999","txID":"inner"},"code":"D20003","txID":"<T=2>"}""");

        Assert.Equal("first", envelope.Message);
        Assert.Equal("D20003", envelope.Code);
        Assert.Equal("<T=2>", envelope.TxId);
    }

    [Fact]
    public void Numeric_codes_are_read_as_text_and_names_are_case_sensitive()
    {
        var envelope = Parse("""{"Code":"D99999","code":200,"TXID":"x"}""");

        Assert.Equal("200", envelope.Code);
        Assert.Null(envelope.TxId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"txID":"<T=3>","message":"no code"}""")]
    [InlineData("""{"code":"D00000" """)]
    public void Unreadable_envelopes_are_service_errors_that_name_the_operation(string json)
    {
        var ex = Assert.Throws<IAmSmartServiceException>(() => Parse(json));

        Assert.Contains("auth.getToken", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public void A_server_response_naming_a_member_twice_is_still_read_unlike_a_callback()
    {
        // Deliberate (Callbacks.CallbackJson): a response answers the SDK's own request over TLS, so its bytes are the
        // server's; only callbacks, which anyone can post, refuse a member named twice.
        var envelope = Parse("""{"txID":"<T=1>","code":"D00000","code":"D00000","message":"SUCCESS","content":"AAAADabc"}""");

        Assert.Equal("D00000", envelope.Code);
        Assert.Equal("AAAADabc", envelope.EncryptedContent);
    }

    private static ResponseEnvelope Parse(string json) => ResponseEnvelope.Parse(Encoding.UTF8.GetBytes(json), "auth.getToken", HttpStatusCode.OK);
}
