namespace PayerTrustGateway.Trust;

/// <summary>
/// What the pipeline has established about one request, carried on <c>HttpContext.Features</c>.
/// Each stage adds its evidence once; later stages read it and never re-derive it.
/// </summary>
internal sealed class TrustContext
{
    /// <summary>The gateway's id for this request, echoed as <c>X-Request-Id</c> and sent downstream.</summary>
    public required string RequestId { get; init; }

    /// <summary>The authenticated partner workload, once certificate authentication succeeded.</summary>
    public WorkloadIdentity? Workload { get; set; }

    /// <summary>The validated access token, once token authentication succeeded.</summary>
    public TokenIdentity? Token { get; set; }

    /// <summary>The scheme the client used for its token (decides the challenge scheme on refusal).</summary>
    public TokenScheme PresentedScheme { get; set; }

    /// <summary>A fresh DPoP nonce to send with a <c>use_dpop_nonce</c> refusal (RFC 9449 §9).</summary>
    public string? DpopNonce { get; set; }

    /// <summary>For an insufficient_scope refusal: a scope that would have sufficed (RFC 6750 §3).</summary>
    public string? RequiredScope { get; set; }

    /// <summary>For a rate-limit refusal: seconds until the window resets.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>The route policy in force for this request, once the policy stage found it.</summary>
    public Policy.TrustPolicy? RoutePolicy { get; set; }

    /// <summary>The classified FHIR request, once the policy stage read it.</summary>
    public Fhir.FhirRequest? FhirRequest { get; set; }

    /// <summary>The route policy's decision.</summary>
    public Policy.PolicyDecision? PolicyDecision { get; set; }

    /// <summary>The live-consent decision, on routes that require consent.</summary>
    public Consent.ConsentDecision? ConsentDecision { get; set; }

    /// <summary>The member the request is scoped to, on routes that require consent.</summary>
    public string? MemberKey { get; set; }

    /// <summary>The token sent downstream instead of the partner's, once the exchange stage obtained it.</summary>
    public Exchange.DownstreamToken? DownstreamToken { get; set; }

    /// <summary>RFC 8705 <c>x5t#S256</c> of the presented client certificate, when it could be read (also when it was refused).</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>The presented client certificate's notAfter, when it could be read.</summary>
    public DateTimeOffset? CertificateNotAfter { get; set; }

    /// <summary>What the OCSP check of the certificate found (<c>ocsp=good</c>, <c>ocsp=revoked</c>, <c>ocsp=unknown:…</c>, <c>ocsp=fail-open:…</c>), when the partner uses OCSP.</summary>
    public string? RevocationEvidence { get; set; }

    /// <summary>How long the live-consent stage took, when it ran.</summary>
    public TimeSpan? ConsentElapsed { get; set; }

    /// <summary>Shadow policies that decided differently from the enforced one, as <c>policy:reason</c>.</summary>
    public List<string>? ShadowDisagreements { get; set; }

    /// <summary>The exception or break-glass grant that let this request through, flagged in its audit record.</summary>
    public Governance.AccessGrant? Grant { get; set; }

    /// <summary>The first reason this request was refused, if any.</summary>
    public DenyReason Denial { get; set; }
}
