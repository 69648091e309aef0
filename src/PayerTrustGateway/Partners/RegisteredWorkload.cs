namespace PayerTrustGateway.Partners;

/// <summary>A workload as the request path sees it.</summary>
internal sealed record RegisteredWorkload(RegisteredPartner Partner, string Id, WorkloadStatus Status)
{
    /// <summary>"partner/workload", the form policies use.</summary>
    public string QualifiedId { get; } = Partner.Id + "/" + Id;
}
