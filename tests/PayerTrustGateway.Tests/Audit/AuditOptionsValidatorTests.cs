using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Tests.Audit;

/// <summary>TrustGateway:Audit validation: every problem reported with its key.</summary>
public sealed class AuditOptionsValidatorTests
{
    [Fact]
    public void Accepts_Defaults()
    {
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Rejects_EveryBadValue_NamingEachKey()
    {
        var options = new AuditOptions
        {
            Mode = (AuditMode)7,
            InstanceId = "two words",
            MaxBatchSize = 0,
            QueueCapacity = 2_000_000,
            CheckpointEveryRecords = 0,
            CheckpointInterval = TimeSpan.FromMilliseconds(10),
            MaxPageSize = 0,
        };

        var failures = new AuditOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(7, failures.Count);
        foreach (var key in new[] { "Mode", "InstanceId", "MaxBatchSize", "QueueCapacity", "CheckpointEveryRecords", "CheckpointInterval", "MaxPageSize" })
        {
            Assert.Contains(failures, failure => failure.StartsWith("TrustGateway:Audit:" + key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Rejects_QueueSmallerThanABatch()
    {
        var failures = new AuditOptionsValidator().Validate(null, new AuditOptions { MaxBatchSize = 100, QueueCapacity = 10 }).Failures;

        Assert.Equal("TrustGateway:Audit:QueueCapacity must be at least MaxBatchSize and at most 1000000.", Assert.Single(failures!));
    }
}
