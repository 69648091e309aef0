using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Exchange;

/// <summary>Validates <see cref="SigningKeysOptions"/>: algorithm, rotation, and that every listed key file loads.</summary>
internal sealed class SigningKeysOptionsValidator : IValidateOptions<SigningKeysOptions>
{
    private const string Prefix = SigningKeysOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SigningKeysOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!SigningKey.SupportedAlgorithms.Contains(options.Algorithm, StringComparer.Ordinal))
        {
            errors.Add($"{Prefix}:Algorithm must be ES256 or RS256 (is '{options.Algorithm}').");
        }

        if (options.RotationInterval < TimeSpan.Zero || (options.RotationInterval > TimeSpan.Zero && options.RotationInterval < TimeSpan.FromDays(1)))
        {
            errors.Add($"{Prefix}:RotationInterval must be 00:00:00 (rotate on request only) or at least one day.");
        }

        if (options.Overlap < TimeSpan.Zero || options.Overlap > TimeSpan.FromDays(30))
        {
            errors.Add($"{Prefix}:Overlap must be between 00:00:00 and 30 days.");
        }

        foreach (var listener in options.JwksListeners)
        {
            if (!Enum.TryParse<Hosting.GatewayListener>(listener, ignoreCase: true, out var parsed) || parsed is not (Hosting.GatewayListener.Admin or Hosting.GatewayListener.Partner))
            {
                errors.Add($"{Prefix}:JwksListeners: '{listener}' is not a listener (Admin or Partner).");
            }
        }

        if (options.Files.Count > 0)
        {
            CheckFiles(options.Files, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckFiles(List<SigningKeyFileOptions> files, List<string> errors)
    {
        if (files.Count(file => file.Signing) != 1)
        {
            errors.Add($"{Prefix}:Files: exactly one key must be marked Signing (found {files.Count(file => file.Signing)}).");
        }

        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            if (string.IsNullOrWhiteSpace(file.Path))
            {
                errors.Add($"{Prefix}:Files:{index}:Path is required.");
                continue;
            }

            SigningKey? key = null;
            try
            {
                if (!SigningKey.TryLoad(file.Path, file.KeyId, out key, out var problem))
                {
                    errors.Add($"{Prefix}:Files:{index}: {problem}");
                }
                else if (!keyIds.Add(key!.KeyId))
                {
                    errors.Add($"{Prefix}:Files:{index}: kid '{key.KeyId}' is listed twice.");
                }
            }
            finally
            {
                key?.Dispose();
            }
        }
    }
}
