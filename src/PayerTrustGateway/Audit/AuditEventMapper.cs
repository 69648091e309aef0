using System.Globalization;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Maps an audit record to a FHIR R4 <c>AuditEvent</c> in the shape of IHE Basic Audit Log Patterns: a
/// RESTful-operation event whose requesting agent is the partner workload (token client as altId, token
/// jti as policy), the gateway as observer, and the member, consent and decision as entities.
/// </summary>
internal static class AuditEventMapper
{
    public const string IdentifierSystem = "urn:payer-trust-gateway";

    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    public static AuditEvent Map(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var audit = new AuditEvent
        {
            Id = Id(record),
            Type = record.Kind == AuditKind.Request
                ? new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation")
                : new Coding(IdentifierSystem + ":change", record.Action ?? "change", "Gateway control-plane change"),
            Action = ActionOf(record),
            Recorded = record.Time,
            Outcome = record.Status >= 500 ? AuditEvent.AuditEventOutcome.N8 : record.Decision == AuditDecisions.Deny || record.Status >= 400 ? AuditEvent.AuditEventOutcome.N4 : AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = record.Reason is null ? null : $"{record.Reason} ({record.Rule ?? "no rule"})",
            Source = new AuditEvent.SourceComponent
            {
                Observer = new ResourceReference { Display = record.Instance, Identifier = new Identifier(IdentifierSystem + ":instance", record.Instance) },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
        };
        if (record.Interaction is { } interaction)
        {
            audit.Subtype.Add(new Coding("http://hl7.org/fhir/restful-interaction", interaction));
        }

        foreach (var purpose in record.PurposesOfUse)
        {
            audit.PurposeOfEvent.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActReason", purpose));
        }

        audit.Agent.Add(Requestor(record));
        AddEntities(audit, record);
        return audit;
    }

    public static string Id(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // FHIR ids: [A-Za-z0-9\-\.]{1,64}.
        var instance = new string([.. record.Instance.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
        var id = string.Create(CultureInfo.InvariantCulture, $"{instance}.{record.Sequence}");
        return id.Length <= 64 ? id : id[^64..];
    }

    private static AuditEvent.AuditEventAction ActionOf(AuditRecord record) => record.Interaction switch
    {
        "create" => AuditEvent.AuditEventAction.C,
        "read" or "vread" or "search-type" or "search-system" or "search-compartment" or "history" or "capabilities" => AuditEvent.AuditEventAction.R,
        "update" or "patch" => AuditEvent.AuditEventAction.U,
        "delete" => AuditEvent.AuditEventAction.D,
        _ => AuditEvent.AuditEventAction.E,
    };

    private static AuditEvent.AgentComponent Requestor(AuditRecord record)
    {
        var agent = new AuditEvent.AgentComponent
        {
            Requestor = true,
            Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
            Who = new ResourceReference
            {
                Identifier = new Identifier($"{IdentifierSystem}:{record.ActorKind}", record.Actor ?? record.Workload ?? "unauthenticated"),
                Display = record.Partner,
            },
            AltId = record.TokenClient,
        };
        if (record.TokenId is { } jti)
        {
            agent.Policy = [jti];
        }

        if (record.CertificateThumbprint is { } thumbprint)
        {
            agent.Extension.Add(new Extension(IdentifierSystem + ":certificate-x5t-s256", new FhirString(thumbprint)));
        }

        return agent;
    }

    private static void AddEntities(AuditEvent audit, AuditRecord record)
    {
        if (record.Member is { } member)
        {
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Identifier = new Identifier(IdentifierSystem + ":member", member) },
                Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
            });
        }

        if (record.ConsentId is { } consent)
        {
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Identifier = new Identifier(IdentifierSystem + ":consent", consent), Display = $"Consent {consent} version {record.ConsentVersion}" },
                Type = new Coding("http://hl7.org/fhir/resource-types", "Consent"),
            });
        }

        var decision = new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(IdentifierSystem + ":request", record.RequestId) },
            Name = record.Route,
            Description = $"{record.Decision} by {record.Policy ?? "-"} / {record.Rule ?? "-"}",
        };
        AddDetail(decision, "method", record.Method);
        AddDetail(decision, "resourceType", record.ResourceType);
        AddDetail(decision, "operation", record.Operation);
        AddDetail(decision, "status", record.Status.ToString(CultureInfo.InvariantCulture));
        AddDetail(decision, "reason", record.Reason);
        AddDetail(decision, "evidence", record.Evidence.IsDefaultOrEmpty ? null : string.Join("; ", record.Evidence));
        AddDetail(decision, "action", record.Action);
        AddDetail(decision, "target", record.Target);
        AddDetail(decision, "exceptionId", record.ExceptionId);
        AddDetail(decision, "breakGlass", record.BreakGlass ? "true" : null);
        AddDetail(decision, "hash", Convert.ToBase64String(record.Hash.AsSpan()));
        audit.Entity.Add(decision);
    }

    private static void AddDetail(AuditEvent.EntityComponent entity, string type, string? value)
    {
        if (value is not null)
        {
            entity.Detail.Add(new AuditEvent.DetailComponent { Type = type, Value = new FhirString(value) });
        }
    }
}
