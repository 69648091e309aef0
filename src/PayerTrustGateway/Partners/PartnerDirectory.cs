using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PayerTrustGateway.Partners;

/// <summary>
/// An immutable snapshot of the partner estate as the request path sees it: configured and registered
/// partners with their effective lifecycle state, frozen lookups from certificate identity to workload,
/// and gateway-side revocations. Built by <see cref="PartnerDirectoryBuilder"/> (configuration) and
/// <see cref="PartnerEstateComposer"/> (configuration + governance store); every change builds a new one.
/// </summary>
internal sealed class PartnerDirectory
{
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySanUri;
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySanDns;
    private readonly FrozenDictionary<string, RegisteredWorkload> _bySpki;
    private readonly FrozenDictionary<string, RegisteredWorkload> _byThumbprint;
    private readonly FrozenDictionary<string, RegisteredWorkload> _byClientId;
    private readonly FrozenDictionary<string, RegisteredWorkload> _byQualifiedId;
    private readonly FrozenDictionary<string, RegisteredPartner> _partnersById;

    private PartnerDirectory(
        ImmutableArray<RegisteredPartner> partners,
        ImmutableArray<RegisteredWorkload> workloads,
        Dictionary<string, RegisteredWorkload> bySanUri,
        Dictionary<string, RegisteredWorkload> bySanDns,
        Dictionary<string, RegisteredWorkload> bySpki,
        Dictionary<string, RegisteredWorkload> byThumbprint,
        Dictionary<string, RegisteredWorkload> byClientId,
        FrozenSet<string> revokedThumbprints,
        TimeSpan certificationGrace)
    {
        Partners = partners;
        Workloads = workloads;
        _bySanUri = bySanUri.ToFrozenDictionary(StringComparer.Ordinal);
        _bySanDns = bySanDns.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _bySpki = bySpki.ToFrozenDictionary(StringComparer.Ordinal);
        _byThumbprint = byThumbprint.ToFrozenDictionary(StringComparer.Ordinal);
        _byClientId = byClientId.ToFrozenDictionary(StringComparer.Ordinal);
        _byQualifiedId = workloads.ToFrozenDictionary(workload => workload.QualifiedId, StringComparer.Ordinal);
        _partnersById = partners.ToFrozenDictionary(partner => partner.Id, StringComparer.Ordinal);
        RevokedThumbprints = revokedThumbprints;
        CertificationGrace = certificationGrace;
    }

    public ImmutableArray<RegisteredPartner> Partners { get; }

    public ImmutableArray<RegisteredWorkload> Workloads { get; }

    /// <summary>Certificates revoked at the gateway (<c>x5t#S256</c>): refused whatever their CA says.</summary>
    public FrozenSet<string> RevokedThumbprints { get; }

    /// <summary>How long past its review date a workload keeps working.</summary>
    public TimeSpan CertificationGrace { get; }

    /// <summary>
    /// Indexes <paramref name="workloads"/> by every identity each carries. The first workload to claim an
    /// identity keeps it; each later claim is reported in <paramref name="conflicts"/> and that workload is
    /// left out of the index it conflicts in.
    /// </summary>
    public static PartnerDirectory Create(
        ImmutableArray<RegisteredPartner> partners,
        ImmutableArray<RegisteredWorkload> workloads,
        FrozenSet<string> revokedThumbprints,
        TimeSpan certificationGrace,
        out List<string> conflicts)
    {
        conflicts = [];
        var bySanUri = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var bySanDns = new Dictionary<string, RegisteredWorkload>(StringComparer.OrdinalIgnoreCase);
        var bySpki = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var byThumbprint = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var byClientId = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        foreach (var workload in workloads)
        {
            Claim(bySanUri, workload.SanUri, workload, "SAN URI", conflicts);
            Claim(bySanDns, workload.SanDns, workload, "SAN DNS name", conflicts);
            Claim(bySpki, workload.SpkiSha256, workload, "SPKI pin", conflicts);
            Claim(byClientId, workload.ClientId, workload, "client id", conflicts);
            foreach (var thumbprint in workload.Certificates.Keys)
            {
                Claim(byThumbprint, thumbprint, workload, "attached certificate", conflicts);
            }
        }

        return new PartnerDirectory(partners, workloads, bySanUri, bySanDns, bySpki, byThumbprint, byClientId, revokedThumbprints, certificationGrace);
    }

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
        if (_byThumbprint.Count > 0)
        {
            Consider(_byThumbprint, facts.Thumbprint, ref match, ref ambiguous);
        }

        return ambiguous ? null : match;
    }

    /// <summary>The workload named "partner/workload", if registered.</summary>
    public RegisteredWorkload? FindWorkload(string qualifiedId) =>
        _byQualifiedId.TryGetValue(qualifiedId, out var workload) ? workload : null;

    /// <summary>The partner with this id, if registered.</summary>
    public RegisteredPartner? FindPartner(string id) =>
        _partnersById.TryGetValue(id, out var partner) ? partner : null;

    /// <summary>The workload an OAuth client id belongs to, if any.</summary>
    public RegisteredWorkload? FindByClientId(string clientId) =>
        _byClientId.TryGetValue(clientId, out var workload) ? workload : null;

    /// <summary>The workload already identified by any of these SAN URI, SAN DNS or SPKI values, if any (admin API duplicate checks).</summary>
    public RegisteredWorkload? FindByIdentity(string? sanUri, string? sanDns, string? spki)
    {
        if (sanUri is not null && _bySanUri.TryGetValue(sanUri, out var byUri))
        {
            return byUri;
        }

        if (sanDns is not null && _bySanDns.TryGetValue(sanDns, out var byDns))
        {
            return byDns;
        }

        return spki is not null && _bySpki.TryGetValue(spki, out var bySpki) ? bySpki : null;
    }

    private static void Claim(Dictionary<string, RegisteredWorkload> index, string? value, RegisteredWorkload workload, string what, List<string> conflicts)
    {
        if (value is null)
        {
            return;
        }

        if (!index.TryAdd(value, workload) && !ReferenceEquals(index[value], workload))
        {
            conflicts.Add($"{what} '{value}' of workload '{workload.QualifiedId}' already identifies workload '{index[value].QualifiedId}'; one certificate must map to exactly one workload.");
        }
    }

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
