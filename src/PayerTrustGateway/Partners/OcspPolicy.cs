namespace PayerTrustGateway.Partners;

/// <summary>A partner's validated OCSP settings (<see cref="OcspOptions"/>), as the request path uses them.</summary>
/// <param name="ResponderUrl">The configured responder, or null to use the certificate's AIA id-ad-ocsp URL.</param>
/// <param name="FailOpen">Whether a request without a definitive answer goes on (logged and counted).</param>
/// <param name="Timeout">How long to wait for the responder.</param>
/// <param name="MaxResponseAge">How old (thisUpdate) a response may be and still count.</param>
internal sealed record OcspPolicy(Uri? ResponderUrl, bool FailOpen, TimeSpan Timeout, TimeSpan MaxResponseAge)
{
    /// <summary>How far in the future a responder's thisUpdate may be (its clock and ours disagree a little).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MinResponseAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxResponseAgeLimit = TimeSpan.FromDays(10);

    /// <summary>
    /// Validates <paramref name="options"/> (reporting each problem under <paramref name="key"/>, e.g.
    /// <c>TrustGateway:Partners:plan-a:Revocation:Ocsp</c>) and returns the policy, or null when OCSP is off.
    /// The values are checked even when OCSP is off, so that turning it on cannot surface a stale mistake.
    /// </summary>
    public static OcspPolicy? Build(OcspOptions options, string key, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        Uri? responder = null;
        if (!string.IsNullOrWhiteSpace(options.ResponderUrl)
            && (!Uri.TryCreate(options.ResponderUrl, UriKind.Absolute, out responder)
                || (responder.Scheme != Uri.UriSchemeHttp && responder.Scheme != Uri.UriSchemeHttps)
                || responder.UserInfo.Length > 0
                || responder.Fragment.Length > 0))
        {
            errors.Add($"{key}:ResponderUrl '{options.ResponderUrl}' must be an absolute http or https URL without user info or fragment (or unset, to use the certificate's AIA OCSP URL).");
        }

        if (options.Timeout < MinTimeout || options.Timeout > OcspOptions.MaxTimeout)
        {
            errors.Add($"{key}:Timeout must be between 00:00:00.100 and 00:00:30.");
        }

        if (options.MaxResponseAge < MinResponseAge || options.MaxResponseAge > MaxResponseAgeLimit)
        {
            errors.Add($"{key}:MaxResponseAge must be between 00:01:00 and 10.00:00:00.");
        }

        return options.Enabled ? new OcspPolicy(responder, options.FailOpen, options.Timeout, options.MaxResponseAge) : null;
    }
}
