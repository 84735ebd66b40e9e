using IAmSmart.Sdk.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds iAM Smart login to ASP.NET Core authentication.</summary>
public static class IAmSmartAuthenticationExtensions
{
    /// <summary>Adds iAM Smart login with the default scheme name (<c>IAmSmart</c>). Also call <c>services.AddIAmSmart(…)</c> for the client.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Changes the handler's settings.</param>
    public static AuthenticationBuilder AddIAmSmart(this AuthenticationBuilder builder, Action<IAmSmartAuthenticationOptions>? configure = null)
        => builder.AddIAmSmart(IAmSmartAuthenticationDefaults.AuthenticationScheme, IAmSmartAuthenticationDefaults.DisplayName, configure);

    /// <summary>Adds iAM Smart login under a scheme name of your choice.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The name shown on login pages.</param>
    /// <param name="configure">Changes the handler's settings.</param>
    public static AuthenticationBuilder AddIAmSmart(
        this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<IAmSmartAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<IAmSmartAuthenticationOptions>, IAmSmartPostConfigureOptions>());
        return builder.AddRemoteScheme<IAmSmartAuthenticationOptions, IAmSmartAuthenticationHandler>(authenticationScheme, displayName, configure);
    }
}
