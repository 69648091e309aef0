using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Turns <see cref="PartnersOptions"/> into a <see cref="PartnerDirectory"/>, loading trust anchors,
/// intermediates and CRLs. Reports every problem at once, each naming its configuration key.
/// </summary>
internal static class PartnerDirectoryBuilder
{
    private const string Root = "TrustGateway:Partners";

    public static bool TryBuild(PartnersOptions options, DateTimeOffset now, out PartnerDirectory? directory, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        errors = [];
        var partners = ImmutableArray.CreateBuilder<RegisteredPartner>();
        var bySanUri = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var bySanDns = new Dictionary<string, RegisteredWorkload>(StringComparer.OrdinalIgnoreCase);
        var bySpki = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var byClientId = new Dictionary<string, RegisteredWorkload>(StringComparer.Ordinal);
        var workloads = ImmutableArray.CreateBuilder<RegisteredWorkload>();

        foreach (var (partnerId, partnerOptions) in options.Partners)
        {
            var key = $"{Root}:{partnerId}";
            if (!WorkloadIdentityRules.IsValidId(partnerId))
            {
                errors.Add($"{key}: partner ids use letters, digits, '-', '_' and '.' only.");
            }

            var partner = BuildPartner(partnerId, partnerOptions, key, now, errors);
            partners.Add(partner);

            if (partnerOptions.Workloads.Count == 0)
            {
                errors.Add($"{key}:Workloads: a partner needs at least one workload to be able to call.");
            }

            foreach (var (workloadId, workloadOptions) in partnerOptions.Workloads)
            {
                var workloadKey = $"{key}:Workloads:{workloadId}";
                if (!WorkloadIdentityRules.IsValidId(workloadId))
                {
                    errors.Add($"{workloadKey}: workload ids use letters, digits, '-', '_' and '.' only.");
                }

                var workload = BuildClient(new RegisteredWorkload(partner, workloadId, workloadOptions.Status), workloadOptions, workloadKey, errors) with
                {
                    SanUri = Blank(workloadOptions.SanUri),
                    SanDns = Blank(workloadOptions.SanDns),
                    SpkiSha256 = Blank(workloadOptions.SpkiSha256),
                    Stewardship = BuildStewardship(workloadOptions, workloadKey, errors),
                    LastCertifiedAt = workloadOptions.CertifiedOn,
                };
                IndexWorkload(workload, workloadOptions, workloadKey, bySanUri, bySanDns, bySpki, errors);
                AddUnique(byClientId, workload.ClientId, workload, $"{workloadKey}:ClientId", errors);
                workloads.Add(workload);
            }
        }

        // Uniqueness was checked above with configuration keys in the messages, so Create finds no conflict.
        directory = errors.Count == 0
            ? PartnerDirectory.Create(partners.ToImmutable(), workloads.ToImmutable(), FrozenSet<string>.Empty, TimeSpan.Zero, out _)
            : null;
        return directory is not null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // A configured workload is certification-governed when it declares a review cadence; then it declares
    // its stewardship and the date it was last certified outside the gateway, and later certifications
    // through the admin API carry it forward.
    private static Governance.WorkloadStewardship? BuildStewardship(WorkloadOptions options, string key, List<string> errors)
    {
        if (options.ReviewCadence is not { } cadence)
        {
            if (options.Owner is not null || options.Sponsor is not null || options.ExpiresOn is not null || options.CertifiedOn is not null)
            {
                errors.Add($"{key}:ReviewCadence: set it too; stewardship (Owner, Sponsor, Purpose, ExpiresOn, CertifiedOn) applies to certification-governed workloads.");
            }

            return null;
        }

        if (cadence <= TimeSpan.Zero || cadence > TimeSpan.FromDays(730))
        {
            errors.Add($"{key}:ReviewCadence must be between 1 day and 730 days.");
        }

        foreach (var (name, value) in new[] { ("Owner", options.Owner), ("Sponsor", options.Sponsor), ("Purpose", options.Purpose) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{key}:{name} is required for a workload with a ReviewCadence.");
            }
        }

        if (options.ExpiresOn is null || options.CertifiedOn is null)
        {
            errors.Add($"{key}: ExpiresOn and CertifiedOn are required for a workload with a ReviewCadence.");
        }

        return new Governance.WorkloadStewardship
        {
            Owner = options.Owner ?? string.Empty,
            Sponsor = options.Sponsor ?? string.Empty,
            Purpose = options.Purpose ?? string.Empty,
            ExpiresAt = options.ExpiresOn ?? DateTimeOffset.MinValue,
            ReviewCadence = cadence,
            CertifiedAt = options.CertifiedOn,
        };
    }

    private static RegisteredWorkload BuildClient(RegisteredWorkload workload, WorkloadOptions options, string key, List<string> errors)
    {
        for (var i = 0; i < options.Scopes.Count; i++)
        {
            if (!WorkloadIdentityRules.IsSystemScope(options.Scopes[i]))
            {
                errors.Add($"{key}:Scopes:{i}: '{options.Scopes[i]}' is not a SMART system/ scope; partner workloads act as systems (patient/ and user/ scopes never satisfy payer-to-payer routes).");
            }
        }

        IReadOnlyList<SecurityKey> assertionKeys = [];
        if (!string.IsNullOrWhiteSpace(options.AssertionKeyFile)
            && !StaticIssuerKeys.TryLoadFile(options.AssertionKeyFile, out assertionKeys, out var keyError))
        {
            errors.Add($"{key}:AssertionKeyFile: {keyError}.");
        }

        if (options.ClientId is { } clientId && (clientId.Length is 0 or > 200 || clientId.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{key}:ClientId must be 1-200 characters without spaces.");
        }

        return workload with
        {
            ClientId = string.IsNullOrWhiteSpace(options.ClientId) ? workload.QualifiedId : options.ClientId,
            Scopes = [.. options.Scopes.Distinct(StringComparer.Ordinal)],
            Tags = [.. options.Tags.Distinct(StringComparer.Ordinal)],
            PurposesOfUse = [.. options.PurposesOfUse.Where(purpose => !string.IsNullOrWhiteSpace(purpose)).Distinct(StringComparer.Ordinal)],
            ActorKind = options.ActorKind,
            AssertionKeys = assertionKeys,
        };
    }

    private static RegisteredPartner BuildPartner(string id, PartnerOptions options, string key, DateTimeOffset now, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            errors.Add($"{key}:DisplayName is required.");
        }

        if (!Enum.IsDefined(options.Status))
        {
            errors.Add($"{key}:Status must be Active, Suspended or Retired.");
        }

        if (options.TrustAnchors.Count == 0)
        {
            errors.Add($"{key}:TrustAnchors: name at least one CA certificate file; partners never chain to system roots.");
        }

        var anchors = LoadCertificates(options.TrustAnchors, $"{key}:TrustAnchors", requireCa: true, errors);
        var intermediates = LoadCertificates(options.Intermediates, $"{key}:Intermediates", requireCa: true, errors);
        var lists = LoadRevocationLists(options.Revocation, [.. anchors, .. intermediates], $"{key}:Revocation", now, errors);

        var ocsp = OcspPolicy.Build(options.Revocation.Ocsp, $"{key}:Revocation:Ocsp", errors);

        return new RegisteredPartner(id, options.DisplayName ?? id, options.Status, anchors, intermediates, options.Revocation.Mode, lists)
        {
            OrganizationId = string.IsNullOrWhiteSpace(options.OrganizationId) ? null : options.OrganizationId,
            Ocsp = ocsp,
        };
    }

    private static X509Certificate2Collection LoadCertificates(List<string> paths, string key, bool requireCa, List<string> errors)
    {
        var collection = new X509Certificate2Collection();
        for (var i = 0; i < paths.Count; i++)
        {
            if (!CertificateFileLoader.TryLoad(paths[i], out var loaded, out var error))
            {
                errors.Add($"{key}:{i}: {error}.");
                continue;
            }

            foreach (var certificate in loaded)
            {
                if (requireCa && !CertificateFileLoader.IsCertificateAuthority(certificate))
                {
                    errors.Add($"{key}:{i}: '{paths[i]}' holds a certificate that is not a CA (basicConstraints cA=false): {certificate.Subject}.");
                }
            }

            collection.AddRange(loaded);
        }

        return collection;
    }

    private static ImmutableArray<RevocationList> LoadRevocationLists(
        RevocationOptions options, X509Certificate2[] issuers, string key, DateTimeOffset now, List<string> errors)
    {
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{key}:Mode must be Crl or None.");
            return [];
        }

        if (options.Mode == RevocationMode.None)
        {
            return [];
        }

        if (options.CrlFiles.Count == 0)
        {
            errors.Add($"{key}:CrlFiles: Mode is Crl, so name a CRL file for each issuing CA, or set Mode to None explicitly.");
        }

        if (options.StaleRetryInterval < TimeSpan.FromSeconds(1) || options.StaleRetryInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{key}:StaleRetryInterval must be between 00:00:01 and 01:00:00.");
        }

        var lists = ImmutableArray.CreateBuilder<RevocationList>();
        for (var i = 0; i < options.CrlFiles.Count; i++)
        {
            if (RevocationList.TryLoad(options.CrlFiles[i], issuers, now, options.StaleRetryInterval, out var list, out var error))
            {
                lists.Add(list!);
            }
            else
            {
                errors.Add($"{key}:CrlFiles:{i}: {error}.");
            }
        }

        return lists.ToImmutable();
    }

    private static void IndexWorkload(
        RegisteredWorkload workload,
        WorkloadOptions options,
        string key,
        Dictionary<string, RegisteredWorkload> bySanUri,
        Dictionary<string, RegisteredWorkload> bySanDns,
        Dictionary<string, RegisteredWorkload> bySpki,
        List<string> errors)
    {
        if (!Enum.IsDefined(options.Status))
        {
            errors.Add($"{key}:Status must be Active, Suspended or Retired.");
        }

        var matchers = new[] { options.SanUri, options.SanDns, options.SpkiSha256 }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (matchers != 1)
        {
            errors.Add($"{key}: set exactly one of SanUri, SanDns or SpkiSha256 (found {matchers}).");
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.SanUri))
        {
            if (!WorkloadIdentityRules.IsSanUri(options.SanUri))
            {
                errors.Add($"{key}:SanUri '{options.SanUri}' is not an absolute URI.");
            }

            AddUnique(bySanUri, options.SanUri, workload, $"{key}:SanUri", errors);
        }
        else if (!string.IsNullOrWhiteSpace(options.SanDns))
        {
            if (!WorkloadIdentityRules.IsSanDns(options.SanDns))
            {
                errors.Add($"{key}:SanDns '{options.SanDns}' must be a plain DNS name (no wildcards).");
            }

            AddUnique(bySanDns, options.SanDns, workload, $"{key}:SanDns", errors);
        }
        else
        {
            if (!WorkloadIdentityRules.IsSpkiPin(options.SpkiSha256!))
            {
                errors.Add($"{key}:SpkiSha256 must be the base64 SHA-256 (32 bytes) of the SubjectPublicKeyInfo.");
            }

            AddUnique(bySpki, options.SpkiSha256!, workload, $"{key}:SpkiSha256", errors);
        }
    }

    private static void AddUnique(Dictionary<string, RegisteredWorkload> index, string value, RegisteredWorkload workload, string key, List<string> errors)
    {
        if (!index.TryAdd(value, workload))
        {
            errors.Add($"{key}: '{value}' already identifies workload '{index[value].QualifiedId}'; one certificate must map to exactly one workload.");
        }
    }
}
