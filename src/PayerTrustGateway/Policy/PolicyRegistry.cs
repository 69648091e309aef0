using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Read side of the route policies: the current <see cref="TrustPolicySet"/>, swapped whole on an
/// accepted reload. Built on first use, after start-up validation (<see cref="InitialSnapshotService"/>).
/// </summary>
internal sealed class PolicyRegistry : IDisposable
{
    private readonly LastGoodOptions<PoliciesOptions> _options;
    private readonly IDisposable _subscription;
    private readonly Lock _lock = new();
    private TrustPolicySet? _current;

    public PolicyRegistry(LastGoodOptions<PoliciesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;

        // Only values that passed PoliciesOptionsValidator are handed over.
        _subscription = options.OnChange(changed =>
        {
            lock (_lock)
            {
                Volatile.Write(ref _current, TrustPolicySet.From(changed));
            }
        });
    }

    public TrustPolicySet Current => Volatile.Read(ref _current) ?? Initialize();

    public void Dispose() => _subscription.Dispose();

    private TrustPolicySet Initialize()
    {
        lock (_lock)
        {
            return _current ??= TrustPolicySet.From(_options.Current);
        }
    }
}
