using Microsoft.AspNetCore.Http.Features;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// ASP.NET adapter for <see cref="FhirRequestClassifier"/>: takes the path below the policy's FHIR base,
/// the raw query, and, only where the classification needs it (POST to the base or to _search), the body,
/// buffered up to the policy's limit and rewound so that it is forwarded unchanged.
/// </summary>
internal static class HttpFhirRequestReader
{
    public static async ValueTask<(FhirRequest? Request, DenyReason Refusal)> ReadAsync(HttpContext context, TrustPolicy policy)
    {
        var request = context.Request;
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (!FhirRequestTarget.TrySplit(raw, policy.FhirBase, out var relative, out var query))
        {
            return (FhirRequest.Malformed("outside the FHIR base"), DenyReason.None);
        }

        var form = request.HasFormContentType;
        var needsBody = HttpMethods.IsPost(request.Method) && (relative.Length == 0 || relative.EndsWith("_search", StringComparison.Ordinal));
        if (!needsBody)
        {
            return (FhirRequestClassifier.Classify(request.Method, relative, query, [], formBody: false), DenyReason.None);
        }

        request.EnableBuffering(policy.MaxClassifiedBodyBytes);
        if (await BoundedBodyReader.ReadAsync(request.Body, request.ContentLength, policy.MaxClassifiedBodyBytes, context.RequestAborted) is not { } body)
        {
            return (null, DenyReason.RequestBodyTooLarge);
        }

        request.Body.Position = 0;
        return (FhirRequestClassifier.Classify(request.Method, relative, query, body.Span, form), DenyReason.None);
    }
}
