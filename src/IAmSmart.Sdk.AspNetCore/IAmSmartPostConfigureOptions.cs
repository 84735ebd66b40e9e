using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace IAmSmart.Sdk.AspNetCore;

/// <summary>Fills in the data protection of <see cref="IAmSmartAuthenticationOptions"/> when the application did not.</summary>
internal sealed class IAmSmartPostConfigureOptions(IDataProtectionProvider dataProtection) : IPostConfigureOptions<IAmSmartAuthenticationOptions>
{
    public void PostConfigure(string? name, IAmSmartAuthenticationOptions options)
    {
        options.DataProtectionProvider ??= dataProtection;
        options.StateDataFormat ??= new PropertiesDataFormat(
            options.DataProtectionProvider.CreateProtector(typeof(IAmSmartAuthenticationHandler).FullName!, name ?? string.Empty, "v1"));
    }
}
