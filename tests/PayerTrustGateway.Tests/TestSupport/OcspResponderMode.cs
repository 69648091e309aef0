namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>How a <see cref="FakeOcspResponder"/> answers.</summary>
public enum OcspResponderMode
{
    /// <summary>good, signed by the CA (or the delegated signer), thisUpdate now, nonce echoed.</summary>
    Good,

    /// <summary>revoked (keyCompromise an hour ago).</summary>
    Revoked,

    /// <summary>unknown.</summary>
    Unknown,

    /// <summary>good, but signed by a freshly generated key no one vouches for.</summary>
    WrongKey,

    /// <summary>good, with thisUpdate two days ago.</summary>
    Stale,

    /// <summary>good, with thisUpdate an hour ahead.</summary>
    FromTheFuture,

    /// <summary>good, echoing a nonce other than the one sent.</summary>
    NonceMismatch,

    /// <summary>good, without a nonce (an RFC 5019 pre-produced response).</summary>
    NoNonce,

    /// <summary>good, but for the next serial number instead of the one asked about.</summary>
    OtherCertificate,

    /// <summary>responseStatus tryLater.</summary>
    TryLater,

    /// <summary>bytes that are not an OCSPResponse, as application/ocsp-response.</summary>
    Garbage,

    /// <summary>HTTP 500.</summary>
    ServerError,

    /// <summary>never answers, until the client gives up or the responder is disposed.</summary>
    Hang,
}
