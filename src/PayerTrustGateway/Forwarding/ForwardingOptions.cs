namespace PayerTrustGateway.Forwarding;

/// <summary>What the gateway asserts to the backend about each forwarded request (<c>TrustGateway:Forwarding</c>).</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "TrustGateway:Forwarding";

    /// <summary>Header carrying the authenticated partner id downstream. Default <c>X-Partner-Id</c>.</summary>
    public string PartnerIdHeader { get; set; } = "X-Partner-Id";

    /// <summary>Header carrying the authenticated workload id downstream. Default <c>X-Partner-Workload</c>.</summary>
    public string WorkloadIdHeader { get; set; } = "X-Partner-Workload";

    /// <summary>
    /// Send the partner's leaf certificate downstream in the RFC 9440 <c>Client-Cert</c> header
    /// (structured-field byte sequence). Off by default: backends should trust the gateway's assertion,
    /// not re-verify partner certificates.
    /// </summary>
    public bool ForwardClientCertificate { get; set; }

    /// <summary>Every header name the gateway sets downstream; clients may never supply these.</summary>
    public IEnumerable<string> GatewayAssertedHeaders()
    {
        yield return PartnerIdHeader;
        yield return WorkloadIdHeader;
        yield return Trust.RequestIdHeader.Name;
        yield return ClientCertHeader;
    }

    /// <summary>RFC 9440 §2.2.</summary>
    public const string ClientCertHeader = "Client-Cert";
}
