namespace PayerTrustGateway.LoadHarness;

/// <summary>How reading one HTTP/1.1 response ended.</summary>
internal enum ResponseReadStatus
{
    /// <summary>A complete response (head and whole body) was read.</summary>
    Complete,

    /// <summary>The server closed the connection before sending any byte of the response.</summary>
    ConnectionClosed,

    /// <summary>The server closed the connection in the middle of the response.</summary>
    Truncated,

    /// <summary>The response violated HTTP/1.1 syntax, or a head or chunk line did not fit the buffer.</summary>
    Malformed,
}
