using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

internal static partial class PartnersLog
{
    [LoggerMessage(3001, LogLevel.Information, "Client certificate {Thumbprint} rejected: {Reason} (workload {WorkloadId})")]
    public static partial void CertificateRejected(this ILogger logger, string thumbprint, DenyReason reason, string workloadId);

    [LoggerMessage(3002, LogLevel.Debug, "Client certificate {Thumbprint} authenticated as workload {WorkloadId}")]
    public static partial void CertificateAccepted(this ILogger logger, string thumbprint, string workloadId);

    [LoggerMessage(3003, LogLevel.Debug, "Request {RequestId} carried no client certificate")]
    public static partial void CertificateMissing(this ILogger logger, string requestId);

    [LoggerMessage(3004, LogLevel.Information, "Partner registry reloaded: {PartnerCount} partners")]
    public static partial void PartnerRegistryReloaded(this ILogger logger, int partnerCount);

    [LoggerMessage(3005, LogLevel.Error, "Partner registry reload rejected; the last good registry keeps serving. Problems: {Problems}")]
    public static partial void PartnerRegistryReloadRejected(this ILogger logger, string problems);

    [LoggerMessage(3006, LogLevel.Warning, "Client certificate could not be parsed (request {RequestId})")]
    public static partial void CertificateUnreadable(this ILogger logger, string requestId);

    [LoggerMessage(3007, LogLevel.Warning, "Partner estate: {Problem}")]
    public static partial void PartnerEstateProblem(this ILogger logger, string problem);

    [LoggerMessage(3008, LogLevel.Warning, "OCSP responder {Responder} gave no definitive answer: {Failure}")]
    public static partial void OcspNoDefinitiveAnswer(this ILogger logger, string responder, OcspFailure failure);

    [LoggerMessage(3009, LogLevel.Warning, "Client certificate {Thumbprint} of partner {PartnerId} allowed without a definitive OCSP answer ({Failure}): the partner's OCSP is fail-open")]
    public static partial void OcspFailedOpen(this ILogger logger, string thumbprint, string partnerId, OcspFailure failure);
}
