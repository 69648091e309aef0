namespace PayerTrustGateway.Policy;

/// <summary>
/// What a route admits, and for what (default deny: anything not listed is refused). A request is
/// allowed only when its workload is admitted (by partner, workload or tag), its token is
/// sender-constrained (unless relaxed), and every FHIR interaction, resource type, operation and
/// widening parameter it carries is admitted and covered by the token's SMART scopes.
/// </summary>
public sealed class TrustPolicyOptions
{
    /// <summary>Partner ids whose every active workload is admitted.</summary>
    public List<string> Partners { get; set; } = [];

    /// <summary>Workloads admitted individually, as "partnerId/workloadId".</summary>
    public List<string> Workloads { get; set; } = [];

    /// <summary>Workloads carrying any of these tags (<c>Workloads:{id}:Tags</c>) are admitted.</summary>
    public List<string> WorkloadTags { get; set; } = [];

    /// <summary>Admitted actor kinds: <c>System</c> (a nonhuman workload) and/or <c>HumanOperatedApp</c>. Empty (default): System only.</summary>
    /// <remarks>Defaults live in <see cref="TrustPolicy"/>, not in this list: the configuration binder appends to a pre-filled list.</remarks>
    public List<ActorKind> ActorKinds { get; set; } = [];

    /// <summary>
    /// Admitted FHIR interactions: read, vread, search-type, search-system, search-compartment, history,
    /// create, update, patch, delete, batch, transaction, capabilities, operation, graphql.
    /// Empty (default): read, vread, search-type, search-compartment, capabilities.
    /// </summary>
    public List<string> Interactions { get; set; } = [];

    /// <summary>Admitted resource types (also for everything _include, _revinclude, _type, chains and _has reach). "*" admits all. Required.</summary>
    public List<string> ResourceTypes { get; set; } = [];

    /// <summary>Admitted operations, without '$' (e.g. everything, member-match, export).</summary>
    public List<string> Operations { get; set; } = [];

    /// <summary>Scopes the token must carry, all of them (SMART v1 or v2 system/ syntax).</summary>
    public List<string> RequiredScopes { get; set; } = [];

    /// <summary>The token's SMART system/ scopes must cover each touched type with the interaction's permission (S7.4). Default on.</summary>
    public bool EnforceSmartScopes { get; set; } = true;

    /// <summary>When set, the token's <c>purpose_of_use</c> must include one of these (e.g. the UDAP B2B purposes).</summary>
    public List<string> PurposesOfUse { get; set; } = [];

    /// <summary>Every request (and batch entry) must target one member: Patient/[id], a Patient compartment, or patient/subject/beneficiary.</summary>
    public bool RequireMemberContext { get; set; }

    /// <summary>
    /// Every member request needs a live consent (S8.5) covering this member, the calling partner, the
    /// token's purpose of use and the data the request touches (<c>TrustGateway:Consent</c>), and answers are
    /// checked by the response guard. Implies <see cref="RequireMemberContext"/>.
    /// </summary>
    public bool RequireConsent { get; set; }

    /// <summary>
    /// Require a sender-constrained access token (RFC 8705 certificate-bound or RFC 9449 DPoP-bound).
    /// Default on (STANDARDS S1.6); turning it off admits bearer tokens on this route.
    /// </summary>
    public bool RequireSenderConstrainedToken { get; set; } = true;

    /// <summary>Each access token may be used once on this route (its jti is recorded in the replay cache until exp).</summary>
    public bool SingleUseTokens { get; set; }

    /// <summary>Requests per minute per workload on routes with this policy; 0 = no limit. Over it → 429.</summary>
    public int RateLimitPerMinute { get; set; }

    /// <summary><c>Enforce</c> (default) or <c>Shadow</c>: a shadow policy is evaluated beside <see cref="ShadowOf"/> and never changes a response.</summary>
    public PolicyMode Mode { get; set; } = PolicyMode.Enforce;

    /// <summary>For a shadow policy: the enforced policy it is compared with.</summary>
    public string? ShadowOf { get; set; }

    /// <summary>The FHIR base path of the routes using this policy. Default <c>/fhir</c>.</summary>
    public string FhirBase { get; set; } = "/fhir";

    /// <summary>Largest request body read to classify a Bundle or form search. Default 1 MiB; larger → 413.</summary>
    public int MaxClassifiedBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Highest partner risk level (<c>Low</c>, <c>Moderate</c>, <c>High</c>, <c>Critical</c>) admitted, from the
    /// latest posture signal (admin API). Set, or <see cref="MaxPostureAge"/> set: a partner with no signal is refused (403).
    /// </summary>
    public Governance.PostureRisk? MaxPostureRisk { get; set; }

    /// <summary>Oldest posture signal admitted (by its attestation time); older → 403 <c>partner-posture-stale</c>.</summary>
    public TimeSpan? MaxPostureAge { get; set; }
}

/// <summary>Who operates a workload.</summary>
public enum ActorKind
{
    /// <summary>A nonhuman system workload (payer-to-payer exchange).</summary>
    System,

    /// <summary>An app a person operates.</summary>
    HumanOperatedApp,
}

/// <summary>Whether a policy decides responses.</summary>
public enum PolicyMode
{
    /// <summary>Decides.</summary>
    Enforce,

    /// <summary>Evaluated and compared only.</summary>
    Shadow,
}
