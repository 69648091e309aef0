namespace PayerTrustGateway.Hosting;

/// <summary>Logs, traces and metrics (<c>TrustGateway:Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "TrustGateway:Observability";

    /// <summary>Console log format: <c>Text</c> (default) or <c>CompactJson</c> (one CLEF object per line).</summary>
    public ConsoleLogFormat ConsoleFormat { get; set; } = ConsoleLogFormat.Text;

    /// <summary>Write log lines to standard error instead of standard output (the command-line tools do, so their output stays machine-readable). Default false.</summary>
    public bool ConsoleToStandardError { get; set; }

    /// <summary>OTLP endpoint for traces and metrics (e.g. http://127.0.0.1:4317). Empty (default): nothing is exported.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Share of new traces recorded and exported when <see cref="OtlpEndpoint"/> is set (0 to 1). Default 1.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>The service name reported in telemetry. Default <c>payer-trust-gateway</c>.</summary>
    public string ServiceName { get; set; } = "payer-trust-gateway";
}

/// <summary>Console log formats.</summary>
public enum ConsoleLogFormat
{
    /// <summary>Human-readable lines.</summary>
    Text,

    /// <summary>Serilog compact JSON (CLEF), for log shippers.</summary>
    CompactJson,
}
