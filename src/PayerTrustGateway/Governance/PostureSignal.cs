namespace PayerTrustGateway.Governance;

/// <summary>The latest security posture or attestation recorded for a partner.</summary>
internal sealed record PostureSignal
{
    public required string PartnerId { get; init; }

    public required PostureRisk Risk { get; init; }

    /// <summary>When the assessment or attestation was made (its age is measured from here).</summary>
    public required DateTimeOffset AttestedAt { get; init; }

    /// <summary>Who assessed it, e.g. a third-party risk service or the partner's own attestation.</summary>
    public required string Source { get; init; }

    /// <summary>A reference to the evidence (report id, attestation URL); never the document itself.</summary>
    public string? Evidence { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}
