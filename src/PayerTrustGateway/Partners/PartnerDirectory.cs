using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PayerTrustGateway.Partners;

/// <summary>
/// An immutable snapshot of the partner registry with frozen lookups from certificate identity to
/// workload. Built from configuration by <see cref="PartnerDirectoryBuilder"/>; a reload builds a new one.
/// </summary>
internal sealed class PartnerDirectory
{
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySanUri;
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySanDns;
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySpki;
    private readonly FrozenDictionary<string, RegisteredWorkload> _byClientId;
    private readonly FrozenDictionary<string, RegisteredWorkload> _byQualifiedId;

    public PartnerDirectory(
        ImmutableArray<RegisteredPartner> partners,
        FrozenDictionary<string, RegisteredWorkload> bySanUri,
        FrozenDictionary<string, RegisteredWorkload> bySanDns,
        FrozenDictionary<string, RegisteredWorkload> bySpki,
        FrozenDictionary<string, RegisteredWorkload> byClientId)
    {
        Partners = partners;
        _bySanUri = bySanUri;
        _bySanDns = bySanDns;
        _bySpki = bySpki;
        _byClientId = byClientId;
        _byQualifiedId = byClientId.Values.ToFrozenDictionary(workload => workload.QualifiedId, StringComparer.Ordinal);
    }

    public ImmutableArray<RegisteredPartner> Partners { get; }

    /// <summary>
    /// The single workload the certificate's identities name. Zero matches and several matches both
    /// answer null, with <paramref name="ambiguous"/> telling them apart.
    /// </summary>
    public RegisteredWorkload? Match(CertificateFacts facts, out bool ambiguous)
    {
        ArgumentNullException.ThrowIfNull(facts);
        RegisteredWorkload? match = null;
        ambiguous = false;

        foreach (var uri in facts.SanUris)
        {
            Consider(_bySanUri, uri, ref match, ref ambiguous);
        }

        foreach (var dns in facts.SanDnsNames)
        {
            Consider(_bySanDns, dns, ref match, ref ambiguous);
        }

        Consider(_bySpki, facts.SpkiSha256, ref match, ref ambiguous);
        return ambiguous ? null : match;
    }

    /// <summary>The workload named "partner/workload", if registered.</summary>
    public RegisteredWorkload? FindWorkload(string qualifiedId) =>
        _byQualifiedId.TryGetValue(qualifiedId, out var workload) ? workload : null;

    /// <summary>The workload an OAuth client id belongs to, if any.</summary>
    public RegisteredWorkload? FindByClientId(string clientId) =>
        _byClientId.TryGetValue(clientId, out var workload) ? workload : null;

    private static void Consider(FrozenDictionary<string, RegisteredWorkload> index, string key, ref RegisteredWorkload? match, ref bool ambiguous)
    {
        if (!index.TryGetValue(key, out var workload))
        {
            return;
        }

        if (match is not null && !ReferenceEquals(match, workload))
        {
            ambiguous = true;
        }

        match = workload;
    }
}
