using System.Collections.Immutable;

namespace PayerTrustGateway.Audit;

/// <summary>The result of verifying the whole trail: intact only when every instance's chain is.</summary>
internal sealed record AuditVerification(ImmutableArray<ChainVerification> Instances)
{
    public bool Intact => Instances.All(instance => instance.FirstProblem is null);
}

/// <summary>
/// One instance's chain: how many records and checkpoints were checked and the first problem found (null
/// when intact). <see cref="UnverifiableCheckpoints"/> counts checkpoints signed by keys the ring no longer
/// publishes; their hashes are still compared with the chain.
/// </summary>
internal sealed record ChainVerification(string Instance, long Records, long LastSequence, int Checkpoints, int UnverifiableCheckpoints, ChainProblem? FirstProblem);

/// <summary>The first record (by sequence) at which the chain is broken, and how.</summary>
internal sealed record ChainProblem(long Sequence, string Problem);
