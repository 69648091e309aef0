using Microsoft.Extensions.Options;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Read side of the partner registry on the request path: the current <see cref="PartnerDirectory"/>.
/// An accepted configuration change builds a whole new directory and swaps it in; a rejected one
/// never reaches here (<see cref="LastGoodOptions{TOptions}"/>), and one whose files changed again
/// between validation and build is logged while the last good directory keeps serving.
/// </summary>
internal sealed class PartnerRegistry : IDisposable
{
    private readonly LastGoodOptions<PartnersOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PartnerRegistry> _logger;
    private readonly IDisposable _subscription;
    private readonly Lock _lock = new();
    private PartnerDirectory? _current;

    public PartnerRegistry(LastGoodOptions<PartnersOptions> options, TimeProvider time, ILogger<PartnerRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _time = time;
        _logger = logger;
        _subscription = options.OnChange(Reload);
    }

    /// <summary>The current directory; built on first use, after start-up validation (<see cref="InitialSnapshotService"/>).</summary>
    public PartnerDirectory Current => Volatile.Read(ref _current) ?? Initialize();

    public void Dispose() => _subscription.Dispose();

    private PartnerDirectory Initialize()
    {
        lock (_lock)
        {
            if (_current is null)
            {
                // Start-up validation (PartnersOptionsValidator) has already proved this builds.
                if (!PartnerDirectoryBuilder.TryBuild(_options.Current, _time.GetUtcNow(), out var directory, out var errors))
                {
                    throw new OptionsValidationException(PartnersOptions.SectionName, typeof(PartnersOptions), errors);
                }

                _current = directory;
            }

            return _current!;
        }
    }

    private void Reload(PartnersOptions options)
    {
        if (PartnerDirectoryBuilder.TryBuild(options, _time.GetUtcNow(), out var directory, out var errors))
        {
            lock (_lock)
            {
                Volatile.Write(ref _current, directory!);
            }

            _logger.PartnerRegistryReloaded(directory!.Partners.Length);
        }
        else
        {
            _logger.PartnerRegistryReloadRejected(string.Join(" ", errors));
        }
    }
}
