namespace PayerTrustGateway.Fhir;

/// <summary>R4 logical ids: <c>[A-Za-z0-9\-\.]{1,64}</c> (datatypes.html#id). No underscore, so "_search" or "_history" is never an id.</summary>
internal static class FhirId
{
    public static bool IsValid(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
