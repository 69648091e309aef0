using System.Buffers.Text;
using System.Security.Cryptography;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Re-walks each instance's chain from the store: sequence numbers must run 1, 2, 3… without gaps, each
/// record must link to the previous record's hash, and each stored hash must equal the one recomputed from
/// the stored fields. Then every checkpoint must match the chain and carry a valid signature. Reports the
/// first bad record per instance (edited, deleted, reordered, or cut off after a checkpoint).
/// </summary>
internal sealed class AuditChainVerifier
{
    private readonly IAuditStore _store;
    private readonly AuditCheckpointSigner _signer;

    public AuditChainVerifier(IAuditStore store, AuditCheckpointSigner signer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        _store = store;
        _signer = signer;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var results = new List<ChainVerification>();
        var instances = _store.Instances();
        foreach (var instance in instances)
        {
            results.Add(await VerifyInstanceAsync(instance, cancellationToken));
        }

        return new AuditVerification([.. results]);
    }

    private async Task<ChainVerification> VerifyInstanceAsync(string instance, CancellationToken cancellationToken)
    {
        var checkpoints = _store.Checkpoints(instance);
        var expectedHashes = checkpoints.ToDictionary(checkpoint => checkpoint.Sequence, checkpoint => checkpoint.Hash);
        var (count, last, problem) = WalkChain(instance, expectedHashes, cancellationToken);
        var unverifiable = 0;
        foreach (var checkpoint in checkpoints)
        {
            if (problem is null && checkpoint.Sequence > last)
            {
                problem = new ChainProblem(last + 1, $"missing: the chain ends at record {last} but a checkpoint covers record {checkpoint.Sequence} (records were removed from the end)");
            }

            var verdict = await _signer.VerifyAsync(checkpoint, cancellationToken);
            if (verdict == CheckpointVerdict.KeyNotPublished)
            {
                unverifiable++;
            }
            else if (verdict != CheckpointVerdict.Valid && (problem is null || checkpoint.Sequence < problem.Sequence))
            {
                problem = new ChainProblem(checkpoint.Sequence, $"checkpoint at record {checkpoint.Sequence}: {(verdict == CheckpointVerdict.BadSignature ? "signature does not verify" : "stored checkpoint differs from what was signed")}");
            }
        }

        return new ChainVerification(instance, count, last, checkpoints.Count, unverifiable, problem);
    }

    private (long Count, long Last, ChainProblem? Problem) WalkChain(string instance, Dictionary<long, string> checkpointHashes, CancellationToken cancellationToken)
    {
        long count = 0;
        long expected = 1;
        var previous = AuditChain.Genesis;
        foreach (var record in _store.ReadChain(instance))
        {
            if ((count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            count++;
            if (record.Sequence != expected)
            {
                return (count, expected - 1, new ChainProblem(expected, record.Sequence > expected
                    ? $"missing: records {expected}..{record.Sequence - 1} are absent (next present is {record.Sequence})"
                    : $"duplicate sequence {record.Sequence}"));
            }

            if (!record.PreviousHash.AsSpan().SequenceEqual(previous.AsSpan()))
            {
                return (count, record.Sequence, new ChainProblem(record.Sequence, "does not link to the previous record's hash (reordered, or a record before it was replaced)"));
            }

            var computed = AuditChain.ComputeHash(record);
            if (!CryptographicOperations.FixedTimeEquals(computed.AsSpan(), record.Hash.AsSpan()))
            {
                return (count, record.Sequence, new ChainProblem(record.Sequence, "content does not match its hash (edited)"));
            }

            if (checkpointHashes.TryGetValue(record.Sequence, out var signed) && signed != Base64Url.EncodeToString(record.Hash.AsSpan()))
            {
                return (count, record.Sequence, new ChainProblem(record.Sequence, "differs from the signed checkpoint at this record (chain rewritten)"));
            }

            previous = record.Hash;
            expected++;
        }

        return (count, expected - 1, null);
    }
}
