using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Storage;

/// <summary>Validates <see cref="StorageOptions"/>, naming the key of every problem.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Prefix = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.Ordinal))
        {
            errors.Add($"{Prefix}:Provider '{options.Provider}' is not supported; use 'Sqlite' (the embedded default).");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory) || options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{Prefix}:DataDirectory must be a folder path.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(100) || options.BusyTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Prefix}:BusyTimeout must be between 100 ms and 1 minute.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
