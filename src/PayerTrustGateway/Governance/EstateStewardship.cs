using System.Globalization;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Governance;

/// <summary>
/// Partners and workloads through the admin API: register, update, and move through the lifecycle
/// request → provision → certify (active) → suspend/reinstate → retire. Each operation is decided against
/// the current governance snapshot and the configured estate, stored, and in force before it returns.
/// </summary>
internal sealed class EstateStewardship
{
    private readonly GovernanceRegistry _governance;
    private readonly PartnerRegistry _partners;
    private readonly Hosting.LastGoodOptions<GovernanceOptions> _options;

    public EstateStewardship(GovernanceRegistry governance, PartnerRegistry partners, Hosting.LastGoodOptions<GovernanceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(governance);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(options);
        _governance = governance;
        _partners = partners;
        _options = options;
    }

    public Task<GovernanceOutcome> RegisterPartnerAsync(string id, PartnerDefinition definition, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _governance.ChangeAsync((state, now) =>
        {
            var problems = new List<string>();
            if (!WorkloadIdentityRules.IsValidId(id))
            {
                problems.Add("id: 1-64 letters, digits, '-', '_' or '.'.");
            }

            if (_partners.Configured.FindPartner(id) is not null || state.Partners.TryGetValue(id, out _))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Partner '{id}' already exists.").WithoutDocuments();
            }

            var record = new PartnerRecord { Id = id, Status = PartnerStatus.Active, Definition = definition, UpdatedAt = now, UpdatedBy = actor };
            CheckDefinition(record, now, problems);
            return problems.Count > 0
                ? GovernanceOutcome.Invalid(problems).WithoutDocuments()
                : GovernanceOutcome.Changed(record, "partner.register", id, null, Summarize(record), created: true).Writing(record);
        }, cancellationToken);
    }

    public Task<GovernanceOutcome> UpdatePartnerAsync(string id, PartnerDefinition definition, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _governance.ChangeAsync((state, now) =>
        {
            if (_partners.Configured.FindPartner(id) is not null)
            {
                return ConfiguredRefusal("Partner", id).WithoutDocuments();
            }

            if (!state.Partners.TryGetValue(id, out var existing) || existing.Definition is null)
            {
                return NotFound("Partner", id).WithoutDocuments();
            }

            if (existing.Status == PartnerStatus.Retired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Partner '{id}' is retired; retirement is final.").WithoutDocuments();
            }

            var record = existing with { Definition = definition, UpdatedAt = now, UpdatedBy = actor };
            var problems = new List<string>();
            CheckDefinition(record, now, problems);
            return problems.Count > 0
                ? GovernanceOutcome.Invalid(problems).WithoutDocuments()
                : GovernanceOutcome.Changed(record, "partner.update", id, Summarize(existing), Summarize(record)).Writing(record);
        }, cancellationToken);
    }

    public Task<GovernanceOutcome> ChangePartnerStatusAsync(string id, LifecycleTransition transition, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            var configured = _partners.Configured.FindPartner(id);
            state.Partners.TryGetValue(id, out var stored);
            if (configured is null && stored?.Definition is null)
            {
                return NotFound("Partner", id).WithoutDocuments();
            }

            var current = stored?.Status ?? PartnerStatus.Active;
            var effective = PartnerEstateComposer.Stricter(current, configured?.Status ?? PartnerStatus.Active);
            if (effective == PartnerStatus.Retired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Partner '{id}' is retired; retirement is final.").WithoutDocuments();
            }

            PartnerStatus next;
            switch (transition)
            {
                case LifecycleTransition.Suspend when current == PartnerStatus.Active:
                    next = PartnerStatus.Suspended;
                    break;
                case LifecycleTransition.Reinstate when current == PartnerStatus.Suspended:
                    next = PartnerStatus.Active;
                    break;
                case LifecycleTransition.Retire:
                    next = PartnerStatus.Retired;
                    break;
                default:
                    return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict,
                        $"Partner '{id}' is {current} in the store; it cannot be {Past(transition)}." + (configured?.Status is PartnerStatus.Suspended ? " It is suspended in configuration; reinstate it there." : string.Empty)).WithoutDocuments();
            }

            var record = (stored ?? new PartnerRecord { Id = id, UpdatedAt = now, UpdatedBy = actor }) with { Status = next, UpdatedAt = now, UpdatedBy = actor };
            return GovernanceOutcome.Changed(record, "partner." + transition.ToString().ToLowerInvariant(), id, "status=" + current, "status=" + next).Writing(record);
        }, cancellationToken);

    public Task<GovernanceOutcome> RequestWorkloadAsync(
        string partnerId, string id, WorkloadDefinition definition, WorkloadStewardship stewardship, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(stewardship);
        return _governance.ChangeAsync((state, now) =>
        {
            var qualified = partnerId + "/" + id;
            var problems = new List<string>();
            if (!WorkloadIdentityRules.IsValidId(id))
            {
                problems.Add("id: 1-64 letters, digits, '-', '_' or '.'.");
            }

            var partner = _partners.Current.FindPartner(partnerId);
            if (partner is null)
            {
                return NotFound("Partner", partnerId).WithoutDocuments();
            }

            if (partner.Status == PartnerStatus.Retired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Partner '{partnerId}' is retired.").WithoutDocuments();
            }

            if (_partners.Current.FindWorkload(qualified) is not null || state.Workloads.ContainsKey(qualified))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' already exists.").WithoutDocuments();
            }

            CheckWorkload(qualified, definition, stewardship, now, problems);
            var record = new WorkloadRecord
            {
                PartnerId = partnerId,
                Id = id,
                Status = WorkloadStatus.Requested,
                Definition = definition,
                Stewardship = stewardship,
                UpdatedAt = now,
                UpdatedBy = actor,
            };
            return problems.Count > 0
                ? GovernanceOutcome.Invalid(problems).WithoutDocuments()
                : GovernanceOutcome.Changed(record, "workload.request", qualified, null, Summarize(record), created: true).Writing(record);
        }, cancellationToken);
    }

    public Task<GovernanceOutcome> UpdateWorkloadAsync(
        string qualified, WorkloadDefinition definition, WorkloadStewardship stewardship, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(stewardship);
        return _governance.ChangeAsync((state, now) =>
        {
            if (_partners.Configured.FindWorkload(qualified) is not null)
            {
                return ConfiguredRefusal("Workload", qualified).WithoutDocuments();
            }

            if (!state.Workloads.TryGetValue(qualified, out var existing) || existing.Definition is null)
            {
                return NotFound("Workload", qualified).WithoutDocuments();
            }

            if (existing.Status == WorkloadStatus.Retired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is retired; retirement is final.").WithoutDocuments();
            }

            var problems = new List<string>();
            CheckWorkload(qualified, definition, stewardship, now, problems);
            var record = existing with { Definition = definition, Stewardship = stewardship, UpdatedAt = now, UpdatedBy = actor };
            return problems.Count > 0
                ? GovernanceOutcome.Invalid(problems).WithoutDocuments()
                : GovernanceOutcome.Changed(record, "workload.update", qualified, Summarize(existing), Summarize(record)).Writing(record);
        }, cancellationToken);
    }

    /// <summary>Requested → provisioned, once the workload can be recognised (a SAN or pin in its definition, or an attached certificate).</summary>
    public Task<GovernanceOutcome> ProvisionWorkloadAsync(string qualified, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            if (!state.Workloads.TryGetValue(qualified, out var existing) || existing.Definition is null)
            {
                return (_partners.Configured.FindWorkload(qualified) is null ? NotFound("Workload", qualified) : ConfiguredRefusal("Workload", qualified)).WithoutDocuments();
            }

            if (existing.Status != WorkloadStatus.Requested)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is {existing.Status}; only a requested workload is provisioned.").WithoutDocuments();
            }

            var definition = existing.Definition;
            if (definition.SanUri is null && definition.SanDns is null && definition.SpkiSha256 is null && !state.CertificatesOf(qualified).Any(c => !c.IsRetired))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' has no identity yet: attach its certificate or give it a SAN URI, SAN DNS name or SPKI pin.").WithoutDocuments();
            }

            var record = existing with { Status = WorkloadStatus.Provisioned, UpdatedAt = now, UpdatedBy = actor };
            return GovernanceOutcome.Changed(record, "workload.provision", qualified, "status=Requested", "status=Provisioned").Writing(record);
        }, cancellationToken);

    /// <summary>A reviewer certifies the workload: its review clock restarts, and a provisioned workload becomes active.</summary>
    public Task<GovernanceOutcome> CertifyWorkloadAsync(string qualified, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            var workload = _partners.Current.FindWorkload(qualified);
            if (workload is null)
            {
                return NotFound("Workload", qualified).WithoutDocuments();
            }

            if (workload.Stewardship is null)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is not certification-governed (its configuration declares no ReviewCadence).").WithoutDocuments();
            }

            if (workload.Status is WorkloadStatus.Retired or WorkloadStatus.Requested)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is {workload.Status}; it cannot be certified.").WithoutDocuments();
            }

            if (string.Equals(workload.Stewardship.Owner, actor, StringComparison.OrdinalIgnoreCase))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Forbidden, "A workload's owner cannot certify it.").WithoutDocuments();
            }

            var existing = state.Workloads.GetValueOrDefault(qualified)
                ?? new WorkloadRecord { PartnerId = workload.Partner.Id, Id = workload.Id, Status = WorkloadStatus.Active, UpdatedAt = now, UpdatedBy = actor };
            var status = existing.Status == WorkloadStatus.Provisioned ? WorkloadStatus.Active : existing.Status;
            var record = existing with { Status = status, LastCertifiedAt = now, LastCertifiedBy = actor, UpdatedAt = now, UpdatedBy = actor };
            var before = $"status={existing.Status}; certified={Format(workload.LastCertifiedAt)}";
            var after = $"status={status}; certified={Format(now)}; due={Format(now + workload.Stewardship.ReviewCadence)}";
            return GovernanceOutcome.Changed(record, "workload.certify", qualified, before, after).Writing(record);
        }, cancellationToken);

    public Task<GovernanceOutcome> ChangeWorkloadStatusAsync(string qualified, LifecycleTransition transition, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            var workload = _partners.Current.FindWorkload(qualified);
            state.Workloads.TryGetValue(qualified, out var stored);
            if (workload is null && stored is null)
            {
                return NotFound("Workload", qualified).WithoutDocuments();
            }

            var current = stored?.Status ?? WorkloadStatus.Active;
            if (workload?.Status == WorkloadStatus.Retired || current == WorkloadStatus.Retired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is retired; retirement is final.").WithoutDocuments();
            }

            WorkloadStatus next;
            switch (transition)
            {
                // Only an active workload is suspended: reinstating returns it to active, which must never
                // skip provisioning and certification.
                case LifecycleTransition.Suspend when current == WorkloadStatus.Active:
                    next = WorkloadStatus.Suspended;
                    break;
                case LifecycleTransition.Reinstate when current == WorkloadStatus.Suspended:
                    next = WorkloadStatus.Active;
                    break;
                case LifecycleTransition.Retire:
                    next = WorkloadStatus.Retired;
                    break;
                default:
                    return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is {current} in the store; it cannot be {Past(transition)}.").WithoutDocuments();
            }

            var slash = qualified.IndexOf('/', StringComparison.Ordinal);
            var record = (stored ?? new WorkloadRecord { PartnerId = qualified[..slash], Id = qualified[(slash + 1)..], UpdatedAt = now, UpdatedBy = actor })
                with { Status = next, UpdatedAt = now, UpdatedBy = actor };
            return GovernanceOutcome.Changed(record, "workload." + transition.ToString().ToLowerInvariant(), qualified, "status=" + current, "status=" + next).Writing(record);
        }, cancellationToken);

    private void CheckDefinition(PartnerRecord record, DateTimeOffset now, List<string> problems)
    {
        var definition = record.Definition!;
        GovernanceInput.RequireText(problems, "displayName", definition.DisplayName);
        if (!Enum.IsDefined(definition.RevocationMode))
        {
            problems.Add("revocationMode must be Crl or None.");
        }
        else if (!PartnerEstateComposer.TryBuildPartner(record, now, out _, out var error))
        {
            problems.Add(error!);
        }
    }

    private void CheckWorkload(string qualified, WorkloadDefinition definition, WorkloadStewardship stewardship, DateTimeOffset now, List<string> problems)
    {
        GovernanceInput.RequireText(problems, "owner", stewardship.Owner);
        GovernanceInput.RequireText(problems, "sponsor", stewardship.Sponsor);
        GovernanceInput.RequireText(problems, "purpose", stewardship.Purpose, 500);
        if (string.Equals(stewardship.Owner, stewardship.Sponsor, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("sponsor must be someone other than the owner.");
        }

        if (stewardship.ExpiresAt <= now)
        {
            problems.Add("expiresAt must be in the future.");
        }

        if (stewardship.ReviewCadence < TimeSpan.FromDays(1) || stewardship.ReviewCadence > _options.Current.MaxReviewCadence)
        {
            problems.Add($"reviewCadence must be between 1 day and {_options.Current.MaxReviewCadence.TotalDays:0} days.");
        }

        if (new[] { definition.SanUri, definition.SanDns, definition.SpkiSha256 }.Count(value => value is not null) > 1)
        {
            problems.Add("give at most one of sanUri, sanDns or spkiSha256 (attached certificates also identify a workload).");
        }

        if (definition.SanUri is not null && !WorkloadIdentityRules.IsSanUri(definition.SanUri))
        {
            problems.Add("sanUri must be an absolute URI.");
        }

        if (definition.SanDns is not null && !WorkloadIdentityRules.IsSanDns(definition.SanDns))
        {
            problems.Add("sanDns must be a plain DNS name (no wildcards).");
        }

        if (definition.SpkiSha256 is not null && !WorkloadIdentityRules.IsSpkiPin(definition.SpkiSha256))
        {
            problems.Add("spkiSha256 must be the base64 SHA-256 (32 bytes) of the SubjectPublicKeyInfo.");
        }

        if (!definition.Scopes.All(WorkloadIdentityRules.IsSystemScope))
        {
            problems.Add("scopes must be SMART system/ scopes.");
        }

        var owner = _partners.Current.FindByIdentity(definition.SanUri, definition.SanDns, definition.SpkiSha256);
        if (owner is not null && owner.QualifiedId != qualified)
        {
            problems.Add($"that certificate identity already identifies workload '{owner.QualifiedId}'.");
        }

        var clientId = definition.ClientId ?? qualified;
        if (_partners.Current.FindByClientId(clientId) is { } client && client.QualifiedId != qualified)
        {
            problems.Add($"client id '{clientId}' already belongs to workload '{client.QualifiedId}'.");
        }
    }

    private static GovernanceOutcome NotFound(string what, string id) =>
        GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"{what} '{id}' is not registered.");

    private static GovernanceOutcome ConfiguredRefusal(string what, string id) =>
        GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"{what} '{id}' is defined in configuration (TrustGateway:Partners); change its definition there. Lifecycle changes (suspend, reinstate, retire, certify) work here.");

    private static string Summarize(PartnerRecord record) => record.Definition is { } d
        ? $"status={record.Status}; displayName={d.DisplayName}; trustAnchors={d.TrustAnchors.Length}; intermediates={d.Intermediates.Length}; revocation={d.RevocationMode}; crls={d.Crls.Length}"
        : "status=" + record.Status;

    private static string Summarize(WorkloadRecord record) =>
        $"status={record.Status}; owner={record.Stewardship?.Owner}; sponsor={record.Stewardship?.Sponsor}; expires={Format(record.Stewardship?.ExpiresAt)}; "
        + $"cadence={record.Stewardship?.ReviewCadence.TotalDays:0}d; identity={record.Definition?.SanUri ?? record.Definition?.SanDns ?? record.Definition?.SpkiSha256 ?? "attached certificates"}; "
        + $"scopes={string.Join(' ', record.Definition?.Scopes ?? [])}";

    private static string Format(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? "never";

    private static string Past(LifecycleTransition transition) => transition switch
    {
        LifecycleTransition.Suspend => "suspended",
        LifecycleTransition.Reinstate => "reinstated",
        _ => "retired",
    };
}
