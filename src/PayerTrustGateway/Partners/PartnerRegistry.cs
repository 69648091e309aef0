using Microsoft.Extensions.Options;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Read side of the partner estate on the request path: the current <see cref="PartnerDirectory"/>, composed
/// from configuration and the governance store (<see cref="PartnerEstateComposer"/>).
/// An accepted configuration change rebuilds the configured part; a governance change (admin API)
/// recomposes before the admin call is answered, so it bites on the very next request. A rejected
/// configuration never reaches here (<see cref="LastGoodOptions{TOptions}"/>); one whose files changed again
/// between validation and build is logged while the last good directory keeps serving.
/// </summary>
internal sealed class PartnerRegistry : IDisposable
{
    private readonly LastGoodOptions<PartnersOptions> _options;
    private readonly LastGoodOptions<GovernanceOptions> _governanceOptions;
    private readonly GovernanceRegistry _governance;
    private readonly TimeProvider _time;
    private readonly ILogger<PartnerRegistry> _logger;
    private readonly IDisposable _subscription;
    private readonly IDisposable _governanceSubscription;
    private readonly Lock _lock = new();
    private PartnerDirectory? _configured;
    private PartnerDirectory? _current;

    public PartnerRegistry(
        LastGoodOptions<PartnersOptions> options,
        LastGoodOptions<GovernanceOptions> governanceOptions,
        GovernanceRegistry governance,
        TimeProvider time,
        ILogger<PartnerRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(governanceOptions);
        ArgumentNullException.ThrowIfNull(governance);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _governanceOptions = governanceOptions;
        _governance = governance;
        _time = time;
        _logger = logger;
        _subscription = options.OnChange(Reload);
        _governanceSubscription = governanceOptions.OnChange(_ => Recompose());
        governance.Changed += OnGovernanceChanged;
    }

    /// <summary>The current directory; built on first use, after start-up validation (<see cref="InitialSnapshotService"/>).</summary>
    public PartnerDirectory Current => Volatile.Read(ref _current) ?? Initialize();

    /// <summary>The partners and workloads defined in configuration alone (the admin API refuses to redefine them).</summary>
    public PartnerDirectory Configured
    {
        get
        {
            _ = Current;
            return Volatile.Read(ref _configured)!;
        }
    }

    public void Dispose()
    {
        _governance.Changed -= OnGovernanceChanged;
        _subscription.Dispose();
        _governanceSubscription.Dispose();
    }

    private void OnGovernanceChanged(GovernanceState state) => Recompose();

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

                _configured = directory;
                _current = Compose(directory!);
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
                Volatile.Write(ref _configured, directory!);
                Volatile.Write(ref _current, Compose(directory!));
            }

            _logger.PartnerRegistryReloaded(directory!.Partners.Length);
        }
        else
        {
            _logger.PartnerRegistryReloadRejected(string.Join(" ", errors));
        }
    }

    private void Recompose()
    {
        lock (_lock)
        {
            if (_configured is { } configured)
            {
                Volatile.Write(ref _current, Compose(configured));
            }
        }
    }

    private PartnerDirectory Compose(PartnerDirectory configured)
    {
        var directory = PartnerEstateComposer.Compose(configured, _governance.Current, _governanceOptions.Current.CertificationGrace, _time.GetUtcNow(), out var problems);
        foreach (var problem in problems)
        {
            _logger.PartnerEstateProblem(problem);
        }

        return directory;
    }
}
