namespace PayerTrustGateway.Governance;

/// <summary>Where a review item stands.</summary>
public enum ReviewState
{
    Open,
    Claimed,
    Decided,
}
