using PayerTrustGateway.Hosting;
using PayerTrustGateway.Trust;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PayerTrustGateway.Forwarding;

/// <summary>
/// Adds the gateway's own assertions to every forwarded request: partner id, workload id, request id,
/// optionally the RFC 9440 Client-Cert header. Clients cannot supply these (request hygiene strips
/// them), so the backend can trust them from the gateway. X-Forwarded-* are set, never appended. The
/// partner's Authorization, DPoP and Cookie headers are removed, and the downstream token the exchange
/// stage obtained goes in their place (S6.1, S6.7).
/// </summary>
internal sealed class DownstreamIdentityTransformProvider : ITransformProvider
{
    private readonly LastGoodOptions<ForwardingOptions> _options;

    public DownstreamIdentityTransformProvider(LastGoodOptions<ForwardingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // RFC 7239 / S10.2: the gateway's values replace whatever arrived.
        context.AddXForwarded(ForwardedTransformActions.Set);
        context.AddRequestTransform(transformContext =>
        {
            var trust = transformContext.HttpContext.Features.Get<TrustContext>();
            var workload = trust?.Workload
                ?? throw new InvalidOperationException("A request reached forwarding without an authenticated workload.");
            var downstream = trust.DownstreamToken
                ?? throw new InvalidOperationException("A request reached forwarding without a downstream token.");
            var options = _options.Current;
            var headers = transformContext.ProxyRequest.Headers;

            // S6.7 / S10.4: the partner's credentials never go downstream.
            headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", downstream.Value);
            headers.Remove("DPoP");
            headers.Remove("Cookie");
            headers.Remove(options.PartnerIdHeader);
            headers.Remove(options.WorkloadIdHeader);
            headers.Remove(RequestIdHeader.Name);
            headers.Remove(ForwardingOptions.ClientCertHeader);
            headers.TryAddWithoutValidation(options.PartnerIdHeader, workload.PartnerId);
            headers.TryAddWithoutValidation(options.WorkloadIdHeader, workload.WorkloadId);
            headers.TryAddWithoutValidation(RequestIdHeader.Name, trust.RequestId);
            if (options.ForwardClientCertificate)
            {
                // RFC 9440 §2.2: the DER certificate as a structured-field byte sequence (RFC 8941 §3.3.5).
                headers.TryAddWithoutValidation(ForwardingOptions.ClientCertHeader, ":" + Convert.ToBase64String(workload.CertificateDer.Span) + ":");
            }

            return ValueTask.CompletedTask;
        });
    }
}
