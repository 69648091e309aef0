namespace PayerTrustGateway.Governance;

/// <summary>Where a grant stands. Whether an approved grant is in force also depends on its time box.</summary>
public enum GrantState
{
    /// <summary>Awaiting approval (exceptions).</summary>
    Pending,

    /// <summary>Approved (or, for break-glass, invoked): in force between its start and end.</summary>
    Approved,

    /// <summary>Refused by the approver.</summary>
    Rejected,

    /// <summary>Ended early by an administrator or a rejecting post-review.</summary>
    Revoked,
}
