namespace PayerTrustGateway.LoadHarness;

/// <summary>Counters of one worker; written by that worker only and read after it finished.</summary>
internal sealed class WorkerStats
{
    /// <summary>Status codes 100..999 index directly; the parser rejects anything else.</summary>
    public const int StatusCodeSlots = 1000;

    public WorkerStats(int latencyCapacity) => Latencies = new LatencyRecorder(latencyCapacity);

    public LatencyRecorder Latencies { get; }

    /// <summary>Measured responses per status code.</summary>
    public long[] StatusCounts { get; } = new long[StatusCodeSlots];

    /// <summary>Measured responses outside 2xx.</summary>
    public long NonSuccessResponses { get; set; }

    /// <summary>Measured requests that ended in a socket error or a truncated or malformed response.</summary>
    public long TransportErrors { get; set; }

    /// <summary>Connections re-established during the measured phase after the previous one closed or failed.</summary>
    public long Reconnects { get; set; }

    /// <summary>Set to 1 when cancellation (hard time limit or a signal) cut this worker off mid-request or mid-connect.</summary>
    public long Abandoned { get; set; }

    /// <summary>Body bytes of measured responses.</summary>
    public long BodyBytes { get; set; }

    /// <summary>Timestamp at which the last measured response completed; 0 when none did.</summary>
    public long LastCompletion { get; set; }

    /// <summary>First connection or transport failure, for the operator; null when none happened.</summary>
    public string? FirstError { get; set; }

    /// <summary>True when the first connection attempt failed, so this worker never sent a request.</summary>
    public bool NeverConnected { get; set; }
}
