using System.Collections.Frozen;
using System.Globalization;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// The <c>--name value</c> / <c>--name=value</c> options of one subcommand. Parsing never throws:
/// every problem (unknown option, missing value, repeated single option) is collected and reported at once.
/// </summary>
internal sealed class CommandArguments
{
    private readonly FrozenDictionary<string, string[]> values;

    private CommandArguments(FrozenDictionary<string, string[]> values) => this.values = values;

    public static bool TryParse(
        ReadOnlySpan<string> args,
        FrozenSet<string> singleOptions,
        FrozenSet<string> repeatableOptions,
        out CommandArguments arguments,
        List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(singleOptions);
        ArgumentNullException.ThrowIfNull(repeatableOptions);
        ArgumentNullException.ThrowIfNull(errors);

        var collected = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var errorCount = errors.Count;
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                errors.Add($"Unexpected argument '{token}': options are written '--name value'.");
                continue;
            }

            string name;
            string? value = null;
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = token[2..equals];
                value = token[(equals + 1)..];
            }
            else
            {
                name = token[2..];
                if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
            }

            if (!singleOptions.Contains(name) && !repeatableOptions.Contains(name))
            {
                errors.Add($"Unknown option '--{name}'.");
                continue;
            }

            if (value is null)
            {
                errors.Add($"Option '--{name}' needs a value.");
                continue;
            }

            if (!collected.TryGetValue(name, out var list))
            {
                list = [];
                collected.Add(name, list);
            }
            else if (singleOptions.Contains(name))
            {
                errors.Add($"Option '--{name}' was given more than once.");
                continue;
            }

            list.Add(value);
        }

        arguments = new CommandArguments(collected.ToFrozenDictionary(
            static pair => pair.Key, static pair => pair.Value.ToArray(), StringComparer.Ordinal));
        return errors.Count == errorCount;
    }

    public string? GetString(string name) =>
        values.TryGetValue(name, out var list) ? list[0] : null;

    public IReadOnlyList<string> GetAll(string name) =>
        values.TryGetValue(name, out var list) ? list : [];

    /// <summary>Reads a required string option; records an error naming the option when absent.</summary>
    public string RequireString(string name, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = GetString(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"Option '--{name}' is required.");
            return string.Empty;
        }

        return value;
    }

    /// <summary>Reads a required existing file path; records an error naming the option otherwise.</summary>
    public string RequireFile(string name, List<string> errors)
    {
        var path = RequireString(name, errors);
        if (path.Length > 0 && !File.Exists(path))
        {
            errors.Add($"Option '--{name}': file '{path}' does not exist.");
        }

        return path;
    }

    /// <summary>Reads an integer option within [min, max]; uses <paramref name="fallback"/> when absent.</summary>
    public int GetInt32(string name, int? fallback, int min, int max, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = GetString(name);
        if (text is null)
        {
            if (fallback is { } value)
            {
                return value;
            }

            errors.Add($"Option '--{name}' is required.");
            return min;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ||
            parsed < min || parsed > max)
        {
            errors.Add($"Option '--{name}': '{text}' is not an integer between {min} and {max}.");
            return min;
        }

        return parsed;
    }
}
