namespace PayerTrustGateway.Governance;

/// <summary>A lifecycle change an operator asks for.</summary>
public enum LifecycleTransition
{
    /// <summary>Refuse from the next request on; may be reinstated.</summary>
    Suspend,

    /// <summary>Undo a suspension made through the admin API.</summary>
    Reinstate,

    /// <summary>Refuse for good. Final.</summary>
    Retire,
}
