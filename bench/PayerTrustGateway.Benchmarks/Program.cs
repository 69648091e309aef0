using BenchmarkDotNet.Running;

namespace PayerTrustGateway.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["consent-percentiles"])
        {
            ConsentLookupPercentiles.Run();
            return;
        }

        if (args is ["audit-scale", ..])
        {
            AuditScaleProbe.Run(args.Length > 1 ? long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
