namespace PayerTrustGateway.Partners;

/// <summary>Why an OCSP check gave no definitive answer (RFC 6960 §3.2 lists what a client must verify).</summary>
internal enum OcspFailure
{
    /// <summary>The answer was definitive (good or revoked).</summary>
    None,

    /// <summary>Neither a configured ResponderUrl nor an http(s) AIA id-ad-ocsp URL in the certificate.</summary>
    NoResponder,

    /// <summary>The issuing CA of the certificate is not known (the chain ends at the certificate itself).</summary>
    NoIssuer,

    /// <summary>The responder did not answer within the partner's timeout.</summary>
    Timeout,

    /// <summary>The responder could not be reached, answered an HTTP error or a body that is not <c>application/ocsp-response</c>.</summary>
    Unreachable,

    /// <summary>The body is not a well-formed OCSPResponse carrying a BasicOCSPResponse.</summary>
    Malformed,

    /// <summary>responseStatus is not successful (malformedRequest, internalError, tryLater, sigRequired, unauthorized).</summary>
    Unsuccessful,

    /// <summary>No key the issuer vouches for verifies the response signature.</summary>
    SignatureInvalid,

    /// <summary>The signing certificate is not the issuing CA nor a current delegate issued directly by it with id-kp-OCSPSigning (§4.2.2.2).</summary>
    UnauthorizedSigner,

    /// <summary>The response holds no SingleResponse for the CertID that was asked about.</summary>
    CertificateIdMismatch,

    /// <summary>The response echoes a nonce other than the one sent (§4.4.1).</summary>
    NonceMismatch,

    /// <summary>thisUpdate lies in the future beyond the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>thisUpdate is older than MaxResponseAge, or nextUpdate has passed.</summary>
    Stale,

    /// <summary>The responder answered "unknown" for the certificate.</summary>
    StatusUnknown,
}
