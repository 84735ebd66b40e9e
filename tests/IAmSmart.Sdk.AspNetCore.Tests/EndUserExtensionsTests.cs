using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>The end-user IP taken from the ASP.NET Core connection (addendum §A7).</summary>
public sealed class EndUserExtensionsTests
{
    private static DefaultHttpContext ContextFrom(string? address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        return context;
    }

    [Theory]
    [InlineData("203.0.113.44", "203.0.113.44")]
    [InlineData("::ffff:203.0.113.45", "203.0.113.45")]
    [InlineData("2001:db8::44", "2001:db8::44")]
    public async Task The_connection_address_is_what_the_client_sends(string remote, string sent)
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var client = host.Services.GetRequiredService<IAmSmartClient>();

        var user = client.ForEndUser(ContextFrom(remote));

        Assert.NotSame(client, user);
        Assert.Equal(sent, user.EndUserIp);
    }

    [Fact]
    public async Task A_connection_without_an_address_sends_none()
    {
        await using var host = await IAmSmartTestHost.StartAsync();
        var client = host.Services.GetRequiredService<IAmSmartClient>();

        Assert.Same(client, client.ForEndUser(ContextFrom(null)));
        Assert.Null(client.EndUserIp);
    }
}
