using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Admin;

/// <summary>Registers the admin listener's authentication: the JWT bearer handler under <see cref="AdminAccessOptions.AuthenticationScheme"/>.</summary>
internal static class AdminAccessRegistration
{
    public static AuthenticationBuilder AddAdminToken(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        authentication.AddJwtBearer(AdminAccessOptions.AuthenticationScheme, static _ => { });
        // Registered after AddJwtBearer's own setup, so these settings are the last word before post-configuration.
        authentication.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, AdminTokenOptionsSetup>();
        authentication.Services.AddSingleton<IOptionsChangeTokenSource<JwtBearerOptions>, AdminTokenOptionsChangeSource>();
        authentication.Services.AddSingleton<AdminTokenEvents>();
        return authentication;
    }
}
