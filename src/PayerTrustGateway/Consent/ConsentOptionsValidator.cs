using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Consent;

/// <summary>Validates <see cref="ConsentOptions"/>, collecting every problem with its configuration key.</summary>
internal sealed partial class ConsentOptionsValidator : IValidateOptions<ConsentOptions>
{
    private const string Prefix = ConsentOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.DefaultPurposesOfUse.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.DefaultPurposesOfUse[i]))
            {
                errors.Add($"{Prefix}:DefaultPurposesOfUse:{i} must not be empty.");
            }
        }

        foreach (var (className, dataClass) in options.DataClasses)
        {
            if (!ClassName().IsMatch(className) || className is "regular" or "sensitive")
            {
                errors.Add($"{Prefix}:DataClasses:{className} must be a lower-case name (letters, digits, '-'), not 'regular' or 'sensitive' (those are the HRex policies).");
            }

            if (dataClass.ResourceTypes.Count == 0)
            {
                errors.Add($"{Prefix}:DataClasses:{className}:ResourceTypes must list at least one resource type.");
            }

            CheckTypes(dataClass.ResourceTypes, $"{Prefix}:DataClasses:{className}:ResourceTypes", errors);
        }

        CheckTypes(options.Sensitive.ResourceTypes, $"{Prefix}:Sensitive:ResourceTypes", errors);
        CheckCodes(options.Sensitive.Codes, $"{Prefix}:Sensitive:Codes", errors);
        CheckCodes(options.Sensitive.SecurityLabels, $"{Prefix}:Sensitive:SecurityLabels", errors);
        CheckTypes(options.SupportResourceTypes, $"{Prefix}:SupportResourceTypes", errors);
        foreach (var type in options.SupportResourceTypes.Where(PatientCompartment.R4.Contains))
        {
            errors.Add($"{Prefix}:SupportResourceTypes: {type} is in the Patient compartment, so it is member data, not a support resource.");
        }

        if (options.MaxGuardedResponseBytes is < 64 * 1024 or > 256 * 1024 * 1024)
        {
            errors.Add($"{Prefix}:MaxGuardedResponseBytes must be between 64 KiB and 256 MiB.");
        }

        if (options.CacheCapacity is < 0 or > 10_000_000)
        {
            errors.Add($"{Prefix}:CacheCapacity must be between 0 and 10,000,000.");
        }

        if (!Enum.IsDefined(options.ResponseGuard))
        {
            errors.Add($"{Prefix}:ResponseGuard must be Refuse or Redact.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTypes(List<string> types, string key, List<string> errors)
    {
        for (var i = 0; i < types.Count; i++)
        {
            if (!FhirSearchParameters.IsResourceType(types[i]))
            {
                errors.Add($"{key}:{i} '{types[i]}' is not an R4 resource type.");
            }
        }
    }

    private static void CheckCodes(List<string> codes, string key, List<string> errors)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            var bar = codes[i].IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || bar == codes[i].Length - 1 || codes[i].IndexOf('|', bar + 1) >= 0)
            {
                errors.Add($"{key}:{i} must be 'system|code'.");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex ClassName();
}
