using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Policy;

/// <summary>Read side of the route policies: the current <see cref="TrustPolicySet"/>, swapped whole on reload.</summary>
internal sealed class PolicyRegistry : IDisposable
{
    private readonly IDisposable? _subscription;
    private TrustPolicySet _current;

    public PolicyRegistry(IOptionsMonitor<PoliciesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = TrustPolicySet.From(options.CurrentValue);
        // The options monitor only hands over values that passed PoliciesOptionsValidator.
        _subscription = options.OnChange(changed => Volatile.Write(ref _current, TrustPolicySet.From(changed)));
    }

    public TrustPolicySet Current => Volatile.Read(ref _current);

    public void Dispose() => _subscription?.Dispose();
}
