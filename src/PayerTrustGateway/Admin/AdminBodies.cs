using PayerTrustGateway.Governance;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Admin;

/// <summary>Register or update a partner: its name and its own trust material as PEM text.</summary>
internal sealed record PartnerBody(
    string? Id,
    string? DisplayName,
    string? OrganizationId,
    List<string>? TrustAnchors,
    List<string>? Intermediates,
    RevocationMode? RevocationMode,
    List<string>? Crls)
{
    public PartnerDefinition ToDefinition() => new()
    {
        DisplayName = DisplayName ?? string.Empty,
        OrganizationId = string.IsNullOrWhiteSpace(OrganizationId) ? null : OrganizationId,
        TrustAnchors = [.. TrustAnchors ?? []],
        Intermediates = [.. Intermediates ?? []],
        RevocationMode = RevocationMode ?? Partners.RevocationMode.Crl,
        Crls = [.. Crls ?? []],
    };
}

/// <summary>Request or update a workload: its stewardship and how its certificate is recognised.</summary>
internal sealed record WorkloadBody(
    string? PartnerId,
    string? Id,
    string? Owner,
    string? Sponsor,
    string? Purpose,
    DateTimeOffset? ExpiresAt,
    int? ReviewCadenceDays,
    string? SanUri,
    string? SanDns,
    string? SpkiSha256,
    string? ClientId,
    List<string>? Scopes,
    List<string>? PurposesOfUse,
    List<string>? Tags)
{
    public WorkloadDefinition ToDefinition() => new()
    {
        SanUri = Blank(SanUri),
        SanDns = Blank(SanDns),
        SpkiSha256 = Blank(SpkiSha256),
        ClientId = Blank(ClientId),
        Scopes = [.. (Scopes ?? []).Distinct(StringComparer.Ordinal)],
        PurposesOfUse = [.. (PurposesOfUse ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal)],
        Tags = [.. (Tags ?? []).Distinct(StringComparer.Ordinal)],
    };

    public WorkloadStewardship ToStewardship() => new()
    {
        Owner = Owner ?? string.Empty,
        Sponsor = Sponsor ?? string.Empty,
        Purpose = Purpose ?? string.Empty,
        ExpiresAt = ExpiresAt ?? DateTimeOffset.MinValue,
        ReviewCadence = TimeSpan.FromDays(ReviewCadenceDays ?? 0),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A certificate to attach (PEM, public part only).</summary>
internal sealed record CertificateBody(string? Certificate);

/// <summary>Why (revocations).</summary>
internal sealed record ReasonBody(string? Reason);

/// <summary>A posture signal for a partner.</summary>
internal sealed record PostureBody(PostureRisk? Risk, DateTimeOffset? AttestedAt, string? Source, string? Evidence);

/// <summary>An exception or break-glass request.</summary>
internal sealed record GrantBody(string? Workload, string? Route, List<string>? ResourceTypes, List<string>? PurposesOfUse, string? Reason, TimeSpan? Duration)
{
    public GrantRequest ToRequest() => new(
        Workload ?? string.Empty,
        Route ?? string.Empty,
        [.. (ResourceTypes ?? []).Distinct(StringComparer.Ordinal)],
        [.. (PurposesOfUse ?? []).Distinct(StringComparer.Ordinal)],
        Reason ?? string.Empty,
        Duration ?? TimeSpan.Zero);
}

/// <summary>A reviewer's decision.</summary>
internal sealed record DecisionBody(ReviewDecision? Decision, string? Note);
