using Microsoft.AspNetCore.Authentication;

namespace PayerTrustGateway.Partners;

/// <summary>Options of the partner certificate scheme. Its trust material lives in <see cref="PartnersOptions"/>.</summary>
public sealed class PartnerCertificateAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "PartnerCertificate";
}
