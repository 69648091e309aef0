using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// The options the request path reads: validated at start, and on every configuration change
/// re-created and re-validated; a change that fails validation is logged and counted, and the last good
/// value keeps serving. (<see cref="IOptionsMonitor{TOptions}.CurrentValue"/> would instead throw on
/// every read after an invalid reload.)
/// </summary>
internal sealed class LastGoodOptions<TOptions> : IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly ILogger<LastGoodOptions<TOptions>> _logger;
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _lock = new();
    private ImmutableArray<Action<TOptions>> _listeners = [];
    private TOptions? _current;
    private int _rejectedReloads;

    public LastGoodOptions(
        IOptionsFactory<TOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<TOptions>> sources,
        ILogger<LastGoodOptions<TOptions>> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(logger);
        _factory = factory;
        _logger = logger;

        foreach (var source in sources)
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    /// <summary>
    /// The last configuration that passed validation. Created on first use (after start-up validation,
    /// see <see cref="InitialSnapshotService"/>); invalid then, it throws <see cref="OptionsValidationException"/>.
    /// </summary>
    public TOptions Current => Volatile.Read(ref _current) ?? Initialize();

    /// <summary>How many changes were rejected since start.</summary>
    public int RejectedReloads => Volatile.Read(ref _rejectedReloads);

    /// <summary>Calls <paramref name="listener"/> with each accepted new value.</summary>
    public IDisposable OnChange(Action<TOptions> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _listeners, static (listeners, added) => listeners.Add(added), listener);
        return new Subscription(this, listener);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private TOptions Initialize()
    {
        lock (_lock)
        {
            return _current ??= _factory.Create(Options.DefaultName);
        }
    }

    private void Reload()
    {
        TOptions next;
        lock (_lock)
        {
            try
            {
                next = _factory.Create(Options.DefaultName);
            }
            catch (OptionsValidationException exception)
            {
                Interlocked.Increment(ref _rejectedReloads);
                _logger.ConfigurationReloadRejected(typeof(TOptions).Name, string.Join(" ", exception.Failures));
                return;
            }

            Volatile.Write(ref _current, next);
        }

        foreach (var listener in _listeners)
        {
            listener(next);
        }
    }

    private void Remove(Action<TOptions> listener) =>
        ImmutableInterlocked.Update(ref _listeners, static (listeners, removed) => listeners.Remove(removed), listener);

    private sealed class Subscription(LastGoodOptions<TOptions> owner, Action<TOptions> listener) : IDisposable
    {
        public void Dispose() => owner.Remove(listener);
    }
}
