using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.AspNetCore.Tests;

/// <summary>Who may call the callback endpoint: the integrator's authorization policy, the fallback policy, and the source allow-list.</summary>
public sealed class CallbackEndpointAuthorizationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "Security")]
    public async Task Integrators_authorization_policy_applies_to_the_callback_endpoint()
    {
        // A policy no anonymous caller meets, challenged by cookies, so the refusal is an unmistakable redirect to a login page.
        await using var host = await IAmSmartTestHost.StartAsync(callbackEndpoint: e => e.RequireAuthorization(p => p
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()));

        var response = await PostAsync(host, remote: IPAddress.Parse("203.0.113.9"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Policy_required_by_a_route_group_applies_to_the_callback_endpoint()
    {
        IEndpointConventionBuilder? mapped = null;
        await using var host = await IAmSmartTestHost.StartAsync(
            configureServices: b => b.Services.AddAuthorizationBuilder().AddPolicy("nobody", p => p
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAssertion(_ => false)),
            beforeAuthentication: app => mapped = app.MapGroup("/partner").RequireAuthorization("nobody").MapIAmSmartCallbacks("/callback"));

        var response = await PostAsync(host, remote: IPAddress.Parse("203.0.113.9"), path: "/partner/callback");

        Assert.NotNull(mapped);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Without_a_policy_of_its_own_the_endpoint_stays_anonymous_under_a_fallback_policy()
    {
        await using var host = await IAmSmartTestHost.StartAsync(
            configureServices: b => b.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .Build()));

        var response = await PostAsync(host, remote: IPAddress.Parse("203.0.113.9"));

        // The callback reached the SDK: an empty JSON object is malformed, not a login challenge.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\":\"malformed\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("198.51.100.7", HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.200", HttpStatusCode.BadRequest)]
    [InlineData("::ffff:203.0.113.9", HttpStatusCode.BadRequest)]
    [InlineData("2001:db8::1", HttpStatusCode.BadRequest)]
    [InlineData("2001:db9::1", HttpStatusCode.Forbidden)]
    [Trait("Category", "Security")]
    public async Task Allowed_sources_refuse_other_addresses_with_403_before_reading_the_body(string remote, HttpStatusCode expected)
    {
        await using var host = await IAmSmartTestHost.StartAsync(configureCallbacks: o =>
        {
            o.AllowedSources.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
            o.AllowedSources.Add(System.Net.IPNetwork.Parse("2001:db8::/32"));
        });

        var response = await PostAsync(host, IPAddress.Parse(remote));
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("""{"code":"rejected","reason":"source_not_allowed"}""", body);
        }
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Allowed_sources_refuse_a_request_without_a_remote_address()
    {
        await using var host = await IAmSmartTestHost.StartAsync(configureCallbacks: o => o.AllowedSources.Add(System.Net.IPNetwork.Parse("203.0.113.0/24")));

        var response = await PostAsync(host, remote: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Behind_a_known_proxy_the_forwarded_client_address_is_checked_and_a_spoofed_header_is_not_trusted()
    {
        var proxy = IPAddress.Parse("10.0.0.1");
        await using var host = await IAmSmartTestHost.StartAsync(
            configureCallbacks: o => o.AllowedSources.Add(System.Net.IPNetwork.Parse("203.0.113.0/24")),
            beforeAuthentication: app =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                forwarded.KnownProxies.Add(proxy);
                app.UseForwardedHeaders(forwarded);
            });

        var throughProxy = await PostAsync(host, proxy, forwardedFor: "203.0.113.9");
        var spoofed = await PostAsync(host, IPAddress.Parse("198.51.100.7"), forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.BadRequest, throughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(IAmSmartTestHost host, IPAddress? remote, string path = "/iamsmart/callback", string? forwardedFor = null)
    {
        var server = (TestServer)host.Services.GetRequiredService<IServer>();
        var context = await server.SendAsync(
            c =>
            {
                c.Request.Method = HttpMethods.Post;
                c.Request.Path = path;
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{}"));
                c.Connection.RemoteIpAddress = remote;
                if (forwardedFor is not null)
                {
                    c.Request.Headers["X-Forwarded-For"] = forwardedFor;
                }
            },
            Ct);

        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new StreamContent(context.Response.Body),
        };
        if (context.Response.Headers.Location.Count > 0)
        {
            response.Headers.Location = new Uri(context.Response.Headers.Location.ToString(), UriKind.RelativeOrAbsolute);
        }

        return response;
    }
}
