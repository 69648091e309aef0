using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>
/// The OCSP step of certificate authentication, after <see cref="PartnerCertificateValidator"/> accepted the
/// certificate: for a partner with OCSP enabled, asks about the presented leaf and turns the answer into a
/// refusal — revoked → <see cref="DenyReason.ClientCertificateRevoked"/>; no definitive answer →
/// <see cref="DenyReason.RevocationStatusUnknown"/>, unless the partner is fail-open, in which case the request
/// goes on, logged (thumbprint only) and counted. Partners without OCSP complete synchronously.
/// </summary>
internal sealed class OcspEnforcement
{
    private readonly OcspClient _client;
    private readonly OcspMetrics _metrics;
    private readonly ILogger<OcspEnforcement> _logger;

    public OcspEnforcement(OcspClient client, OcspMetrics metrics, ILogger<OcspEnforcement> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _metrics = metrics;
        _logger = logger;
    }

    /// <param name="certificate">The presented leaf.</param>
    /// <param name="issuer">Its issuing CA, from the partner's configured trust material (<see cref="CertificateValidationResult.Issuer"/>).</param>
    /// <param name="partner">The partner the certificate authenticated as.</param>
    /// <param name="thumbprint">The leaf's <c>x5t#S256</c>, for the fail-open log line.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The refusal (or <see cref="DenyReason.None"/>) and the audit evidence (null when OCSP is off).</returns>
    public async ValueTask<(DenyReason Reason, string? Evidence)> EnforceAsync(
        X509Certificate2 certificate, X509Certificate2? issuer, RegisteredPartner partner, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        if (partner.Ocsp is not { } policy)
        {
            return (DenyReason.None, null);
        }

        var answer = await _client.CheckAsync(certificate, issuer, policy, cancellationToken);
        _metrics.Checked(partner.Id, answer);
        var outcome = OcspMetrics.Outcome(answer);
        switch (answer.Status)
        {
            case RevocationCheck.Good:
                return (DenyReason.None, $"ocsp={outcome}");
            case RevocationCheck.Revoked:
                return (DenyReason.ClientCertificateRevoked, $"ocsp={outcome}");
            case RevocationCheck.Unknown when policy.FailOpen:
                _logger.OcspFailedOpen(thumbprint, partner.Id, answer.Failure);
                _metrics.FailedOpen(partner.Id, answer.Failure);
                return (DenyReason.None, $"ocsp=fail-open:{outcome}");
            default:
                return (DenyReason.RevocationStatusUnknown, $"ocsp=unknown:{outcome}");
        }
    }
}
