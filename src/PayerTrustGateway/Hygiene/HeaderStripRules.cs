using System.Collections.Frozen;
using PayerTrustGateway.Forwarding;

namespace PayerTrustGateway.Hygiene;

/// <summary>The compiled set of inbound headers to remove, built once per configuration snapshot.</summary>
internal sealed class HeaderStripRules
{
    private readonly FrozenSet<string> _exact;
    private readonly string[] _prefixes;

    public HeaderStripRules(RequestHygieneOptions hygiene, ForwardingOptions forwarding)
    {
        ArgumentNullException.ThrowIfNull(hygiene);
        ArgumentNullException.ThrowIfNull(forwarding);
        Hygiene = hygiene;
        Forwarding = forwarding;
        _exact = hygiene.StrippedHeaders.Concat(forwarding.GatewayAssertedHeaders())
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _prefixes = [.. hygiene.StrippedHeaderPrefixes];
    }

    public RequestHygieneOptions Hygiene { get; }

    public ForwardingOptions Forwarding { get; }

    public bool ShouldStrip(string headerName)
    {
        if (_exact.Contains(headerName))
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (headerName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
