using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Audit;

/// <summary>Validates <see cref="AuditOptions"/>, collecting every problem with its configuration key.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    private const string Prefix = AuditOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{Prefix}:Mode must be Sync or Async.");
        }

        if (!Enum.IsDefined(options.Durability))
        {
            errors.Add($"{Prefix}:Durability must be Full or Normal.");
        }

        var instance = options.EffectiveInstanceId;
        if (instance.Length > 100 || instance.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"{Prefix}:InstanceId must be at most 100 characters without spaces or control characters.");
        }

        if (options.MaxBatchSize is < 1 or > 10_000)
        {
            errors.Add($"{Prefix}:MaxBatchSize must be between 1 and 10000.");
        }

        if (options.QueueCapacity < options.MaxBatchSize || options.QueueCapacity > 1_000_000)
        {
            errors.Add($"{Prefix}:QueueCapacity must be at least MaxBatchSize and at most 1000000.");
        }

        if (options.CheckpointEveryRecords is < 1 or > 1_000_000)
        {
            errors.Add($"{Prefix}:CheckpointEveryRecords must be between 1 and 1000000.");
        }

        if (options.CheckpointInterval < TimeSpan.FromSeconds(1) || options.CheckpointInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{Prefix}:CheckpointInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.MaxPageSize is < 1 or > 100_000)
        {
            errors.Add($"{Prefix}:MaxPageSize must be between 1 and 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
