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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
