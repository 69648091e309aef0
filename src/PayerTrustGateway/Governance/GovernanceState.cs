using System.Collections.Immutable;

namespace PayerTrustGateway.Governance;

/// <summary>
/// An immutable snapshot of everything the admin API has recorded about the partner estate. Each change
/// produces a new snapshot (<see cref="Apply"/>); readers never see a half-applied change.
/// </summary>
internal sealed class GovernanceState
{
    public static readonly GovernanceState Empty = new(
        ImmutableDictionary<string, PartnerRecord>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, WorkloadRecord>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, AttachedCertificate>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, CertificateRevocation>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, PostureSignal>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, AccessGrant>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ReviewItem>.Empty.WithComparers(StringComparer.Ordinal));

    private GovernanceState(
        ImmutableDictionary<string, PartnerRecord> partners,
        ImmutableDictionary<string, WorkloadRecord> workloads,
        ImmutableDictionary<string, AttachedCertificate> certificates,
        ImmutableDictionary<string, CertificateRevocation> revocations,
        ImmutableDictionary<string, PostureSignal> posture,
        ImmutableDictionary<string, AccessGrant> grants,
        ImmutableDictionary<string, ReviewItem> reviews)
    {
        Partners = partners;
        Workloads = workloads;
        Certificates = certificates;
        Revocations = revocations;
        Posture = posture;
        Grants = grants;
        Reviews = reviews;
    }

    /// <summary>By partner id.</summary>
    public ImmutableDictionary<string, PartnerRecord> Partners { get; }

    /// <summary>By "partner/workload".</summary>
    public ImmutableDictionary<string, WorkloadRecord> Workloads { get; }

    /// <summary>Attached certificates (current and retired) by thumbprint.</summary>
    public ImmutableDictionary<string, AttachedCertificate> Certificates { get; }

    /// <summary>Gateway-side revocations by thumbprint.</summary>
    public ImmutableDictionary<string, CertificateRevocation> Revocations { get; }

    /// <summary>The latest posture signal by partner id.</summary>
    public ImmutableDictionary<string, PostureSignal> Posture { get; }

    /// <summary>Exceptions and break-glass grants by id.</summary>
    public ImmutableDictionary<string, AccessGrant> Grants { get; }

    /// <summary>Manual-review items by id.</summary>
    public ImmutableDictionary<string, ReviewItem> Reviews { get; }

    /// <summary>This snapshot with <paramref name="documents"/> written over it (each replaces the one with its key).</summary>
    public GovernanceState Apply(IEnumerable<object> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var partners = Partners.ToBuilder();
        var workloads = Workloads.ToBuilder();
        var certificates = Certificates.ToBuilder();
        var revocations = Revocations.ToBuilder();
        var posture = Posture.ToBuilder();
        var grants = Grants.ToBuilder();
        var reviews = Reviews.ToBuilder();
        foreach (var document in documents)
        {
            switch (document)
            {
                case PartnerRecord partner: partners[partner.Id] = partner; break;
                case WorkloadRecord workload: workloads[workload.QualifiedId] = workload; break;
                case AttachedCertificate certificate: certificates[certificate.Thumbprint] = certificate; break;
                case CertificateRevocation revocation: revocations[revocation.Thumbprint] = revocation; break;
                case PostureSignal signal: posture[signal.PartnerId] = signal; break;
                case AccessGrant grant: grants[grant.Id] = grant; break;
                case ReviewItem review: reviews[review.Id] = review; break;
                default: throw new ArgumentException($"Not a governance document: {document.GetType().Name}.", nameof(documents));
            }
        }

        return new GovernanceState(partners.ToImmutable(), workloads.ToImmutable(), certificates.ToImmutable(), revocations.ToImmutable(),
            posture.ToImmutable(), grants.ToImmutable(), reviews.ToImmutable());
    }

    /// <summary>The attached certificates of one workload, oldest first.</summary>
    public IEnumerable<AttachedCertificate> CertificatesOf(string qualifiedWorkload) =>
        Certificates.Values.Where(c => c.QualifiedWorkload == qualifiedWorkload).OrderBy(c => c.AttachedAt);
}
