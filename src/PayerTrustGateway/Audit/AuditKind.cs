namespace PayerTrustGateway.Audit;

/// <summary>What an audit record describes.</summary>
internal enum AuditKind
{
    /// <summary>One request on the partner or admin listener, allowed or denied.</summary>
    Request,

    /// <summary>A control-plane change not made through a request (configuration reload, scheduled key rotation).</summary>
    Change,
}
