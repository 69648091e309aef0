using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Partners;

/// <summary>Validates the partner registry by building it: every unreadable file and ambiguous mapping is reported.</summary>
internal sealed class PartnersOptionsValidator : IValidateOptions<PartnersOptions>
{
    private readonly TimeProvider _time;

    public PartnersOptionsValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public ValidateOptionsResult Validate(string? name, PartnersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PartnerDirectoryBuilder.TryBuild(options, _time.GetUtcNow(), out _, out var errors)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors);
    }
}
