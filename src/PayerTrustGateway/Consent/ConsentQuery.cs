namespace PayerTrustGateway.Consent;

/// <summary>A registry listing: by member and/or partner, paged by consent id.</summary>
/// <param name="MemberKey">Only this member's consents, if set.</param>
/// <param name="PartnerId">Only this partner's consents, if set.</param>
/// <param name="After">Page cursor: consent ids greater than this.</param>
/// <param name="Limit">Page size.</param>
internal sealed record ConsentQuery(string? MemberKey, string? PartnerId, string? After, int Limit);
