using Yarp.ReverseProxy.Configuration;

namespace PayerTrustGateway.Exchange;

/// <summary>The <c>aud</c> of a cluster's downstream tokens (cluster metadata <c>DownstreamAudience</c>).</summary>
internal static class DownstreamAudience
{
    public static string? Of(ClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Metadata?.TryGetValue(TokenExchangeOptions.AudienceMetadataKey, out var audience) == true && IsValid(audience) ? audience : null;
    }

    /// <summary>One message per cluster without a usable audience (every proxied request carries a downstream token).</summary>
    public static IEnumerable<string> Problems(IEnumerable<ClusterConfig> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        foreach (var cluster in clusters)
        {
            if (Of(cluster) is null)
            {
                yield return $"ReverseProxy:Clusters:{cluster.ClusterId}:Metadata:{TokenExchangeOptions.AudienceMetadataKey} must name the audience of the backend's tokens (an absolute URI, usually its FHIR base URL).";
            }
        }
    }

    private static bool IsValid(string? audience) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment);
}
