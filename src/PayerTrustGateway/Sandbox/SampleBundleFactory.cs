using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>Builds searchset Bundles (FHIR R4 §3.1.1.4 / Bundle): total, self link, absolute fullUrls.</summary>
internal static class SampleBundleFactory
{
    /// <param name="fhirBase">The FHIR base ending in <c>/</c>, e.g. <c>http://127.0.0.1:8090/fhir/</c>.</param>
    /// <param name="resourceType">The searched type.</param>
    /// <param name="query">
    /// The canonical query the result answers, without <c>?</c> (empty for all), used for the self link; null for
    /// no self link. Bodies are serialized once, so the link names the server's canonical form of the search
    /// (e.g. <c>patient=member-1001</c> also answers <c>subject=Patient/member-1001</c>), not the literal request.
    /// </param>
    /// <param name="matches">The matched resources, each a fresh instance.</param>
    public static Bundle CreateSearchSet(Uri fhirBase, string resourceType, string? query, IEnumerable<Resource> matches)
    {
        ArgumentNullException.ThrowIfNull(fhirBase);
        ArgumentNullException.ThrowIfNull(matches);

        var entries = matches
            .Select(resource => new Bundle.EntryComponent
            {
                FullUrl = new Uri(fhirBase, resource.TypeName + "/" + resource.Id).AbsoluteUri,
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })
            .ToList();

        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = entries.Count, Entry = entries };
        if (query is not null)
        {
            var self = new Uri(fhirBase, query.Length == 0 ? resourceType : resourceType + "?" + query);
            bundle.Link = [new Bundle.LinkComponent { Relation = "self", Url = self.AbsoluteUri }];
        }

        return bundle;
    }
}
