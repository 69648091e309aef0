using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>
/// The consent registry's persistence seam. The embedded default is SQLite (<see cref="SqliteConsentStore"/>);
/// a server-backed form (PostgreSQL) implements the same contract. Every change is one atomic commit that
/// also appends to the change feed, so any reader sees a revocation once it is committed, whoever wrote it.
/// </summary>
internal interface IConsentStore
{
    /// <summary>Records new terms: a new consent, or a new version of the consent captured earlier from the same FHIR Consent id.</summary>
    Task<ConsentRecord> RecordAsync(ConsentTerms terms, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records many new consents in few commits (migration from another registry); returns how many were recorded.</summary>
    Task<int> ImportAsync(IEnumerable<ConsentTerms> terms, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes a consent (a new, final version). Null when the id is unknown; unchanged when already revoked.</summary>
    Task<ConsentRecord?> RevokeAsync(string consentId, string revokedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The current version of a consent, or null.</summary>
    Task<ConsentRecord?> GetAsync(string consentId, CancellationToken cancellationToken);

    /// <summary>Every version of a consent, oldest first (empty when unknown).</summary>
    Task<ImmutableArray<ConsentRecord>> GetHistoryAsync(string consentId, CancellationToken cancellationToken);

    /// <summary>Current versions matching the query, ordered by id.</summary>
    Task<ImmutableArray<ConsentRecord>> ListAsync(ConsentQuery query, CancellationToken cancellationToken);

    /// <summary>Every current consent of one member, with the change position the read reflects.</summary>
    Task<MemberConsents> FindByMemberAsync(string memberKey, CancellationToken cancellationToken);

    /// <summary>The latest committed change position (0 when nothing was ever recorded).</summary>
    ValueTask<long> GetPositionAsync(CancellationToken cancellationToken);

    /// <summary>Members changed after <paramref name="position"/>, with the position read up to.</summary>
    Task<ConsentChanges> GetChangesAsync(long position, CancellationToken cancellationToken);
}
