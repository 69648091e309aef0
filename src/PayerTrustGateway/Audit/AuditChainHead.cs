using System.Collections.Immutable;

namespace PayerTrustGateway.Audit;

/// <summary>Where an instance's chain ends: the next record links to <see cref="Hash"/> at <see cref="Sequence"/> + 1.</summary>
internal sealed record AuditChainHead(long Sequence, ImmutableArray<byte> Hash, long CheckpointSequence, DateTimeOffset? CheckpointTime)
{
    public static readonly AuditChainHead Empty = new(0, AuditChain.Genesis, 0, null);
}
