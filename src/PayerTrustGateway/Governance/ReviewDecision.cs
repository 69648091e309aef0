namespace PayerTrustGateway.Governance;

/// <summary>A reviewer's verdict.</summary>
public enum ReviewDecision
{
    Approve,
    Reject,
}
