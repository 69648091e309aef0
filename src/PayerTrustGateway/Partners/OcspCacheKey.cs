namespace PayerTrustGateway.Partners;

/// <summary>One certificate for OCSP caching: its issuing CA (SHA-256 thumbprint) and its serial (see <see cref="LoadedCrl.NormalizeSerial"/>).</summary>
internal readonly record struct OcspCacheKey(string IssuerThumbprint, string SerialNumber);
