namespace PayerTrustGateway.Governance;

/// <summary>Durable governance state: partners, workloads, certificates, revocations, posture, grants and reviews.</summary>
internal interface IGovernanceStore
{
    /// <summary>Every stored record.</summary>
    IReadOnlyList<object> LoadAll();

    /// <summary>Writes <paramref name="documents"/> in one transaction (each replaces the record with its key).</summary>
    Task SaveAsync(IReadOnlyList<object> documents, DateTimeOffset at, CancellationToken cancellationToken);
}
