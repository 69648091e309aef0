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
                BuildChallenge(pair.Value)));
    }

    public DenialDescriptor Describe(DenyReason reason) => Get(reason).Descriptor;

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

        if (denial.Challenge is not null)
        {
            response.Headers.WWWAuthenticate = denial.Challenge;
        }

        await response.Body.WriteAsync(denial.Body, context.RequestAborted);
        return true;
    }

    private PreparedDenial Get(DenyReason reason) =>
        _prepared.TryGetValue(reason, out var prepared) ? prepared : _prepared[DenyReason.InternalError];

    // RFC 6750 §3: a request without credentials gets a challenge with no error attribute; otherwise
    // error and error_description (printable ASCII without '"' or '\', §3 ABNF).
    private static string? BuildChallenge(DenialDescriptor descriptor)
    {
        if (descriptor.StatusCode != StatusCodes.Status401Unauthorized)
        {
            return null;
        }

        return descriptor.ChallengeError is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"{descriptor.ChallengeError}\", error_description=\"{descriptor.Message}\"";
    }

    private sealed record PreparedDenial(DenialDescriptor Descriptor, byte[] Body, string? Challenge);
}
