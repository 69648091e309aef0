using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Hygiene;

/// <summary>Validates <see cref="RequestHygieneOptions"/>, reporting every problem at once.</summary>
internal sealed class RequestHygieneOptionsValidator : IValidateOptions<RequestHygieneOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestHygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string prefix = RequestHygieneOptions.SectionName;

        if (options.MaxRequestTargetLength is < 256 or > 65536)
        {
            errors.Add($"{prefix}:MaxRequestTargetLength must be between 256 and 65536 (is {options.MaxRequestTargetLength}).");
        }

        if (options.MaxRequestHeadersTotalBytes is < 1024 or > 1024 * 1024)
        {
            errors.Add($"{prefix}:MaxRequestHeadersTotalBytes must be between 1024 and 1048576 (is {options.MaxRequestHeadersTotalBytes}).");
        }

        for (var i = 0; i < options.StrippedHeaders.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.StrippedHeaders[i]))
            {
                errors.Add($"{prefix}:StrippedHeaders:{i} is empty; remove the entry or name a header.");
            }
        }

        for (var i = 0; i < options.StrippedHeaderPrefixes.Count; i++)
        {
            if (options.StrippedHeaderPrefixes[i] is not { Length: >= 3 })
            {
                errors.Add($"{prefix}:StrippedHeaderPrefixes:{i} must be at least 3 characters, or it would strip ordinary headers.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
