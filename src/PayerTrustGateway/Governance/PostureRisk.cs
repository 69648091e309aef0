namespace PayerTrustGateway.Governance;

/// <summary>A partner's assessed security risk, lowest first (policies compare by order).</summary>
public enum PostureRisk
{
    Low,
    Moderate,
    High,
    Critical,
}
