using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Trust;

/// <summary>
/// The one place that maps a <see cref="DenyReason"/> to status, challenge and client text.
/// Texts tell the caller what to fix and never carry request data, so the response bodies
/// are serialized once at start-up.
/// </summary>
internal static class DenialCatalog
{
    private const string InvalidToken = "invalid_token";

    // Declared before Descriptors (static initializers run in order). One answer for "no consent" and "consent of another partner" (S0.3).
    private static readonly DenialDescriptor ConsentMissing = Forbidden("consent-missing",
        "No consent on record authorises your organisation to receive this member's data. Send the member's consent (HRex Consent) to the payer first.");

    public static readonly FrozenDictionary<DenyReason, DenialDescriptor> Descriptors = new Dictionary<DenyReason, DenialDescriptor>
    {
        [DenyReason.RequestTargetMalformed] = Bad("request-target-malformed", OperationOutcome.IssueType.Structure,
            "The request target must be a path in origin form ('/fhir/...') without a fragment."),
        [DenyReason.PathNotCanonical] = Bad("path-not-canonical", OperationOutcome.IssueType.Structure,
            "The request path is ambiguous. Send it without encoded '/', '\\' or '.', double encoding, '.' or '..' segments, or empty segments."),
        [DenyReason.ControlCharacter] = Bad("control-character", OperationOutcome.IssueType.Structure,
            "The request target contains a NUL or control character, raw or percent-encoded. Remove it."),
        [DenyReason.RequestTargetTooLong] = new(StatusCodes.Status414UriTooLong, "request-target-too-long", OperationOutcome.IssueType.TooLong,
            "The request target is longer than this gateway accepts. Use POST [type]/_search for long queries.", null),
        [DenyReason.HeadersTooLarge] = new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers-too-large", OperationOutcome.IssueType.TooLong,
            "The request headers are larger than this gateway accepts.", null),
        [DenyReason.DuplicateSingletonHeader] = Bad("duplicate-singleton-header", OperationOutcome.IssueType.Structure,
            "A header that may appear only once (Authorization, DPoP, Host, Content-Length) was sent more than once."),
        [DenyReason.ConflictingMessageFraming] = Bad("conflicting-message-framing", OperationOutcome.IssueType.Structure,
            "Send either Content-Length or Transfer-Encoding, not both."),

        [DenyReason.ClientCertificateMissing] = Unauthorized("client-certificate-missing", OperationOutcome.IssueType.Login,
            "No client certificate was presented. Connect with mutual TLS using the workload certificate registered for your organisation.", null),
        [DenyReason.ClientCertificateMalformed] = Unauthorized("client-certificate-malformed", OperationOutcome.IssueType.Login,
            "The client certificate could not be read. Present a well-formed X.509 workload certificate.", InvalidToken),
        [DenyReason.ClientCertificateUntrusted] = Unauthorized("client-certificate-untrusted", OperationOutcome.IssueType.Login,
            "The client certificate does not chain to a trust anchor registered for your organisation. Use a certificate issued by your registered CA, and send any intermediate the gateway was not given.", InvalidToken),
        [DenyReason.ClientCertificateExpired] = Unauthorized("client-certificate-expired", OperationOutcome.IssueType.Expired,
            "The client certificate has expired. Renew the workload certificate.", InvalidToken),
        [DenyReason.ClientCertificateNotYetValid] = Unauthorized("client-certificate-not-yet-valid", OperationOutcome.IssueType.Login,
            "The client certificate is not valid yet. Check its notBefore date and your issuing CA's clock.", InvalidToken),
        [DenyReason.ClientCertificateWrongUsage] = Unauthorized("client-certificate-wrong-usage", OperationOutcome.IssueType.Login,
            "The client certificate is not issued for TLS client authentication. Issue it with the clientAuth extended key usage.", InvalidToken),
        [DenyReason.ClientCertificateRevoked] = Unauthorized("client-certificate-revoked", OperationOutcome.IssueType.Login,
            "The client certificate has been revoked (by its issuer or by this payer). Use a current workload certificate.", InvalidToken),
        [DenyReason.RevocationStatusUnknown] = Unauthorized("revocation-status-unknown", OperationOutcome.IssueType.Login,
            "The revocation status of the client certificate cannot be established. Ask your partner contact to check the CRL registered for your CA and, where OCSP is used, that your CA's OCSP responder answers.", InvalidToken),
        [DenyReason.WorkloadNotRegistered] = Unauthorized("workload-not-registered", OperationOutcome.IssueType.Login,
            "The client certificate does not identify a registered workload. Its SAN URI, SAN DNS name or public key must match a workload registered for your organisation.", InvalidToken),
        [DenyReason.WorkloadAmbiguous] = Unauthorized("workload-ambiguous", OperationOutcome.IssueType.Login,
            "The client certificate matches more than one registered workload. Use a certificate that identifies exactly one workload.", InvalidToken),
        [DenyReason.PartnerNotActive] = Unauthorized("partner-not-active", OperationOutcome.IssueType.Login,
            "Your organisation's access is not active. Contact the payer's partner onboarding team.", InvalidToken),
        [DenyReason.WorkloadNotActive] = Unauthorized("workload-not-active", OperationOutcome.IssueType.Login,
            "This workload's access is not active. Contact the payer's partner onboarding team.", InvalidToken),
        [DenyReason.ClientCertificateNotAttached] = Unauthorized("client-certificate-not-attached", OperationOutcome.IssueType.Login,
            "This workload accepts only the certificates registered for it, and this is not one of them. Ask the payer's partner onboarding team to attach your new certificate.", InvalidToken),
        [DenyReason.ClientCertificateRetired] = Unauthorized("client-certificate-retired", OperationOutcome.IssueType.Login,
            "This certificate was retired from the workload after a rotation. Use the workload's current certificate.", InvalidToken),
        [DenyReason.WorkloadExpired] = Forbidden("workload-expired",
            "This workload's registration has expired. Ask its sponsor to have the registration extended."),
        [DenyReason.WorkloadCertificationOverdue] = Forbidden("workload-certification-overdue",
            "This workload's periodic access certification is overdue, so its access is suspended. Ask its sponsor to have it re-certified."),
        [DenyReason.PostureMissing] = Forbidden("partner-posture-missing",
            "This route requires a current security posture attestation for your organisation and none is on record. Send one through your partner contact."),
        [DenyReason.PostureStale] = Forbidden("partner-posture-stale",
            "Your organisation's security posture attestation is older than this route allows. Send a current one through your partner contact."),
        [DenyReason.PostureRiskTooHigh] = Forbidden("partner-posture-risk",
            "Your organisation's assessed security risk is above what this route allows."),

        [DenyReason.TokenMissing] = Unauthorized("token-missing", OperationOutcome.IssueType.Login,
            "No access token was presented. Obtain a certificate-bound token from the token endpoint and send it in the Authorization header.", null),
        [DenyReason.TokenRequestMalformed] = new(StatusCodes.Status400BadRequest, "token-request-malformed", OperationOutcome.IssueType.Structure,
            "Send exactly one access token, in the Authorization header, with the Bearer or DPoP scheme.", "invalid_request"),
        [DenyReason.TokenInvalid] = Unauthorized("token-invalid", OperationOutcome.IssueType.Login,
            "The access token is not valid for this gateway. Obtain a new token from your registered issuer.", InvalidToken),
        [DenyReason.TokenExpired] = Unauthorized("token-expired", OperationOutcome.IssueType.Expired,
            "The access token has expired or is not valid yet. Obtain a new token.", InvalidToken),
        [DenyReason.TokenIssuerUnavailable] = Unauthorized("token-issuer-unavailable", OperationOutcome.IssueType.Login,
            "The access token cannot be verified right now because its issuer's keys are unavailable. Retry later.", InvalidToken),
        [DenyReason.TokenClientMismatch] = Unauthorized("token-client-mismatch", OperationOutcome.IssueType.Login,
            "The access token was issued to a different client than the workload your certificate identifies.", InvalidToken),
        [DenyReason.TokenNotSenderConstrained] = Unauthorized("token-not-sender-constrained", OperationOutcome.IssueType.Login,
            "This API requires a sender-constrained token: bound to your client certificate (RFC 8705) or to a DPoP key (RFC 9449).", InvalidToken),
        [DenyReason.TokenCertificateMismatch] = Unauthorized("token-certificate-mismatch", OperationOutcome.IssueType.Login,
            "The access token is bound to a different certificate than the one presented. Use the certificate the token was issued to.", InvalidToken),
        [DenyReason.TokenSchemeMismatch] = Unauthorized("token-scheme-mismatch", OperationOutcome.IssueType.Login,
            "Present DPoP-bound tokens with the DPoP scheme and a DPoP proof, and other tokens with the Bearer scheme.", InvalidToken),
        [DenyReason.TokenReplayed] = Unauthorized("token-replayed", OperationOutcome.IssueType.Login,
            "This access token may be used only once and has been used already. Obtain a new token.", InvalidToken),
        [DenyReason.DpopProofInvalid] = new(StatusCodes.Status401Unauthorized, "dpop-proof-invalid", OperationOutcome.IssueType.Login,
            "The DPoP proof is missing or invalid. Send one fresh proof per request, signed by the token's key, for this method and URL.", "invalid_dpop_proof", DpopOnly: true),
        [DenyReason.DpopProofReplayed] = new(StatusCodes.Status401Unauthorized, "dpop-proof-replayed", OperationOutcome.IssueType.Login,
            "The DPoP proof was used before. Send a new proof with a fresh jti for every request.", "invalid_dpop_proof", DpopOnly: true),
        [DenyReason.DpopNonceRequired] = new(StatusCodes.Status401Unauthorized, "dpop-nonce-required", OperationOutcome.IssueType.Login,
            "Retry with a DPoP proof that carries the nonce from the DPoP-Nonce response header.", "use_dpop_nonce", DpopOnly: true),

        [DenyReason.RequestBodyTooLarge] = new(StatusCodes.Status413PayloadTooLarge, "request-body-too-large", OperationOutcome.IssueType.TooLong,
            "The request body is larger than this API accepts. Split the batch or transaction.", null),
        [DenyReason.FhirRequestMalformed] = Bad("fhir-request-malformed", OperationOutcome.IssueType.Structure,
            "The request is not a well-formed FHIR REST request (path, method, or batch/transaction Bundle)."),
        [DenyReason.ActorKindNotAllowed] = Forbidden("actor-kind-not-allowed", "This API admits only system workloads of the kind registered for it."),
        [DenyReason.ScopeInsufficient] = new(StatusCodes.Status403Forbidden, "scope-insufficient", OperationOutcome.IssueType.Forbidden,
            "The access token's scopes do not cover this request. Request a token with the system/ scope named in the WWW-Authenticate header.", "insufficient_scope"),
        [DenyReason.PurposeOfUseNotAllowed] = Forbidden("purpose-of-use-not-allowed", "The token's purpose of use is not one this API admits."),
        [DenyReason.InteractionNotAllowed] = Forbidden("interaction-not-allowed", "This FHIR interaction is not permitted on this API for your workload."),
        [DenyReason.ResourceTypeNotAllowed] = Forbidden("resource-type-not-allowed", "This resource type is not available on this API for your workload."),
        [DenyReason.OperationNotAllowed] = Forbidden("operation-not-allowed", "This FHIR operation is not permitted on this API for your workload."),
        [DenyReason.WideningNotAllowed] = Forbidden("widening-not-allowed",
            "A search parameter (_include, _revinclude, _type, chaining, _has, _contained or _query) reaches resource types this API does not make available. Remove it or name only permitted types."),
        [DenyReason.MemberContextRequired] = Forbidden("member-context-required",
            "This API serves one member per request: address Patient/[id], a Patient compartment, or a patient/subject/beneficiary parameter."),
        [DenyReason.ConsentMissing] = ConsentMissing,
        [DenyReason.ConsentPartnerMismatch] = ConsentMissing,
        [DenyReason.ConsentRevoked] = Forbidden("consent-revoked", "The member's consent for your organisation was revoked. Request a new consent from the member."),
        [DenyReason.ConsentExpired] = Forbidden("consent-expired", "The member's consent for your organisation has expired. Request a new consent from the member."),
        [DenyReason.ConsentNotInEffect] = Forbidden("consent-not-in-effect", "The member's consent for your organisation is not in effect yet (its period has not started)."),
        [DenyReason.ConsentPurposeMismatch] = Forbidden("consent-purpose-mismatch",
            "The member's consent does not authorise the purpose of use your access token carries. Request a token for a consented purpose."),
        [DenyReason.ConsentDataClassNotCovered] = Forbidden("consent-data-class-not-covered",
            "The member's consent does not cover the kind of data this request asks for. Ask only for consented data."),
        [DenyReason.ConsentSensitiveNotCovered] = Forbidden("consent-sensitive-not-covered",
            "This request reaches sensitive data and the member's consent covers non-sensitive data only (HRex regular policy)."),
        [DenyReason.ResponseOutsideConsent] = Forbidden("response-outside-consent",
            "The answer contained data outside the member's consent or compartment, so it was withheld. Narrow the request (for example remove _include or _revinclude)."),
        [DenyReason.ConsentStoreUnavailable] = new(StatusCodes.Status503ServiceUnavailable, "consent-unavailable", OperationOutcome.IssueType.Transient,
            "The gateway could not verify the member's consent, so the request was not forwarded. Retry later.", null),
        [DenyReason.TokenExchangeRefused] = Forbidden("token-exchange-refused",
            "The payer's token service would not issue a token for this request, so it was not forwarded. Check that your token may be used through this gateway and asks only for what this API serves."),
        [DenyReason.TokenExchangeUnavailable] = new(StatusCodes.Status503ServiceUnavailable, "token-exchange-unavailable", OperationOutcome.IssueType.Transient,
            "The gateway could not obtain a token for the FHIR service behind it, so the request was not forwarded. Retry later.", null),
        [DenyReason.RateLimited] = new(StatusCodes.Status429TooManyRequests, "rate-limited", OperationOutcome.IssueType.Throttled,
            "Too many requests from your workload on this API. Retry after the number of seconds in Retry-After.", null),

        [DenyReason.PolicyNotAdmitted] = new(StatusCodes.Status403Forbidden, "policy-not-admitted", OperationOutcome.IssueType.Forbidden,
            "This workload is not admitted to this API by the payer's access policy.", null),
        [DenyReason.PolicyMissing] = new(StatusCodes.Status403Forbidden, "policy-missing", OperationOutcome.IssueType.Forbidden,
            "This API has no access policy, so every request is refused.", null),
        [DenyReason.AdminTokenMissing] = Unauthorized("admin-token-missing", OperationOutcome.IssueType.Login,
            "The admin API requires a bearer token from the admin issuer. Send it in the Authorization header.", null),
        [DenyReason.AdminTokenInvalid] = Unauthorized("admin-token-invalid", OperationOutcome.IssueType.Login,
            "The admin bearer token is not valid here (issuer, audience, signature, lifetime or subject). Obtain a current token from the admin issuer.", InvalidToken),
        [DenyReason.AdminRoleMissing] = Forbidden("admin-role-missing", "Your admin token carries none of the roles this admin operation requires."),
        [DenyReason.RouteNotFound] = new(StatusCodes.Status404NotFound, "route-not-found", OperationOutcome.IssueType.NotFound,
            "No API is served at this path.", null),
        [DenyReason.BackendUnavailable] = new(StatusCodes.Status502BadGateway, "backend-unavailable", OperationOutcome.IssueType.Exception,
            "The FHIR service behind the gateway could not answer. Retry later.", null),
        [DenyReason.BackendTimeout] = new(StatusCodes.Status504GatewayTimeout, "backend-timeout", OperationOutcome.IssueType.Timeout,
            "The FHIR service behind the gateway did not answer in time. Retry later.", null),
        [DenyReason.InternalError] = new(StatusCodes.Status500InternalServerError, "internal-error", OperationOutcome.IssueType.Exception,
            "The gateway could not process the request; it was not forwarded. Quote the X-Request-Id header when reporting this.", null),
    }.ToFrozenDictionary();

    private static DenialDescriptor Forbidden(string code, string message) =>
        new(StatusCodes.Status403Forbidden, code, OperationOutcome.IssueType.Forbidden, message, null);

    private static DenialDescriptor Bad(string code, OperationOutcome.IssueType type, string message) =>
        new(StatusCodes.Status400BadRequest, code, type, message, null);

    private static DenialDescriptor Unauthorized(string code, OperationOutcome.IssueType type, string message, string? error) =>
        new(StatusCodes.Status401Unauthorized, code, type, message, error);
}
