using Hl7.Fhir.Model;

namespace PayerTrustGateway.Trust;

/// <summary>How one <see cref="DenyReason"/> is answered: status, challenge error, OperationOutcome code and text.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Code">Stable machine-readable reason code (kebab case), also used in logs and audit.</param>
/// <param name="IssueType">FHIR IssueType for the OperationOutcome (R4 S9.9).</param>
/// <param name="Message">Fixed client-facing text: what to fix, never internals.</param>
/// <param name="ChallengeError">RFC 6750 §3 / RFC 9449 §7.1 <c>error</c> attribute; null for no credentials or no challenge.</param>
/// <param name="DpopOnly">The challenge is always the DPoP scheme (proof problems); otherwise it follows the scheme the client used.</param>
internal sealed record DenialDescriptor(
    int StatusCode,
    string Code,
    OperationOutcome.IssueType IssueType,
    string Message,
    string? ChallengeError,
    bool DpopOnly = false);
