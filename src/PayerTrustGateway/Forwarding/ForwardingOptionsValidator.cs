using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Forwarding;

/// <summary>Validates <see cref="ForwardingOptions"/>.</summary>
internal sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckHeaderName(options.PartnerIdHeader, nameof(options.PartnerIdHeader), errors);
        CheckHeaderName(options.WorkloadIdHeader, nameof(options.WorkloadIdHeader), errors);
        if (string.Equals(options.PartnerIdHeader, options.WorkloadIdHeader, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{ForwardingOptions.SectionName}:WorkloadIdHeader must differ from PartnerIdHeader.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // RFC 9110 §5.1: a field name is a token.
    private static void CheckHeaderName(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrEmpty(value) || !value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
        {
            errors.Add($"{ForwardingOptions.SectionName}:{key} must be a valid HTTP header name (is '{value}').");
        }
    }
}
