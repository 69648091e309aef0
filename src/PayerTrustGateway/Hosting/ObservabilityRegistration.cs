using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace PayerTrustGateway.Hosting;

/// <summary>Serilog console logging and OpenTelemetry tracing and metrics (OTLP export only when configured).</summary>
internal static class ObservabilityRegistration
{
    public static void AddGatewayObservability(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>() ?? new ObservabilityOptions();

        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            Serilog.Events.LogEventLevel? toStandardError = options.ConsoleToStandardError ? Serilog.Events.LogEventLevel.Verbose : null;
            if (options.ConsoleFormat == ConsoleLogFormat.CompactJson)
            {
                logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: toStandardError);
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: toStandardError);
            }
        });

        // Tracing is always on so that W3C trace context reaches the backend. Without an exporter
        // nothing is recorded (spans are created for propagation only); with one, the configured
        // share of new traces is sampled and callers' sampling decisions are honoured.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("Yarp.ReverseProxy");
                if (options.OtlpEndpoint is null)
                {
                    tracing.SetSampler(new AlwaysOffSampler());
                }
                else
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.TraceSampleRatio, 0, 1))));
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = options.OtlpEndpoint);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("PayerTrustGateway");
                if (options.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = options.OtlpEndpoint);
                }
            });
    }
}
