namespace PayerTrustGateway.Governance;

/// <summary>How extra access was granted.</summary>
public enum GrantKind
{
    /// <summary>Requested by one person, approved by another, time-boxed.</summary>
    Exception,

    /// <summary>Emergency access: effective at once on one person's word, short, reviewed afterwards.</summary>
    BreakGlass,
}
