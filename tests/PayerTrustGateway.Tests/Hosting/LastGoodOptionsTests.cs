using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tests.Hosting;

public sealed class LastGoodOptionsTests
{
    [Fact]
    public void Reload_InvalidValue_IsRejectedCountedAndLastGoodKept()
    {
        var factory = new ScriptedFactory { Next = new Sample { Value = 1 } };
        var source = new ManualChangeTokenSource();
        using var options = new LastGoodOptions<Sample>(factory, [source], NullLogger<LastGoodOptions<Sample>>.Instance);
        var seen = new List<int>();
        using var subscription = options.OnChange(changed => seen.Add(changed.Value));
        Assert.Equal(1, options.Current.Value);

        factory.Next = null;
        source.Fire();

        Assert.Equal(1, options.Current.Value);
        Assert.Equal(1, options.RejectedReloads);
        Assert.Empty(seen);
    }

    [Fact]
    public void Reload_ValidValue_IsSwappedInAndAnnounced()
    {
        var factory = new ScriptedFactory { Next = new Sample { Value = 1 } };
        var source = new ManualChangeTokenSource();
        using var options = new LastGoodOptions<Sample>(factory, [source], NullLogger<LastGoodOptions<Sample>>.Instance);
        var seen = new List<int>();
        using var subscription = options.OnChange(changed => seen.Add(changed.Value));

        factory.Next = new Sample { Value = 2 };
        source.Fire();

        Assert.Equal(2, options.Current.Value);
        Assert.Equal([2], seen);
        Assert.Equal(0, options.RejectedReloads);
    }

    [Fact]
    public void Current_InvalidAtStart_Throws()
    {
        var factory = new ScriptedFactory { Next = null };
        using var options = new LastGoodOptions<Sample>(factory, [], NullLogger<LastGoodOptions<Sample>>.Instance);

        Assert.Throws<OptionsValidationException>(() => options.Current);
    }

    public sealed class Sample
    {
        public int Value { get; set; }
    }

    private sealed class ScriptedFactory : IOptionsFactory<Sample>
    {
        public Sample? Next { get; set; }

        public Sample Create(string name) =>
            Next ?? throw new OptionsValidationException(name, typeof(Sample), ["TrustGateway:Sample:Value is invalid."]);
    }

    private sealed class ManualChangeTokenSource : IOptionsChangeTokenSource<Sample>
    {
        private CancellationTokenSource _current = new();

        public string? Name => Options.DefaultName;

        public IChangeToken GetChangeToken() => new CancellationChangeToken(_current.Token);

        public void Fire()
        {
            var fired = _current;
            _current = new CancellationTokenSource();
            fired.Cancel();
            fired.Dispose();
        }
    }
}
