using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Read side of the partner registry on the request path: the current <see cref="PartnerDirectory"/>.
/// A configuration change builds a whole new directory and swaps it in; a change that does not build
/// is logged and the last good directory keeps serving.
/// </summary>
internal sealed class PartnerRegistry : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger<PartnerRegistry> _logger;
    private readonly IDisposable? _subscription;
    private PartnerDirectory _current;

    public PartnerRegistry(IOptionsMonitor<PartnersOptions> options, TimeProvider time, ILogger<PartnerRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;

        // Start-up validation (PartnersOptionsValidator) has already proved this builds.
        if (!PartnerDirectoryBuilder.TryBuild(options.CurrentValue, time.GetUtcNow(), out var directory, out var errors))
        {
            throw new OptionsValidationException(PartnersOptions.SectionName, typeof(PartnersOptions), errors);
        }

        _current = directory!;
        _subscription = options.OnChange(Reload);
    }

    public PartnerDirectory Current => Volatile.Read(ref _current);

    public void Dispose() => _subscription?.Dispose();

    private void Reload(PartnersOptions options)
    {
        if (PartnerDirectoryBuilder.TryBuild(options, _time.GetUtcNow(), out var directory, out var errors))
        {
            Volatile.Write(ref _current, directory!);
            _logger.PartnerRegistryReloaded(directory!.Partners.Length);
        }
        else
        {
            _logger.PartnerRegistryReloadRejected(string.Join(" ", errors));
        }
    }
}
