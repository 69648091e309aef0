namespace PayerTrustGateway.Sandbox;

/// <summary>What a search against the sample data resolves to.</summary>
internal enum SampleSearchOutcomeKind
{
    /// <summary>No search parameters: every resource of the type.</summary>
    All,

    /// <summary>The resources in one member's Patient compartment; the key is the member id.</summary>
    Member,

    /// <summary>Exactly one resource; the key is its logical id.</summary>
    Resource,

    /// <summary>Valid parameters that match nothing: an empty searchset.</summary>
    NoMatch,

    /// <summary>A parameter the type does not support (400).</summary>
    UnknownParameter,

    /// <summary>An empty value, or several values (comma-separated OR), which this server does not support (400).</summary>
    UnsupportedValue,
}
