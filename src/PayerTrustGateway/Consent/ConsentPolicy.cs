namespace PayerTrustGateway.Consent;

/// <summary>The HRex consent policy (S8.4): what the member agreed may be disclosed.</summary>
internal enum ConsentPolicy
{
    /// <summary><c>…/StructureDefinition-hrex-consent.html#regular</c>: non-sensitive data only.</summary>
    Regular,

    /// <summary><c>…/StructureDefinition-hrex-consent.html#sensitive</c>: all data, including sensitive data.</summary>
    Sensitive,
}
