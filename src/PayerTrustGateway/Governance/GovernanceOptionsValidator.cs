using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Governance;

/// <summary>Validates <see cref="GovernanceOptions"/> at start and on reload.</summary>
internal sealed class GovernanceOptionsValidator : IValidateOptions<GovernanceOptions>
{
    private const string Key = GovernanceOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, GovernanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Between(errors, nameof(options.CertificationGrace), options.CertificationGrace, TimeSpan.Zero, TimeSpan.FromDays(90));
        Between(errors, nameof(options.MaxReviewCadence), options.MaxReviewCadence, TimeSpan.FromDays(1), TimeSpan.FromDays(730));
        Between(errors, nameof(options.MaxExceptionDuration), options.MaxExceptionDuration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        Between(errors, nameof(options.MaxBreakGlassDuration), options.MaxBreakGlassDuration, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        Between(errors, nameof(options.BreakGlassReviewWithin), options.BreakGlassReviewWithin, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        Between(errors, nameof(options.ExceptionApprovalWithin), options.ExceptionApprovalWithin, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Between(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Key}:{name} must be between {min:c} and {max:c} (was {value:c}).");
        }
    }
}
