using System.Net;
using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Crypto;
using IAmSmart.Sdk.FormFilling;
using IAmSmart.Sdk.Tests.FormFilling;
using IAmSmart.Sdk.Tests.Support;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>The optional end-user IP header <c>x-forwarded-for</c> (addendum §A7), set with <see cref="IAmSmartClient.ForEndUser"/>.</summary>
public sealed class EndUserIpTests
{
    private const string TokenPlaintext = """{"accessToken":"tok-0001","tokenType":"Bearer","issueAt":1700000000000,"expiresIn":14400000,"openID":"open%2Bid%3D","userType":"default","scope":"eidapi_auth eidapi_formFilling"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeIAmSmartHandler Handler()
        => VectorClient.HandlerAnswering(IAmSmartFunctions.GetToken.Path, TokenPlaintext)
            .OnJson(IAmSmartFunctions.EMe.Path, (_, _) => VectorClient.Success("""{"authByQR":true}"""));

    private static EMeRequest EMe(AccessToken token) => new()
    {
        AccessToken = token,
        CallbackUri = new Uri("https://rp.example/iamsmart/callback"),
        Fields = [EMeField.AddressDocInfo],
        Form = new FormDetails("Address proof"),
        Source = IAmSmartSource.PcBrowser,
    };

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8::5", "2001:db8::5")]
    [InlineData("::ffff:198.51.100.4", "198.51.100.4")]
    [InlineData("fe80::1%3", "fe80::1")]
    public async Task Calls_for_an_end_user_carry_the_address_as_x_forwarded_for(string address, string sent)
    {
        var handler = Handler();
        using var client = VectorClient.Create(handler);
        var user = client.ForEndUser(IPAddress.Parse(address));

        var token = await user.Auth.GetTokenAsync("code-1", Ct);
        await user.FormFilling.RequestEMeAsync(EMe(token), Ct);

        Assert.Equal(sent, user.EndUserIp);
        foreach (var path in new[] { IAmSmartFunctions.GetToken.Path, IAmSmartFunctions.EMe.Path })
        {
            var request = handler.To(path).Single();
            Assert.Equal(sent, request.Headers[EndUserIpHeader.Name]);
            Assert.Contains("x-forwarded-for", request.Headers.Keys); // the lower-case literal S4 sends
        }
    }

    [Fact]
    public async Task The_application_client_sends_no_end_user_address()
    {
        var handler = Handler();
        using var client = VectorClient.Create(handler);

        var token = await client.Auth.GetTokenAsync("code-1", Ct);
        await client.FormFilling.RequestEMeAsync(EMe(token), Ct);

        Assert.Null(client.EndUserIp);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.False(r.Headers.ContainsKey(EndUserIpHeader.Name)));
    }

    [Fact]
    public async Task Content_keys_stay_client_wide_and_carry_no_end_user_address()
    {
        var handler = Handler();
        using var client = VectorClient.Create(handler);

        await client.ForEndUser(IPAddress.Parse("203.0.113.7")).Auth.GetTokenAsync("code-1", Ct);
        await client.ForEndUser(IPAddress.Parse("203.0.113.8")).Auth.GetTokenAsync("code-2", Ct);

        var getKey = handler.To(IAmSmartFunctions.GetKey.Path).Single(); // one key for both users
        Assert.False(getKey.Headers.ContainsKey(EndUserIpHeader.Name));
        Assert.Equal(["203.0.113.7", "203.0.113.8"], handler.To(IAmSmartFunctions.GetToken.Path).Select(r => r.Header(EndUserIpHeader.Name)));
    }

    [Fact]
    public async Task The_address_is_not_part_of_the_signature()
    {
        var handler = Handler();
        using var client = VectorClient.Create(handler);
        var (clientId, secret) = TestVectors.Credentials();

        await client.ForEndUser(IPAddress.Parse("2001:db8::5")).Auth.GetTokenAsync("code-1", Ct);
        await client.Auth.GetTokenAsync("code-2", Ct);

        var requests = handler.To(IAmSmartFunctions.GetToken.Path).ToArray();
        Assert.True(requests[0].Headers.ContainsKey(EndUserIpHeader.Name));
        Assert.False(requests[1].Headers.ContainsKey(EndUserIpHeader.Name));
        foreach (var request in requests)
        {
            // The same recomputation from clientID, timestamp, nonce and body holds with and without the header.
            var expected = new HmacSha256RequestSigner(secret).Sign(clientId, request.Header("timestamp"), request.Header("nonce"), request.Body);
            Assert.Equal(expected, request.Header("signature"));
        }
    }

    [Fact]
    public async Task A_request_made_for_an_end_user_is_one_of_the_application_clients_operations()
    {
        var handler = Handler();
        using var client = VectorClient.Create(handler);
        var user = client.ForEndUser(IPAddress.Parse("203.0.113.7"));

        var pending = await user.FormFilling.RequestEMeAsync(EMe(DataRequestTests.Token()), Ct);

        Assert.Same(client.Operations, user.Operations);
        Assert.Same(client.ContentKeys, user.ContentKeys);
        Assert.NotNull(await client.Operations.Store.GetAsync(pending.BusinessId, Ct));
        Assert.Equal("203.0.113.9", user.ForEndUser(IPAddress.Parse("203.0.113.9")).EndUserIp);
    }

    [Fact]
    public void A_missing_address_is_refused_rather_than_replaced()
    {
        using var client = VectorClient.Create(Handler());

        Assert.Throws<ArgumentNullException>(() => client.ForEndUser(null!));
    }
}
