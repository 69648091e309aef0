namespace PayerTrustGateway.Hygiene;

/// <summary>Request sanitation on the partner listener (<c>TrustGateway:Hygiene</c>).</summary>
public sealed class RequestHygieneOptions
{
    public const string SectionName = "TrustGateway:Hygiene";

    /// <summary>Longest accepted request target (path and query), in characters. Longer → 414. Default 4096.</summary>
    public int MaxRequestTargetLength { get; set; } = 4096;

    /// <summary>Largest accepted sum of header names and values, in bytes. Larger → 431. Default 16384.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Headers a client may not supply because they carry identity or routing facts only the gateway
    /// may assert; removed from every inbound request. The headers the gateway itself sets downstream
    /// (<c>TrustGateway:Forwarding</c>) are always removed as well. Configured entries are added to these
    /// built-in ones (the binder appends), so the built-in protections cannot be configured away.
    /// </summary>
    public List<string> StrippedHeaders { get; set; } =
    [
        "X-Forwarded-Client-Cert",
        "Client-Cert",
        "Client-Cert-Chain",
        "Forwarded",
        "X-Real-IP",
        "X-SSL-Client-Cert",
        "SSL-Client-Cert",
        "X-Content-Length",
    ];

    /// <summary>Header name prefixes removed from every inbound request (case-insensitive); configured entries add to these.</summary>
    public List<string> StrippedHeaderPrefixes { get; set; } =
    [
        "X-Client-Cert",
        "X-Forwarded-",
        "X-Original-",
        "X-Partner-",
    ];
}
