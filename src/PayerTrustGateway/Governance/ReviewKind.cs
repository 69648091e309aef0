namespace PayerTrustGateway.Governance;

/// <summary>What a manual-review item asks a reviewer to decide.</summary>
public enum ReviewKind
{
    /// <summary>Approve or reject a requested exception (approver ≠ requester).</summary>
    ExceptionApproval,

    /// <summary>Review a break-glass use after the fact (reviewer ≠ invoker); rejecting ends it at once.</summary>
    BreakGlassReview,
}
