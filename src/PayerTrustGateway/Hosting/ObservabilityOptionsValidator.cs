using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Hosting;

/// <summary>Validates <see cref="ObservabilityOptions"/>.</summary>
internal sealed class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
        {
            errors.Add($"{ObservabilityOptions.SectionName}:TraceSampleRatio must be between 0 and 1 (is {options.TraceSampleRatio}).");
        }

        if (options.OtlpEndpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{ObservabilityOptions.SectionName}:OtlpEndpoint must be an absolute URI such as http://127.0.0.1:4317.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add($"{ObservabilityOptions.SectionName}:ServiceName must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
