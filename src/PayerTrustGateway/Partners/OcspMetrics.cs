using System.Diagnostics.Metrics;

namespace PayerTrustGateway.Partners;

/// <summary>OCSP metrics (meter <c>PayerTrustGateway</c>): checks by outcome, and requests let through without a definitive answer.</summary>
internal sealed class OcspMetrics
{
    private readonly Counter<long> _checks;
    private readonly Counter<long> _failOpen;

    public OcspMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns and disposes the meter.
#pragma warning disable CA2000
        var meter = meters.Create(Policy.PolicyMetrics.MeterName);
#pragma warning restore CA2000
        _checks = meter.CreateCounter<long>("ptg.partners.ocsp.checks", description: "OCSP checks of workload certificates by partner and outcome (good, revoked, or the reason there was no definitive answer).");
        _failOpen = meter.CreateCounter<long>("ptg.partners.ocsp.fail_open", description: "Requests allowed without a definitive OCSP answer because the partner's OCSP is fail-open, by partner and reason.");
    }

    public void Checked(string partnerId, OcspAnswer answer) => _checks.Add(
        1,
        new KeyValuePair<string, object?>("partner", partnerId),
        new KeyValuePair<string, object?>("outcome", Outcome(answer)));

    public void FailedOpen(string partnerId, OcspFailure failure) => _failOpen.Add(
        1,
        new KeyValuePair<string, object?>("partner", partnerId),
        new KeyValuePair<string, object?>("reason", Name(failure)));

    /// <summary>The outcome as metrics and audit evidence name it: <c>good</c>, <c>revoked</c> or the failure, e.g. <c>timeout</c>.</summary>
    public static string Outcome(OcspAnswer answer) => answer.Status switch
    {
        RevocationCheck.Good => "good",
        RevocationCheck.Revoked => "revoked",
        _ => Name(answer.Failure),
    };

    public static string Name(OcspFailure failure) => failure switch
    {
        OcspFailure.NoResponder => "no-responder",
        OcspFailure.NoIssuer => "no-issuer",
        OcspFailure.Timeout => "timeout",
        OcspFailure.Unreachable => "unreachable",
        OcspFailure.Malformed => "malformed",
        OcspFailure.Unsuccessful => "unsuccessful",
        OcspFailure.SignatureInvalid => "signature-invalid",
        OcspFailure.UnauthorizedSigner => "unauthorized-signer",
        OcspFailure.CertificateIdMismatch => "certificate-id-mismatch",
        OcspFailure.NonceMismatch => "nonce-mismatch",
        OcspFailure.NotYetValid => "not-yet-valid",
        OcspFailure.Stale => "stale",
        OcspFailure.StatusUnknown => "status-unknown",
        _ => "none",
    };
}
