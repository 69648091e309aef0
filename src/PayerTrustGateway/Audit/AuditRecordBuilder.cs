using System.Collections.Immutable;
using System.Diagnostics;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Trust;
using Yarp.ReverseProxy.Model;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Builds a request's audit record from what the pipeline established (<see cref="TrustContext"/>), what an
/// endpoint annotated (<see cref="AuditAnnotations"/>) and the response status. Reads only; never parses
/// the request again.
/// </summary>
internal static class AuditRecordBuilder
{
    /// <summary>Status recorded when the client went away before a response started (as nginx logs it).</summary>
    public const int ClientClosedRequest = 499;

    public static AuditRecord Build(HttpContext context, DateTimeOffset now, TimeSpan latency, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        var annotations = context.Features.Get<AuditAnnotations>();
        var admin = context.Features.Get<ListenerFeature>()?.Listener == GatewayListener.Admin;
        var token = trust?.Token;
        var policy = trust?.PolicyDecision;
        var consent = trust?.ConsentDecision;
        var fhir = trust?.FhirRequest;
        // A stage may note a reason and still let the request through (an anonymous endpoint without a
        // client certificate); only a refusal's status makes it the outcome.
        var denial = status >= 400 ? trust?.Denial ?? DenyReason.None : DenyReason.None;
        if (denial == DenyReason.None && status >= 500)
        {
            denial = DenyReason.InternalError;
        }

        var proxy = context.Features.Get<IReverseProxyFeature>();
        var proxied = proxy is not null;
        var reason = denial != DenyReason.None ? DenialCatalog.Descriptors[denial].Code : annotations?.Refusal;
        // A proxied request is allowed unless a stage refused it (a backend 404 is still an allowed read);
        // a gateway endpoint's request is refused when it answered an error.
        var refused = reason is not null || (!proxied && status >= 400);

        return new AuditRecord
        {
            Time = now,
            Kind = AuditKind.Request,
            RequestId = trust?.RequestId ?? context.TraceIdentifier,
            TraceId = Activity.Current is { Recorded: true } activity ? activity.TraceId.ToHexString() : null,
            Listener = admin ? "admin" : "partner",
            ActorKind = admin ? AuditActors.Operator : AuditActors.Workload,
            // On the admin listener the actor is the admin token's subject (also for reads and refused roles).
            Actor = admin ? annotations?.Actor ?? AdminRequest.Subject(context.User) : trust?.Workload?.QualifiedId,
            Partner = trust?.Workload?.PartnerId,
            Workload = trust?.Workload?.QualifiedId,
            CertificateThumbprint = trust?.CertificateThumbprint ?? trust?.Workload?.CertificateThumbprint,
            CertificateNotAfter = trust?.CertificateNotAfter,
            TokenIssuer = token?.Issuer,
            TokenClient = token?.ClientId ?? annotations?.IssuedTokenClient,
            TokenId = token?.TokenId ?? annotations?.IssuedTokenId,
            TokenBinding = token is null ? annotations?.IssuedTokenBinding : Binding(token.Binding),
            TokenLifetimeSeconds = annotations?.IssuedTokenLifetime is { } issued ? (long)issued.TotalSeconds
                : token?.IssuedAt is { } issuedAt ? (long)(token.ExpiresAt - issuedAt).TotalSeconds : null,
            Member = trust?.MemberKey ?? fhir?.SingleMember() ?? annotations?.Member,
            ConsentId = consent?.Consent?.Id ?? annotations?.ConsentId,
            ConsentVersion = consent?.Consent?.Version ?? annotations?.ConsentVersion,
            PurposesOfUse = token?.PurposesOfUse ?? [],
            Policy = policy?.PolicyName,
            Rule = consent is { IsAllowed: false } ? consent.Rule : policy?.Rule,
            Decision = refused ? AuditDecisions.Deny : AuditDecisions.Allow,
            Reason = reason,
            Evidence = Evidence(trust?.RevocationEvidence, policy?.Evidence, consent?.Evidence),
            ShadowDisagreements = trust?.ShadowDisagreements is { } shadows ? [.. shadows] : [],
            ExceptionId = trust?.Grant?.Id,
            BreakGlass = trust?.Grant?.Kind == Governance.GrantKind.BreakGlass,
            Method = context.Request.Method,
            Route = proxy?.Route.Config.RouteId ?? context.Request.Path.Value,
            Interaction = fhir is null ? null : FhirInteractionNames.Name(fhir.Interaction),
            ResourceType = fhir?.ResourceType,
            Operation = fhir?.Operation,
            Status = status,
            LatencyMicroseconds = (long)latency.TotalMicroseconds,
            ConsentMicroseconds = trust?.ConsentElapsed is { } elapsed ? (long)elapsed.TotalMicroseconds : null,
            Action = annotations?.Action,
            Target = annotations?.Target,
            Before = annotations?.Before,
            After = annotations?.After,
        };
    }

    public static string Binding(TokenBinding binding) => binding switch
    {
        TokenBinding.Certificate => "certificate",
        TokenBinding.DpopKey => "dpop",
        TokenBinding.CertificateAndDpopKey => "certificate+dpop",
        _ => "none",
    };

    private static ImmutableArray<string> Evidence(string? revocation, ImmutableArray<string>? policy, ImmutableArray<string>? consent)
    {
        var first = policy is { IsDefault: false } p ? p : [];
        var second = consent is { IsDefault: false } c ? c : [];
        var evidence = second.IsEmpty ? first : first.AddRange(second);
        return revocation is null ? evidence : evidence.Insert(0, revocation);
    }
}
