namespace PayerTrustGateway.Exchange;

/// <summary>
/// The gateway's token-signing keys (<c>TrustGateway:SigningKeys</c>): they sign the partner-facing access
/// tokens and the downstream tokens, and are published as JWKS. Either generated and rotated by the
/// gateway in <see cref="Directory"/>, or managed outside and listed in <see cref="Files"/>.
/// </summary>
public sealed class SigningKeysOptions
{
    public const string SectionName = "TrustGateway:SigningKeys";

    /// <summary>Algorithm of generated keys: <c>ES256</c> (default, P-256) or <c>RS256</c> (RSA 3072).</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>Folder of the generated key ring (owner-only). Default: <c>keys</c> under <c>TrustGateway:Storage:DataDirectory</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Generate the first key when the ring is empty. Default on; off, a missing ring stops start-up.</summary>
    public bool Generate { get; set; } = true;

    /// <summary>
    /// Generated keys are replaced when the signing key is this old (checked when a token is signed; no
    /// background job). Default 90 days; <c>00:00:00</c> rotates only on request (admin API).
    /// </summary>
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a replaced key stays published after it stopped signing. Never shorter than the longest
    /// token lifetime plus one minute, whatever is configured. Default 1 hour 5 minutes.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(65);

    /// <summary>
    /// Keys managed outside the gateway (PEM files, e.g. mounted from a secret store). When any are listed,
    /// nothing is generated: exactly one is marked <see cref="SigningKeyFileOptions.Signing"/>, the others are
    /// published only. Rotate by adding the new file as signing, keeping the old one listed for the overlap.
    /// </summary>
    public List<SigningKeyFileOptions> Files { get; set; } = [];

    /// <summary>
    /// Listeners that serve the public keys at <c>/.well-known/jwks.json</c>: <c>Admin</c> (where backends
    /// fetch them) and/or <c>Partner</c> (advertised in the token service metadata). Empty (default): both.
    /// </summary>
    /// <remarks>Defaults are applied where the list is read: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> JwksListeners { get; set; } = [];

    /// <summary>Whether <paramref name="listener"/> serves the JWKS.</summary>
    internal bool PublishesJwksOn(Hosting.GatewayListener listener) =>
        JwksListeners.Count == 0 || JwksListeners.Contains(listener.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The generated ring's folder.</summary>
    public string RingDirectory(Storage.StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(Directory) ? Path.Combine(storage.DataDirectory, "keys") : Directory);
    }
}

/// <summary>One externally managed signing key.</summary>
public sealed class SigningKeyFileOptions
{
    /// <summary>PEM file with a PKCS#8 (or SEC1/PKCS#1) private key: EC P-256 (ES256) or RSA of at least 2048 bits (RS256).</summary>
    public string? Path { get; set; }

    /// <summary>The kid to publish. Default: the key's RFC 7638 thumbprint.</summary>
    public string? KeyId { get; set; }

    /// <summary>This key signs new tokens (exactly one listed key does).</summary>
    public bool Signing { get; set; }
}
