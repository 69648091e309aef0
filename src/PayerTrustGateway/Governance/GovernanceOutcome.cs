using System.Collections.Immutable;

namespace PayerTrustGateway.Governance;

/// <summary>How a governance operation ended, in terms an API can map to a status.</summary>
internal enum GovernanceOutcomeKind
{
    Ok,
    Created,
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>
/// The result of a governance operation: the resulting record (or the problems), and for a change what the
/// audit trail records (action, target, before and after summaries without secrets or member data).
/// </summary>
internal sealed record GovernanceOutcome(GovernanceOutcomeKind Kind, object? Value, ImmutableArray<string> Problems)
{
    public string? Action { get; init; }

    public string? Target { get; init; }

    public string? Before { get; init; }

    public string? After { get; init; }

    public bool Succeeded => Kind is GovernanceOutcomeKind.Ok or GovernanceOutcomeKind.Created;

    public static GovernanceOutcome Changed(object value, string action, string target, string? before, string? after, bool created = false) =>
        new(created ? GovernanceOutcomeKind.Created : GovernanceOutcomeKind.Ok, value, []) { Action = action, Target = target, Before = before, After = after };

    public static GovernanceOutcome Fail(GovernanceOutcomeKind kind, params string[] problems) => new(kind, null, [.. problems]);

    public static GovernanceOutcome Invalid(IEnumerable<string> problems) => new(GovernanceOutcomeKind.Invalid, null, [.. problems]);

    /// <summary>For <see cref="GovernanceRegistry.ChangeAsync{T}"/>: a refusal writes nothing.</summary>
    public (GovernanceOutcome, IReadOnlyList<object>) WithoutDocuments() => (this, []);

    /// <summary>For <see cref="GovernanceRegistry.ChangeAsync{T}"/>: a change writes these documents.</summary>
    public (GovernanceOutcome, IReadOnlyList<object>) Writing(params object[] documents) => (this, documents);
}
