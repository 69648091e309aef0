namespace PayerTrustGateway.Trust;

/// <summary>The header that carries the gateway's request id, to the caller and downstream.</summary>
internal static class RequestIdHeader
{
    public const string Name = "X-Request-Id";
}
