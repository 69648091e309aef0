using System.Collections.Frozen;

namespace PayerTrustGateway.Tokens;

/// <summary>One trusted issuer as the request path sees it.</summary>
internal sealed record IssuerEntry(
    string Name,
    string Issuer,
    FrozenSet<string> Algorithms,
    IReadOnlyList<string> Audiences,
    string RequiredType,
    TimeSpan ClockSkew,
    TimeSpan MaxTokenLifetime,
    bool SingleUse,
    IIssuerKeySource Keys);
