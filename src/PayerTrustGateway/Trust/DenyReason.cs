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

    /// <summary>The client certificate, or a CA certificate in its chain, is listed on its issuer's CRL.</summary>
    ClientCertificateRevoked,

    /// <summary>Revocation checking is on and no current, correctly signed CRL covers the certificate's issuer.</summary>
    RevocationStatusUnknown,

    /// <summary>The certificate's identities match no registered workload.</summary>
    WorkloadNotRegistered,

    /// <summary>The certificate's identities match more than one registered workload.</summary>
    WorkloadAmbiguous,

    /// <summary>The partner organisation is not active.</summary>
    PartnerNotActive,

    /// <summary>The workload is not active.</summary>
    WorkloadNotActive,

    /// <summary>The route's trust policy does not admit this partner workload.</summary>
    PolicyNotAdmitted,

    /// <summary>The matched route names no trust policy that exists (configuration fault; default deny).</summary>
    PolicyMissing,

    /// <summary>No route serves this path on this listener.</summary>
    RouteNotFound,

    /// <summary>The backend could not be reached or failed while answering.</summary>
    BackendUnavailable,

    /// <summary>The backend did not answer in time.</summary>
    BackendTimeout,

    /// <summary>An unexpected fault inside the gateway; the request was not forwarded.</summary>
    InternalError,
}
