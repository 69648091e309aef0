using PayerTrustGateway.Trust;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace PayerTrustGateway.Consent;

/// <summary>
/// On every route: asks the backend for an unencoded body when the request is consent-bound (so the guard
/// can read it), and runs the <see cref="ConsentResponseGuardTransform"/> on the answer. Both act only on
/// requests the consent stage allowed; other routes are untouched.
/// </summary>
internal sealed class ConsentTransformProvider : ITransformProvider
{
    private readonly ConsentResponseGuardTransform _guard;

    public ConsentTransformProvider(ConsentRegistry registry, DenialResponseWriter denials, ConsentMetrics metrics, ILogger<ConsentResponseGuardTransform> logger) =>
        _guard = new ConsentResponseGuardTransform(registry, denials, metrics, logger);

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.AddRequestTransform(transformContext =>
        {
            if (transformContext.HttpContext.Features.Get<TrustContext>()?.ConsentDecision is { IsAllowed: true })
            {
                transformContext.ProxyRequest.Headers.AcceptEncoding.Clear();
            }

            return ValueTask.CompletedTask;
        });
        context.ResponseTransforms.Add(_guard);
    }
}
