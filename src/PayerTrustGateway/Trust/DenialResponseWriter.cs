using System.Collections.Frozen;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Trust;

/// <summary>
/// Writes a denial as status + <c>WWW-Authenticate</c> (for 401) + OperationOutcome body. Bodies are
/// serialized once: they depend on the reason only, never on request data.
/// </summary>
internal sealed class DenialResponseWriter
{
    /// <summary>The realm named in every Bearer challenge (RFC 6750 §3).</summary>
    public const string Realm = "payer-trust-gateway";

    private readonly FrozenDictionary<DenyReason, PreparedDenial> _prepared;

    public DenialResponseWriter()
    {
        _prepared = DenialCatalog.Descriptors.ToFrozenDictionary(
            pair => pair.Key,
            pair => new PreparedDenial(
                pair.Value,
                OperationOutcomeFactory.CreateErrorJson(pair.Value.IssueType, pair.Value.Code, pair.Value.Message),
                BuildChallenge(pair.Value, TokenScheme.Bearer),
                BuildChallenge(pair.Value, TokenScheme.DPoP)));
    }

    /// <summary>Writes the denial unless the response has already started; returns whether it wrote.</summary>
    public async ValueTask<bool> WriteAsync(HttpContext context, DenyReason reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return false;
        }

        var denial = Get(reason);
        var trust = context.Features.Get<TrustContext>();
        if (trust is not null && trust.Denial == DenyReason.None)
        {
            trust.Denial = reason;
        }

        var response = context.Response;
        response.Clear();
        response.StatusCode = denial.Descriptor.StatusCode;
        response.ContentType = OperationOutcomeFactory.MediaType;
        response.ContentLength = denial.Body.Length;
        response.Headers.CacheControl = "no-store";
        if (trust is not null)
        {
            response.Headers[RequestIdHeader.Name] = trust.RequestId;
        }

        var useDpop = denial.Descriptor.DpopOnly || trust?.PresentedScheme == TokenScheme.DPoP;
        var challenge = useDpop ? denial.DpopChallenge : denial.BearerChallenge;
        if (challenge is not null)
        {
            // RFC 6750 §3: insufficient_scope names the scope needed (printable ASCII, no quotes).
            response.Headers.WWWAuthenticate = reason == DenyReason.ScopeInsufficient && trust?.RequiredScope is { } scope && IsChallengeSafe(scope)
                ? challenge + $", scope=\"{scope}\""
                : challenge;
        }

        if (reason == DenyReason.RateLimited && trust?.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (reason == DenyReason.DpopNonceRequired && trust?.DpopNonce is { } nonce)
        {
            response.Headers["DPoP-Nonce"] = nonce;
        }

        await response.Body.WriteAsync(denial.Body, context.RequestAborted);
        return true;
    }

    /// <summary>
    /// Answers a challenge or forbid: with the reason a stage recorded on the request's <see cref="TrustContext"/>,
    /// or <paramref name="fallback"/> when none was recorded. Several schemes may challenge one request;
    /// only the first writes.
    /// </summary>
    public ValueTask<bool> WriteRecordedAsync(HttpContext context, DenyReason fallback)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorded = context.Features.Get<TrustContext>()?.Denial ?? DenyReason.None;
        return WriteAsync(context, recorded == DenyReason.None ? fallback : recorded);
    }

    private static bool IsChallengeSafe(string value) => value.All(c => c is >= ' ' and <= '~' and not '"' and not '\\');

    private PreparedDenial Get(DenyReason reason) =>
        _prepared.TryGetValue(reason, out var prepared) ? prepared : _prepared[DenyReason.InternalError];

    /// <summary>The DPoP proof algorithms the gateway accepts, advertised in DPoP challenges (RFC 9449 §7.1).</summary>
    public const string DpopAlgorithms = "ES256 ES384 PS256 RS256";

    // RFC 6750 §3: a request without credentials gets a challenge with no error attribute; otherwise
    // error and error_description (printable ASCII without '"' or '\', §3 ABNF). RFC 9449 §7.1: the
    // DPoP scheme uses the same attributes plus algs.
    private static string? BuildChallenge(DenialDescriptor descriptor, TokenScheme scheme)
    {
        if (descriptor.StatusCode != StatusCodes.Status401Unauthorized && descriptor.ChallengeError is null)
        {
            return null;
        }

        var name = scheme == TokenScheme.DPoP ? "DPoP" : "Bearer";
        var error = descriptor.ChallengeError is null
            ? string.Empty
            : $", error=\"{descriptor.ChallengeError}\", error_description=\"{descriptor.Message}\"";
        var algs = scheme == TokenScheme.DPoP ? $", algs=\"{DpopAlgorithms}\"" : string.Empty;
        return $"{name} realm=\"{Realm}\"{error}{algs}";
    }

    private sealed record PreparedDenial(DenialDescriptor Descriptor, byte[] Body, string? BearerChallenge, string? DpopChallenge);
}
