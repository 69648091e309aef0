using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Sums one counter's measurements from one service provider's meters only (other hosts run in parallel).</summary>
internal static class MeterCounter
{
    public static MeterListener Count(IServiceProvider services, string instrumentName, out Func<long> counted)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        long total = 0;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == instrumentName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();
        counted = () => Interlocked.Read(ref total);
        return listener;
    }
}
