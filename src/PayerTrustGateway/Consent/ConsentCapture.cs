using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>What an operator asks the registry to record: the FHIR Consent plus the gateway's own terms for it.</summary>
/// <param name="Body">The FHIR Consent resource (JSON).</param>
/// <param name="PurposesOfUse">Purposes to record; empty: the configured defaults.</param>
/// <param name="DataClasses">Data classes to record; empty: every configured class.</param>
/// <param name="MemberKey">The member key when the Consent's patient reference is not this payer's Patient (e.g. the requester's), else null.</param>
internal sealed record ConsentCapture(ReadOnlyMemory<byte> Body, ImmutableArray<string> PurposesOfUse, ImmutableArray<string> DataClasses, string? MemberKey);
