using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PayerTrustGateway.Governance;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Combines the configured partner directory with the governance store into the directory the request
/// path uses. The rules (also in the README):
/// <list type="bullet">
/// <item>Configuration defines its partners and workloads (identity, trust material, scopes, stewardship);
/// the store cannot redefine them. A stored definition under a configured id is ignored and reported.</item>
/// <item>Lifecycle status combines to the stricter of the two: configuration can suspend what the store
/// calls active and vice versa; only the source that suspended can reinstate; retired anywhere is final.</item>
/// <item>Certifications, attached certificates, gateway revocations, posture and grants live only in the store
/// and apply to configured and registered workloads alike; a certification in the store supersedes the
/// configured <c>CertifiedOn</c> when it is later.</item>
/// <item>Partners and workloads registered through the admin API exist only in the store.</item>
/// </list>
/// Pure: the caller supplies both inputs; the output is a new immutable directory.
/// </summary>
internal static class PartnerEstateComposer
{
    public static PartnerDirectory Compose(PartnerDirectory configured, GovernanceState state, TimeSpan certificationGrace, DateTimeOffset now, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(state);
        problems = [];
        var grantsByWorkload = state.Grants.Values
            .Where(grant => grant.State == GrantState.Approved)
            .GroupBy(grant => grant.Workload, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(grant => grant.StartsAt).ToImmutableArray(), StringComparer.Ordinal);
        var certificatesByWorkload = state.Certificates.Values
            .GroupBy(certificate => certificate.QualifiedWorkload, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToFrozenDictionary(certificate => certificate.Thumbprint, StringComparer.Ordinal), StringComparer.Ordinal);

        var partners = new Dictionary<string, RegisteredPartner>(StringComparer.Ordinal);
        foreach (var partner in configured.Partners)
        {
            var stored = state.Partners.GetValueOrDefault(partner.Id);
            if (stored?.Definition is not null)
            {
                problems.Add($"Partner '{partner.Id}' is defined in configuration; its stored definition is ignored.");
            }

            partners[partner.Id] = partner with
            {
                Status = Stricter(partner.Status, stored?.Status ?? PartnerStatus.Active),
                Posture = state.Posture.GetValueOrDefault(partner.Id),
            };
        }

        foreach (var stored in state.Partners.Values.Where(record => record.Definition is not null && !partners.ContainsKey(record.Id)))
        {
            if (TryBuildPartner(stored, now, out var partner, out var error))
            {
                partners[stored.Id] = partner! with { Posture = state.Posture.GetValueOrDefault(stored.Id) };
            }
            else
            {
                problems.Add($"Stored partner '{stored.Id}' cannot be loaded and is left out: {error}");
            }
        }

        var workloads = ImmutableArray.CreateBuilder<RegisteredWorkload>();
        var configuredIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in configured.Workloads)
        {
            configuredIds.Add(workload.QualifiedId);
            var stored = state.Workloads.GetValueOrDefault(workload.QualifiedId);
            if (stored?.Definition is not null)
            {
                problems.Add($"Workload '{workload.QualifiedId}' is defined in configuration; its stored definition is ignored.");
            }

            workloads.Add(Govern(workload with
            {
                Partner = partners[workload.Partner.Id],
                Status = Stricter(workload.Status, stored?.Status ?? WorkloadStatus.Active),
                LastCertifiedAt = Later(workload.LastCertifiedAt, stored?.LastCertifiedAt),
            }, certificatesByWorkload, grantsByWorkload));
        }

        foreach (var stored in state.Workloads.Values.Where(record => record.Definition is not null && !configuredIds.Contains(record.QualifiedId)))
        {
            if (!partners.TryGetValue(stored.PartnerId, out var partner))
            {
                problems.Add($"Stored workload '{stored.QualifiedId}' belongs to no loaded partner and is left out.");
                continue;
            }

            var definition = stored.Definition!;
            workloads.Add(Govern(new RegisteredWorkload(partner, stored.Id, stored.Status)
            {
                ClientId = definition.ClientId ?? stored.QualifiedId,
                Scopes = definition.Scopes,
                PurposesOfUse = definition.PurposesOfUse,
                Tags = definition.Tags,
                SanUri = definition.SanUri,
                SanDns = definition.SanDns,
                SpkiSha256 = definition.SpkiSha256,
                Source = EstateSource.AdminApi,
                Stewardship = stored.Stewardship,
                LastCertifiedAt = stored.LastCertifiedAt,
            }, certificatesByWorkload, grantsByWorkload));
        }

        var directory = PartnerDirectory.Create(
            [.. partners.Values], workloads.ToImmutable(), state.Revocations.Keys.ToFrozenSet(StringComparer.Ordinal), certificationGrace, out var conflicts);
        problems.AddRange(conflicts);
        return directory;
    }

    /// <summary>
    /// Builds a registered partner from its stored definition (PEM trust material). Such partners have CRL or no
    /// revocation checking only: OCSP (<see cref="RegisteredPartner.Ocsp"/>) is configured in <c>TrustGateway:Partners</c>
    /// and stays off for partners registered through the admin API.
    /// </summary>
    public static bool TryBuildPartner(PartnerRecord record, DateTimeOffset now, out RegisteredPartner? partner, out string? error)
    {
        ArgumentNullException.ThrowIfNull(record);
        partner = null;
        var definition = record.Definition ?? throw new ArgumentException("The partner is defined in configuration.", nameof(record));
        if (!TryImport(definition.TrustAnchors, "trust anchor", out var anchors, out error)
            || !TryImport(definition.Intermediates, "intermediate", out var intermediates, out error))
        {
            return false;
        }

        if (anchors.Count == 0)
        {
            error = "a partner needs at least one trust anchor";
            return false;
        }

        if (anchors.Concat(intermediates).FirstOrDefault(certificate => !CertificateFileLoader.IsCertificateAuthority(certificate)) is { } notCa)
        {
            error = $"'{notCa.Subject}' is not a CA certificate (basicConstraints cA=false)";
            return false;
        }

        var lists = ImmutableArray.CreateBuilder<RevocationList>();
        if (definition.RevocationMode == RevocationMode.Crl)
        {
            if (definition.Crls.IsDefaultOrEmpty)
            {
                error = "revocation mode Crl needs a CRL for each issuing CA (or mode None)";
                return false;
            }

            foreach (var crl in definition.Crls)
            {
                if (!RevocationList.TryCreate(Encoding.ASCII.GetBytes(crl), [.. anchors, .. intermediates], now, out var list, out error))
                {
                    return false;
                }

                lists.Add(list!);
            }
        }

        partner = new RegisteredPartner(record.Id, definition.DisplayName, record.Status, anchors, intermediates, definition.RevocationMode, lists.ToImmutable())
        {
            OrganizationId = definition.OrganizationId,
            Source = EstateSource.AdminApi,
        };
        return true;
    }

    private static RegisteredWorkload Govern(
        RegisteredWorkload workload,
        Dictionary<string, FrozenDictionary<string, AttachedCertificate>> certificates,
        Dictionary<string, ImmutableArray<AccessGrant>> grants) =>
        workload with
        {
            Certificates = certificates.GetValueOrDefault(workload.QualifiedId) ?? FrozenDictionary<string, AttachedCertificate>.Empty,
            Grants = grants.GetValueOrDefault(workload.QualifiedId, []),
        };

    private static bool TryImport(ImmutableArray<string> pems, string what, out X509Certificate2Collection collection, out string? error)
    {
        collection = [];
        error = null;
        foreach (var pem in pems.IsDefault ? [] : pems)
        {
            try
            {
                collection.ImportFromPem(pem);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                error = $"a {what} is not a readable PEM certificate";
                return false;
            }
        }

        return true;
    }

    /// <summary>The stricter of two partner statuses: Retired over Suspended over Active.</summary>
    public static PartnerStatus Stricter(PartnerStatus a, PartnerStatus b) => (PartnerStatus)Math.Max((int)a, (int)b);

    /// <summary>The stricter of two workload statuses: Retired, then Suspended, Requested, Provisioned, then Active.</summary>
    public static WorkloadStatus Stricter(WorkloadStatus a, WorkloadStatus b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(WorkloadStatus status) => status switch
    {
        WorkloadStatus.Active => 0,
        WorkloadStatus.Provisioned => 1,
        WorkloadStatus.Requested => 2,
        WorkloadStatus.Suspended => 3,
        _ => 4,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
