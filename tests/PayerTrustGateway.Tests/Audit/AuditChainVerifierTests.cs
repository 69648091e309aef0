using Microsoft.Data.Sqlite;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Audit;

/// <summary>Tamper evidence: edits, deletions, reordering, truncation and rewritten chains are each named at the first bad record.</summary>
public sealed class AuditChainVerifierTests
{
    [Fact]
    public async Task Verify_UntouchedTrail_IsIntactWithSignedCheckpoints()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(25);

        var result = await bed.Verifier.VerifyAsync(CancellationToken.None);

        var chain = Assert.Single(result.Instances);
        Assert.True(result.Intact);
        Assert.Equal(("test-instance", 25L, 25L, 2, 0), (chain.Instance, chain.Records, chain.LastSequence, chain.Checkpoints, chain.UnverifiableCheckpoints));
        Assert.Null(chain.FirstProblem);
    }

    [Theory]
    [InlineData("status = 200")]
    [InlineData("decision = 'allow', reason = NULL")]
    [InlineData("member = 'member-2002'")]
    [InlineData("partner = 'plan-b'")]
    [InlineData("time = time + 1")]
    [InlineData("evidence = '[\"workload=plan-a/claims-sync\"]'")]
    [InlineData("evidence = 'not json'")]
    [InlineData("token_id = NULL")]
    [InlineData("latency_us = 1")]
    public async Task Verify_EditedColumn_NamesTheEditedRecord(string edit)
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12, n => bed.Request(n, reason: n == 7 ? "consent-revoked" : null));
        bed.Tamper($"UPDATE audit_record SET {edit} WHERE seq = 7");

        var result = await bed.Verifier.VerifyAsync(CancellationToken.None);

        Assert.False(result.Intact);
        var problem = Assert.Single(result.Instances).FirstProblem;
        Assert.Equal(7, problem?.Sequence);
        Assert.Contains("edited", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedRecord_NamesTheMissingSequence()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12);
        bed.Tamper("DELETE FROM audit_record WHERE seq = 4");

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(4, problem?.Sequence);
        Assert.Contains("missing", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SwappedRecords_NamesTheFirstOutOfPlace()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12);
        bed.Tamper("UPDATE audit_record SET seq = -5 WHERE seq = 5; UPDATE audit_record SET seq = 5 WHERE seq = 6; UPDATE audit_record SET seq = 6 WHERE seq = -5;");

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(5, problem?.Sequence);
        Assert.Contains("reordered", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordsCutFromTheEnd_ReportedByTheCheckpointThatCoversThem()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(22);
        bed.Tamper("DELETE FROM audit_record WHERE seq > 15");

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(16, problem?.Sequence);
        Assert.Contains("removed from the end", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ChainRecomputedAfterAnEdit_CaughtByTheSignedCheckpoint()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12);
        // Someone with the database but not the signing key edits record 3 and re-links every record after it.
        var records = bed.Store.ReadChain("test-instance").ToList();
        var previous = records[1].Hash;
        using (var connection = new SqliteConnection($"Data Source={bed.DatabasePath};Pooling=False"))
        {
            connection.Open();
            foreach (var record in records.Skip(2))
            {
                var forged = AuditChain.Link(record.Sequence == 3 ? record with { Decision = AuditDecisions.Allow, Status = 200, Member = "member-9999" } : record, record.Sequence, previous);
                previous = forged.Hash;
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE audit_record SET decision = $d, status = $s, member = $m, prev_hash = $p, hash = $h WHERE seq = $q";
                update.Parameters.AddWithValue("$d", forged.Decision);
                update.Parameters.AddWithValue("$s", forged.Status);
                update.Parameters.AddWithValue("$m", forged.Member);
                update.Parameters.AddWithValue("$p", forged.PreviousHash.ToArray());
                update.Parameters.AddWithValue("$h", forged.Hash.ToArray());
                update.Parameters.AddWithValue("$q", forged.Sequence);
                update.ExecuteNonQuery();
            }
        }

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(10, problem?.Sequence);
        Assert.Contains("signed checkpoint", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointRowEdited_SignatureNoLongerMatchesIt()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12);
        bed.Tamper("UPDATE audit_checkpoint SET time = time + 1000 WHERE seq = 10");

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(10, problem?.Sequence);
        Assert.Contains("differs from what was signed", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointSignedByAnotherKey_SignatureDoesNotVerify()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(12);
        await using var stranger = new AuditTestBed();
        var forged = stranger.Signer.Sign("test-instance", 10, [.. new byte[32]], bed.Time.GetUtcNow());
        var kid = bed.Keys.Signing.KeyId;
        bed.Tamper($"UPDATE audit_checkpoint SET signature = '{forged.Signature}' WHERE seq = 10");
        bed.Tamper($"UPDATE audit_checkpoint SET kid = '{kid}' WHERE seq = 10");

        var problem = Assert.Single((await bed.Verifier.VerifyAsync(CancellationToken.None)).Instances).FirstProblem;

        Assert.Equal(10, problem?.Sequence);
        Assert.Contains("signature does not verify", problem?.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_InstancesKeepSeparateChains()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(3);
        await using (var other = bed.CreateWriter("second-instance"))
        {
            await other.WriteAsync(bed.Request(99), CancellationToken.None);
        }

        bed.Tamper("UPDATE audit_record SET status = 500 WHERE instance = 'second-instance' AND seq = 1");

        var result = await bed.Verifier.VerifyAsync(CancellationToken.None);

        Assert.Equal(["second-instance", "test-instance"], result.Instances.Select(chain => chain.Instance));
        Assert.Equal(1, result.Instances[0].FirstProblem?.Sequence);
        Assert.Null(result.Instances[1].FirstProblem);
    }
}
