using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Options as the gateway reads them (<see cref="LastGoodOptions{TOptions}"/>), built from a configure action without a host.</summary>
internal static class TestOptions
{
    public static LastGoodOptions<T> LastGood<T>(Action<T> configure)
        where T : class =>
        new(new OptionsFactory<T>([new ConfigureOptions<T>(configure)], []), [], NullLogger<LastGoodOptions<T>>.Instance);
}
