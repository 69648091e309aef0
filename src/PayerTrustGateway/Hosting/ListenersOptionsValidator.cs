using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Hosting;

/// <summary>Validates <see cref="ListenersOptions"/>, including that the server certificate and key load.</summary>
internal sealed class ListenersOptionsValidator : IValidateOptions<ListenersOptions>
{
    private const string Prefix = ListenersOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ListenersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckEndpoint(options.Partner.Address, options.Partner.Port, "Partner", errors);
        CheckEndpoint(options.Admin.Address, options.Admin.Port, "Admin", errors);
        if (options.Partner.Port != 0 && options.Partner.Port == options.Admin.Port)
        {
            errors.Add($"{Prefix}:Admin:Port must differ from Partner:Port; the admin API never shares the partner listener.");
        }

        CheckServerCertificate(options.Partner, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckEndpoint(string address, int port, string listener, List<string> errors)
    {
        if (!IPAddress.TryParse(address, out _))
        {
            errors.Add($"{Prefix}:{listener}:Address '{address}' is not an IP address.");
        }

        if (port is < 0 or > 65535)
        {
            errors.Add($"{Prefix}:{listener}:Port must be between 0 and 65535 (is {port}).");
        }
    }

    private static void CheckServerCertificate(PartnerListenerOptions partner, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(partner.CertificatePath) || string.IsNullOrWhiteSpace(partner.KeyPath))
        {
            errors.Add($"{Prefix}:Partner:CertificatePath and KeyPath are required: the partner listener only speaks TLS. (For a local trial, run the 'sandbox' command, which generates them.)");
            return;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPemFile(partner.CertificatePath, partner.KeyPath);
            if (!certificate.HasPrivateKey)
            {
                errors.Add($"{Prefix}:Partner:KeyPath does not hold the private key of the certificate in CertificatePath.");
            }
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            errors.Add($"{Prefix}:Partner:CertificatePath/KeyPath could not be loaded as a PEM certificate and key ({exception.GetType().Name}).");
        }
    }
}
