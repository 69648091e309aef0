namespace PayerTrustGateway.Exchange;

/// <summary>
/// How the gateway obtains the token it forwards instead of the partner's (<c>TrustGateway:TokenExchange</c>,
/// STANDARDS S6). Each cluster names the audience of its tokens in <c>Metadata:DownstreamAudience</c>.
/// </summary>
public sealed class TokenExchangeOptions
{
    public const string SectionName = "TrustGateway:TokenExchange";

    /// <summary>The YARP cluster metadata key naming the <c>aud</c> of that cluster's downstream tokens.</summary>
    public const string AudienceMetadataKey = "DownstreamAudience";

    /// <summary><c>Mint</c> (default): the gateway signs the token itself (S6.8). <c>External</c>: RFC 8693 call to the payer's authorization server.</summary>
    public TokenExchangeMode Mode { get; set; } = TokenExchangeMode.Mint;

    /// <summary>Lifetime of minted tokens, never past the partner token's <c>exp</c>. 30 seconds to 1 hour; default 5 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>iss</c> of minted tokens. Default: the token service's issuer (the gateway).</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Reuse a minted token for requests shaped identically (workload, member, consent version, policy
    /// version, audience, scopes, purposes, actor chain). Off by default: each request's token then carries
    /// its own <c>jti</c> and decision id. When on, a reused token carries the decision id of the request
    /// that minted it (every request's own id still goes down as <c>X-Request-Id</c>).
    /// </summary>
    public bool CacheMintedTokens { get; set; }

    /// <summary>Most tokens the cache holds (both modes). Default 10000.</summary>
    public int CacheCapacity { get; set; } = 10_000;

    /// <summary>A cached token is reused only while it has at least this long left. Default 30 seconds.</summary>
    public TimeSpan CacheMinimumRemaining { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The external security token service (mode <c>External</c>).</summary>
    public ExternalTokenServiceOptions External { get; set; } = new();
}

/// <summary>Where downstream tokens come from.</summary>
public enum TokenExchangeMode
{
    /// <summary>The gateway is the security token service and signs with its own key.</summary>
    Mint,

    /// <summary>An RFC 8693 token-exchange call to the payer's authorization server.</summary>
    External,
}

/// <summary>The payer's authorization server as token-exchange service (S6.1 b, S6.2).</summary>
public sealed class ExternalTokenServiceOptions
{
    /// <summary>Its token endpoint (https; http only on loopback).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The gateway's client id there; the gateway authenticates with <c>private_key_jwt</c> signed by its signing key (S7.2).</summary>
    public string? ClientId { get; set; }

    /// <summary>Send the partner workload as <c>actor_token</c> (a short JWT signed by the gateway, <c>sub</c> = the workload's client id). Default off.</summary>
    public bool SendActorToken { get; set; }

    /// <summary>Reuse exchanged tokens (keyed by everything that shaped them and the partner token). Default on.</summary>
    public bool CacheTokens { get; set; } = true;

    /// <summary>Timeout of one attempt. Default 2 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of the whole exchange, retries included. Default 5 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a transient failure (5xx, 408, 429, timeout, connection failure); never after an OAuth error. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay between retries (exponential with jitter). Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Circuit breaker: share of failed calls in the sampling window that opens it. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: fewest calls in the window before it may open. Default 10.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Circuit breaker: sampling window. Default 30 seconds.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Circuit breaker: how long it stays open (every exchange answers 503 meanwhile). Default 15 seconds.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
