namespace PayerTrustGateway.Partners;

/// <summary>
/// Holds the chain verdict for the one client certificate of one TLS connection. Only successful
/// verdicts are kept, keyed by the registry snapshot they were built against; a reload, or the clock
/// leaving the chain's validity window, forces a rebuild. Revocation and status are never cached.
/// Safe for concurrent HTTP/2 streams: the entry is an immutable record swapped atomically.
/// </summary>
internal sealed class ChainVerdictCache
{
    private Entry? _entry;

    public ChainVerdict? Get(PartnerDirectory directory, RegisteredPartner partner, DateTimeOffset now)
    {
        var entry = Volatile.Read(ref _entry);
        return entry is not null
            && ReferenceEquals(entry.Directory, directory)
            && ReferenceEquals(entry.Partner, partner)
            && entry.Verdict.IsValidAt(now)
            ? entry.Verdict
            : null;
    }

    public void Set(PartnerDirectory directory, RegisteredPartner partner, ChainVerdict verdict) =>
        Volatile.Write(ref _entry, new Entry(directory, partner, verdict));

    private sealed record Entry(PartnerDirectory Directory, RegisteredPartner Partner, ChainVerdict Verdict);
}
