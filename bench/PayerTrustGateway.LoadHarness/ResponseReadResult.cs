namespace PayerTrustGateway.LoadHarness;

/// <summary>Outcome of reading one response.</summary>
/// <param name="Status">How reading ended; the other fields are meaningful only when it is <see cref="ResponseReadStatus.Complete"/>.</param>
/// <param name="StatusCode">The final (non-1xx) status code.</param>
/// <param name="BodyBytes">Body bytes after removing the chunked framing.</param>
/// <param name="KeepAlive">Whether the connection can carry another request.</param>
internal readonly record struct ResponseReadResult(ResponseReadStatus Status, int StatusCode, long BodyBytes, bool KeepAlive)
{
    public static ResponseReadResult Failed(ResponseReadStatus status) => new(status, 0, 0, KeepAlive: false);
}
