using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>What a consent authorises, as captured from a FHIR Consent (before the registry gives it an id and version).</summary>
/// <param name="MemberKey">The gateway's member key: the member's Patient logical id at the backend.</param>
/// <param name="MemberIdentifiers">The member's business identifiers (<c>system|value</c>), for lookup by operators.</param>
/// <param name="PartnerId">The partner (organisation) authorised to receive the data.</param>
/// <param name="PurposesOfUse">Purposes of use the consent authorises (compared with the token's <c>purpose_of_use</c>).</param>
/// <param name="DataClasses">Configured data classes the consent covers.</param>
/// <param name="Policy">HRex regular or sensitive.</param>
/// <param name="PeriodStart">Start of the consent period (inclusive).</param>
/// <param name="PeriodEnd">End of the consent period (exclusive).</param>
/// <param name="SourceId">The FHIR Consent's logical id, if it had one (a second capture of the same id is a new version).</param>
/// <param name="SourceVersion">The FHIR Consent's <c>meta.versionId</c>, if any.</param>
internal sealed record ConsentTerms(
    string MemberKey,
    ImmutableArray<string> MemberIdentifiers,
    string PartnerId,
    ImmutableArray<string> PurposesOfUse,
    ImmutableArray<string> DataClasses,
    ConsentPolicy Policy,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string? SourceId,
    string? SourceVersion);
