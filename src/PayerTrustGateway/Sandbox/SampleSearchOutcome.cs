namespace PayerTrustGateway.Sandbox;

/// <summary>The result of evaluating a search: its kind and, for Member or Resource, the matched id.</summary>
internal readonly record struct SampleSearchOutcome(SampleSearchOutcomeKind Kind, string? Key = null);
