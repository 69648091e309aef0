using Microsoft.AspNetCore.Authentication;

namespace PayerTrustGateway.Tokens;

/// <summary>Options of the access-token scheme. Its settings live in <see cref="IssuersOptions"/> and <see cref="TokensOptions"/>.</summary>
public sealed class PartnerTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "PartnerToken";
}
