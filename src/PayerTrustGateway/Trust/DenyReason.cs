namespace PayerTrustGateway.Trust;

/// <summary>
/// Every way the gateway refuses a request. Closed vocabulary: each member maps to exactly one
/// status, challenge and OperationOutcome in <see cref="DenialCatalog"/>.
/// </summary>
internal enum DenyReason
{
    /// <summary>Not denied.</summary>
    None = 0,

    /// <summary>The request target is not in origin form, carries a fragment, or cannot be parsed.</summary>
    RequestTargetMalformed,

    /// <summary>The path is ambiguous: encoded slash, backslash or dot, double encoding, dot segments or empty segments.</summary>
    PathNotCanonical,

    /// <summary>The request target contains NUL or another control character, raw or percent-encoded.</summary>
    ControlCharacter,

    /// <summary>The request target is longer than the configured limit.</summary>
    RequestTargetTooLong,

    /// <summary>The request headers are larger than the configured limit.</summary>
    HeadersTooLarge,

    /// <summary>A header that must appear at most once (Authorization, DPoP, Host, Content-Length) appears several times.</summary>
    DuplicateSingletonHeader,

    /// <summary>Both Content-Length and Transfer-Encoding are present (RFC 9112 §6.1).</summary>
    ConflictingMessageFraming,

    /// <summary>No client certificate was presented on the TLS connection.</summary>
    ClientCertificateMissing,

    /// <summary>The client certificate could not be parsed (for example a malformed subject alternative name).</summary>
    ClientCertificateMalformed,

    /// <summary>The client certificate does not chain to the trust anchors of the partner it claims to belong to.</summary>
    ClientCertificateUntrusted,

    /// <summary>The client certificate's notAfter is in the past.</summary>
    ClientCertificateExpired,

    /// <summary>The client certificate's notBefore is in the future.</summary>
    ClientCertificateNotYetValid,

    /// <summary>The client certificate lacks the clientAuth extended key usage.</summary>
    ClientCertificateWrongUsage,

    /// <summary>The client certificate, or a CA certificate in its chain, is listed on its issuer's CRL; or the issuer's OCSP responder says the certificate is revoked; or it was revoked at the gateway.</summary>
    ClientCertificateRevoked,

    /// <summary>Revocation checking is on and no current, correctly signed CRL covers the certificate's issuer, or (OCSP, fail-closed) the responder gave no definitive answer.</summary>
    RevocationStatusUnknown,

    /// <summary>The certificate's identities match no registered workload.</summary>
    WorkloadNotRegistered,

    /// <summary>The certificate's identities match more than one registered workload.</summary>
    WorkloadAmbiguous,

    /// <summary>The partner organisation is not active.</summary>
    PartnerNotActive,

    /// <summary>The workload is not active.</summary>
    WorkloadNotActive,

    /// <summary>The workload is pinned to attached certificates and this is not one of them.</summary>
    ClientCertificateNotAttached,

    /// <summary>The certificate was retired from its workload (rotation).</summary>
    ClientCertificateRetired,

    /// <summary>The workload's registration has passed its expiry date.</summary>
    WorkloadExpired,

    /// <summary>The workload's certification is overdue past the grace period.</summary>
    WorkloadCertificationOverdue,

    /// <summary>The route requires a posture signal and the partner has none.</summary>
    PostureMissing,

    /// <summary>The partner's latest posture signal is older than the route allows.</summary>
    PostureStale,

    /// <summary>The partner's assessed risk is above what the route allows.</summary>
    PostureRiskTooHigh,

    /// <summary>The certificate is good but no access token was presented (RFC 6750 §3.1: no error code).</summary>
    TokenMissing,

    /// <summary>The credentials are carried wrongly: several, in the query or body, or an unknown or malformed scheme (RFC 6750 §3.1 invalid_request).</summary>
    TokenRequestMalformed,

    /// <summary>The access token failed validation: format, signature, algorithm, type, issuer, audience, critical headers or required claims.</summary>
    TokenInvalid,

    /// <summary>The access token is expired or not yet valid (exp / nbf beyond the allowed skew) or lives longer than the issuer allows.</summary>
    TokenExpired,

    /// <summary>The issuer's signing keys could not be obtained (JWKS unreachable, no cached key): fail closed.</summary>
    TokenIssuerUnavailable,

    /// <summary>The token was issued to a client that is not the workload the certificate identifies.</summary>
    TokenClientMismatch,

    /// <summary>The route requires a sender-constrained token and the token carries no <c>cnf</c> binding (RFC 8705, RFC 9449).</summary>
    TokenNotSenderConstrained,

    /// <summary>The token's <c>cnf.x5t#S256</c> is not the thumbprint of the presented certificate (RFC 8705 §3).</summary>
    TokenCertificateMismatch,

    /// <summary>A DPoP-bound token was presented with the Bearer scheme, or a Bearer token with the DPoP scheme (RFC 9449 §7.1, §7.2).</summary>
    TokenSchemeMismatch,

    /// <summary>A single-use token was presented again.</summary>
    TokenReplayed,

    /// <summary>The DPoP proof is missing, malformed, or fails a check of RFC 9449 §4.3 (typ, alg, jwk, signature, htm, htu, iat, ath, jkt).</summary>
    DpopProofInvalid,

    /// <summary>The DPoP proof's jti was seen before (RFC 9449 §11.1).</summary>
    DpopProofReplayed,

    /// <summary>The server requires a DPoP nonce and the proof has none or a stale one (RFC 9449 §9).</summary>
    DpopNonceRequired,

    /// <summary>The request body is larger than the policy classifies (413).</summary>
    RequestBodyTooLarge,

    /// <summary>The request is not a well-formed FHIR REST request (unknown path shape, malformed Bundle).</summary>
    FhirRequestMalformed,

    /// <summary>The workload's actor kind (system vs human-operated app) is not admitted on this route.</summary>
    ActorKindNotAllowed,

    /// <summary>The token's scopes do not cover the request (RFC 6750 §3.1 insufficient_scope, SMART S7.4).</summary>
    ScopeInsufficient,

    /// <summary>The token carries no purpose of use this route admits.</summary>
    PurposeOfUseNotAllowed,

    /// <summary>The FHIR interaction (or a batch/transaction entry's) is not admitted on this route.</summary>
    InteractionNotAllowed,

    /// <summary>The resource type is not admitted on this route.</summary>
    ResourceTypeNotAllowed,

    /// <summary>The operation is not admitted on this route.</summary>
    OperationNotAllowed,

    /// <summary>A widening parameter (_include, _revinclude, _type, chain, _has, _contained, _query) reaches types the route does not admit, or cannot be bounded.</summary>
    WideningNotAllowed,

    /// <summary>The route requires a member context (one Patient) and the request names none.</summary>
    MemberContextRequired,

    /// <summary>No consent on record covers this member for the calling partner (S8.5).</summary>
    ConsentMissing,

    /// <summary>The member's consents name other partners only. Answered exactly like <see cref="ConsentMissing"/> (S0.3: the caller learns nothing about other partners); the distinction is kept for the decision log and audit.</summary>
    ConsentPartnerMismatch,

    /// <summary>The partner's consent for this member was revoked.</summary>
    ConsentRevoked,

    /// <summary>The partner's consent for this member has passed its period end.</summary>
    ConsentExpired,

    /// <summary>The partner's consent for this member has not started yet.</summary>
    ConsentNotInEffect,

    /// <summary>The token's purpose of use is not one the consent authorises.</summary>
    ConsentPurposeMismatch,

    /// <summary>The request touches a data class the consent does not cover.</summary>
    ConsentDataClassNotCovered,

    /// <summary>The request touches sensitive data and the consent is the HRex regular (non-sensitive) policy.</summary>
    ConsentSensitiveNotCovered,

    /// <summary>The backend answered with a resource outside the member's compartment or the consent; the response was withheld.</summary>
    ResponseOutsideConsent,

    /// <summary>The consent registry could not be read; nothing was forwarded (fail closed, 503).</summary>
    ConsentStoreUnavailable,

    /// <summary>The downstream token was refused: the security token service declined the exchange, answered outside the request (wider scope, wrong token type), or the partner token's <c>may_act</c> does not name the gateway (S6.3, S6.5, S6.6; 403).</summary>
    TokenExchangeRefused,

    /// <summary>No downstream token could be obtained: the external security token service is unreachable, timed out, failing or its circuit is open (S6.6; 503).</summary>
    TokenExchangeUnavailable,

    /// <summary>The workload exceeded the route's rate limit (429).</summary>
    RateLimited,

    /// <summary>The route's trust policy does not admit this partner workload.</summary>
    PolicyNotAdmitted,

    /// <summary>The matched route names no trust policy that exists (configuration fault; default deny).</summary>
    PolicyMissing,

    /// <summary>An admin endpoint was called without a bearer token (RFC 6750 §3.1: no error code).</summary>
    AdminTokenMissing,

    /// <summary>The admin bearer token failed validation: signature, algorithm, issuer (a partner's or the gateway's own is never accepted), audience, lifetime or subject.</summary>
    AdminTokenInvalid,

    /// <summary>The admin token is valid but carries none of the roles the admin endpoint requires.</summary>
    AdminRoleMissing,

    /// <summary>No route serves this path on this listener.</summary>
    RouteNotFound,

    /// <summary>The backend could not be reached or failed while answering.</summary>
    BackendUnavailable,

    /// <summary>The backend did not answer in time.</summary>
    BackendTimeout,

    /// <summary>An unexpected fault inside the gateway; the request was not forwarded.</summary>
    InternalError,
}
