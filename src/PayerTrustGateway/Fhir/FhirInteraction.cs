namespace PayerTrustGateway.Fhir;

/// <summary>FHIR R4 RESTful interactions (http.html), as the gateway classifies them.</summary>
internal enum FhirInteraction
{
    /// <summary>Not a recognisable FHIR interaction.</summary>
    Unknown,

    /// <summary>GET [base]/metadata.</summary>
    Capabilities,

    /// <summary>GET [base]/[type]/[id].</summary>
    Read,

    /// <summary>GET [base]/[type]/[id]/_history/[vid].</summary>
    VRead,

    /// <summary>GET [base]/[type]?… or POST [base]/[type]/_search.</summary>
    SearchType,

    /// <summary>GET [base]?… or POST [base]/_search.</summary>
    SearchSystem,

    /// <summary>GET [base]/[compartment]/[id]/[type]?… (compartment search).</summary>
    SearchCompartment,

    /// <summary>GET [base]/[type]/[id]/_history, [type]/_history or _history.</summary>
    History,

    /// <summary>POST [base]/[type].</summary>
    Create,

    /// <summary>PUT [base]/[type]/[id].</summary>
    Update,

    /// <summary>PATCH [base]/[type]/[id].</summary>
    Patch,

    /// <summary>DELETE [base]/[type]/[id].</summary>
    Delete,

    /// <summary>POST [base] with a batch Bundle.</summary>
    Batch,

    /// <summary>POST [base] with a transaction Bundle.</summary>
    Transaction,

    /// <summary>An extended operation ($name) at system, type or instance level.</summary>
    Operation,

    /// <summary>$graphql (system or instance).</summary>
    GraphQL,
}
