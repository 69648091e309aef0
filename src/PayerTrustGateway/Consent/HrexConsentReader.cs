using System.Collections.Immutable;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Consent;

/// <summary>
/// Reads a FHIR R4 Consent with the Firely SDK and checks it against the HRex Consent profile (S8.4:
/// active, patient-privacy, IDSCL, patient, performer, source, the regular or sensitive policy, a permit
/// provision with a start and an end, source and recipient organisations, disclose, nothing further
/// constrained), then maps it to registry terms. Every problem is reported, and nothing is returned
/// unless there are none.
/// </summary>
internal sealed class HrexConsentReader
{
    public const string RegularPolicy = "http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#regular";
    public const string SensitivePolicy = "http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#sensitive";
    private const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private const string ProvenanceParticipant = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private const string ConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction";

    private readonly BaseFhirJsonDeserializer _deserializer = new(ModelInfo.ModelInspector, new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public bool TryRead(ConsentCapture capture, PartnerDirectory partners, ConsentRules rules, out ConsentTerms? terms, out ImmutableArray<string> problems)
    {
        ArgumentNullException.ThrowIfNull(capture);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(rules);
        terms = null;
        var errors = ImmutableArray.CreateBuilder<string>();
        var consent = Parse(capture.Body, errors);
        if (consent is null)
        {
            problems = errors.ToImmutable();
            return false;
        }

        CheckProfile(consent, errors);
        var member = capture.MemberKey ?? MemberOf(consent.Patient, errors);
        if (capture.MemberKey is not null && !FhirId.IsValid(capture.MemberKey))
        {
            errors.Add("member: must be a FHIR id (the member's Patient id at this payer).");
        }

        var partner = RecipientPartner(consent.Provision, partners, errors);
        var policy = PolicyOf(consent, errors);
        var (start, end) = PeriodOf(consent.Provision?.Period, errors);
        var purposes = capture.PurposesOfUse.IsDefaultOrEmpty ? rules.DefaultPurposesOfUse : capture.PurposesOfUse;
        if (purposes.IsDefaultOrEmpty || purposes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("purpose: name the purposes of use this consent authorises (none are configured as default).");
        }

        var classes = capture.DataClasses.IsDefaultOrEmpty ? rules.ClassNames : capture.DataClasses;
        foreach (var unknown in classes.Where(name => !rules.DataClasses.ContainsKey(name)))
        {
            errors.Add($"class: '{unknown}' is not a configured data class.");
        }

        problems = errors.ToImmutable();
        if (!problems.IsEmpty)
        {
            return false;
        }

        terms = new ConsentTerms(
            member!, IdentifiersOf(consent.Patient), partner!, [.. purposes.Distinct(StringComparer.Ordinal)], [.. classes.Distinct(StringComparer.Ordinal)],
            policy!.Value, start!.Value, end!.Value, string.IsNullOrEmpty(consent.Id) ? null : consent.Id, consent.Meta?.VersionId);
        return true;
    }

    private Hl7.Fhir.Model.Consent? Parse(ReadOnlyMemory<byte> body, ImmutableArray<string>.Builder errors)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!_deserializer.TryDeserializeResource(ref reader, out var resource, out var issues))
            {
                errors.AddRange(issues.Select(issue => issue.Message).Distinct().Take(20));
                return null;
            }

            if (resource is Hl7.Fhir.Model.Consent consent)
            {
                return consent;
            }

            errors.Add("The body must be a FHIR Consent resource.");
            return null;
        }
        catch (JsonException)
        {
            errors.Add("The body is not valid JSON.");
            return null;
        }
    }

    private static void CheckProfile(Hl7.Fhir.Model.Consent consent, ImmutableArray<string>.Builder errors)
    {
        if (consent.Status != Hl7.Fhir.Model.Consent.ConsentState.Active)
        {
            errors.Add("Consent.status must be 'active'.");
        }

        if (!HasCoding(consent.Scope, ConsentScope, "patient-privacy"))
        {
            errors.Add("Consent.scope must be consentscope#patient-privacy.");
        }

        if (!consent.Category.Any(category => HasCoding(category, ActCode, "IDSCL")))
        {
            errors.Add("Consent.category must include v3-ActCode#IDSCL.");
        }

        if (consent.Performer.Count != 1)
        {
            errors.Add("Consent.performer must name exactly one performer.");
        }

        if (consent.Source is not ResourceReference)
        {
            errors.Add("Consent.sourceReference is required (the source of truth for the consent).");
        }

        var provision = consent.Provision;
        if (provision is null)
        {
            errors.Add("Consent.provision is required.");
            return;
        }

        if (provision.Type != Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit)
        {
            errors.Add("Consent.provision.type must be 'permit'.");
        }

        if (!provision.Actor.Any(actor => HasCoding(actor.Role, ProvenanceParticipant, "performer")))
        {
            errors.Add("Consent.provision.actor needs a source (role provenance-participant-type#performer).");
        }

        if (provision.Action.Count != 1 || !HasCoding(provision.Action[0], ConsentAction, "disclose"))
        {
            errors.Add("Consent.provision.action must be exactly consentaction#disclose.");
        }

        foreach (var (present, element) in new[]
        {
            (provision.SecurityLabel.Count > 0, "securityLabel"), (provision.Purpose.Count > 0, "purpose"), (provision.Class.Count > 0, "class"),
            (provision.Code.Count > 0, "code"), (provision.DataPeriod is not null, "dataPeriod"), (provision.Data.Count > 0, "data"), (provision.Provision.Count > 0, "provision"),
        })
        {
            if (present)
            {
                errors.Add($"Consent.provision.{element} is not allowed by the HRex profile (consent rules are expressed in policy only).");
            }
        }
    }

    private static string? MemberOf(ResourceReference? patient, ImmutableArray<string>.Builder errors)
    {
        var reference = patient?.Reference;
        if (reference is not null && reference.StartsWith("Patient/", StringComparison.Ordinal) && FhirId.IsValid(reference["Patient/".Length..]))
        {
            return reference["Patient/".Length..];
        }

        errors.Add("Consent.patient must be a relative reference Patient/[id] to the member at this payer (or name the member with the 'member' parameter).");
        return null;
    }

    private static ImmutableArray<string> IdentifiersOf(ResourceReference? patient) =>
        patient?.Identifier is { Value: { Length: > 0 } value } identifier ? [(identifier.System ?? string.Empty) + "|" + value] : [];

    private static string? RecipientPartner(Hl7.Fhir.Model.Consent.provisionComponent? provision, PartnerDirectory partners, ImmutableArray<string>.Builder errors)
    {
        var recipients = provision?.Actor.Where(actor => HasCoding(actor.Role, ParticipationType, "IRCP")).ToList() ?? [];
        if (recipients.Count == 0)
        {
            errors.Add("Consent.provision.actor needs a recipient (role v3-ParticipationType#IRCP).");
            return null;
        }

        // Recipients that are not registered partners (this payer itself, in a bidirectional consent) are ignored.
        var matched = recipients
            .Select(actor => actor.Reference?.Identifier)
            .Where(identifier => identifier?.Value is { Length: > 0 })
            .SelectMany(identifier => partners.Partners.Where(partner => partner.OrganizationId is { } organization
                && (organization == identifier!.Value || organization == identifier.System + "|" + identifier.Value)))
            .Select(partner => partner.Id)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (matched.Count != 1)
        {
            errors.Add(matched.Count == 0
                ? "No recipient's identifier matches a registered partner's OrganizationId."
                : "The recipients name more than one registered partner; record one consent per partner.");
            return null;
        }

        return matched[0];
    }

    private static ConsentPolicy? PolicyOf(Hl7.Fhir.Model.Consent consent, ImmutableArray<string>.Builder errors)
    {
        var policies = consent.Policy.Select(policy => policy.Uri).Where(uri => uri is RegularPolicy or SensitivePolicy).Distinct().ToList();
        if (policies.Count == 1 && consent.Policy.Count == 1)
        {
            return policies[0] == SensitivePolicy ? ConsentPolicy.Sensitive : ConsentPolicy.Regular;
        }

        errors.Add("Consent.policy must be exactly one of the HRex policies (…hrex-consent.html#regular or #sensitive).");
        return null;
    }

    private static (DateTimeOffset? Start, DateTimeOffset? End) PeriodOf(Period? period, ImmutableArray<string>.Builder errors)
    {
        var start = Instant(period?.StartElement, endOfPeriod: false);
        var end = Instant(period?.EndElement, endOfPeriod: true);
        if (start is null || end is null)
        {
            errors.Add("Consent.provision.period needs both start and end.");
            return (null, null);
        }

        if (end <= start)
        {
            errors.Add("Consent.provision.period.end must be after its start.");
        }

        return (start, end);
    }

    // Dates without a time are UTC. A date-only end (e.g. 2026-01-31) covers that whole day: the end
    // instant is the start of the next day. Partial dates (year, year-month) cover the whole year or month.
    private static DateTimeOffset? Instant(FhirDateTime? value, bool endOfPeriod)
    {
        if (value?.Value is not { } text || !value.TryToDateTimeOffset(out var instant))
        {
            return null;
        }

        if (text.Length > 10)
        {
            return instant;
        }

        var midnight = new DateTimeOffset(instant.Year, instant.Month, instant.Day, 0, 0, 0, TimeSpan.Zero);
        return !endOfPeriod ? midnight : text.Length switch
        {
            4 => midnight.AddYears(1),
            7 => midnight.AddMonths(1),
            _ => midnight.AddDays(1),
        };
    }

    private static bool HasCoding(CodeableConcept? concept, string system, string code) =>
        concept?.Coding.Any(coding => coding.System == system && coding.Code == code) == true;
}
