using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Authenticates the TLS client certificate as one partner workload. TLS accepts any certificate so
/// that every refusal can be answered here, in FHIR, with what to fix; all trust decisions are made by
/// <see cref="PartnerCertificateValidator"/> against the partner's own anchors, on every request, and then,
/// for partners that enable it, by OCSP on the leaf (<see cref="OcspEnforcement"/>, asynchronous).
/// No certificate → NoResult (the challenge says none was sent); a rejected one → Fail.
/// </summary>
internal sealed class PartnerCertificateAuthenticationHandler : AuthenticationHandler<PartnerCertificateAuthenticationOptions>
{
    private readonly PartnerRegistry _registry;
    private readonly DenialResponseWriter _denials;
    private readonly OcspEnforcement _ocsp;
    private readonly TimeProvider _time;

    public PartnerCertificateAuthenticationHandler(
        IOptionsMonitor<PartnerCertificateAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        PartnerRegistry registry,
        DenialResponseWriter denials,
        OcspEnforcement ocsp,
        TimeProvider time)
        : base(options, logger, encoder)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(ocsp);
        ArgumentNullException.ThrowIfNull(time);
        _registry = registry;
        _denials = denials;
        _ocsp = ocsp;
        _time = time;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var trust = Context.Features.Get<TrustContext>();
        if (trust is null)
        {
            // The hygiene stage opens the TrustContext; without it the pipeline is miswired: fail closed.
            return AuthenticateResult.Fail("Request did not pass request hygiene.");
        }

        var certificate = Context.Connection.ClientCertificate;
        if (certificate is null)
        {
            trust.Denial = DenyReason.ClientCertificateMissing;
            Logger.CertificateMissing(trust.RequestId);
            return AuthenticateResult.NoResult();
        }

        var result = PartnerCertificateValidator.Validate(certificate, _registry.Current, _time.GetUtcNow(), Context.Features.Get<ChainVerdictCache>());
        var thumbprint = result.Facts?.Thumbprint ?? "unreadable";
        trust.CertificateThumbprint = result.Facts?.Thumbprint;
        trust.CertificateNotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (!result.Succeeded)
        {
            return Reject(trust, thumbprint, result.Reason, result.Workload);
        }

        // Validate succeeded, so both are set.
        var workload = result.Workload!;

        // OCSP (partners that enable it) asks the issuer's responder about the leaf, so it runs only for a
        // certificate the validator accepted: an untrusted certificate never makes the gateway call out.
        var (ocspReason, ocspEvidence) = await _ocsp.EnforceAsync(certificate, result.Issuer, workload.Partner, thumbprint, Context.RequestAborted);
        trust.RevocationEvidence = ocspEvidence;
        if (ocspReason != DenyReason.None)
        {
            return Reject(trust, thumbprint, ocspReason, workload);
        }

        trust.Workload = new WorkloadIdentity(workload.Partner.Id, workload.Id, thumbprint, certificate.RawDataMemory);
        Logger.CertificateAccepted(thumbprint, workload.QualifiedId);

        var identity = new ClaimsIdentity(
            [
                new Claim(PartnerClaimTypes.PartnerId, workload.Partner.Id, ClaimValueTypes.String, ClaimsIssuer),
                new Claim(PartnerClaimTypes.WorkloadId, workload.Id, ClaimValueTypes.String, ClaimsIssuer),
                new Claim(PartnerClaimTypes.CertificateThumbprint, thumbprint, ClaimValueTypes.String, ClaimsIssuer),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var trust = Context.Features.Get<TrustContext>();
        var reason = trust?.Denial ?? DenyReason.None;
        if (reason == DenyReason.None)
        {
            // Authentication threw before it reached a verdict (the base class turned it into a
            // failure): refuse without claiming a cause we did not establish.
            reason = Context.Connection.ClientCertificate is null ? DenyReason.ClientCertificateMissing : DenyReason.InternalError;
        }

        await _denials.WriteAsync(Context, reason);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await _denials.WriteRecordedAsync(Context, DenyReason.PolicyNotAdmitted);

    private AuthenticateResult Reject(TrustContext trust, string thumbprint, DenyReason reason, RegisteredWorkload? workload)
    {
        trust.Denial = reason;
        Logger.CertificateRejected(thumbprint, reason, workload?.QualifiedId ?? "none");
        return AuthenticateResult.Fail(DenialCatalog.Descriptors[reason].Code);
    }
}
