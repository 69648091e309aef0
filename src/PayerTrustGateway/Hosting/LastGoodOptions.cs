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
    private ImmutableArray<Action<RejectedReload>> _rejectionListeners = [];
    private TOptions? _current;
    private int _rejectedReloads;
    private RejectedReload? _lastRejection;
    private DateTimeOffset _acceptedAt;
    private readonly TimeProvider _time;

    public LastGoodOptions(
        IOptionsFactory<TOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<TOptions>> sources,
        ILogger<LastGoodOptions<TOptions>> logger,
        TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
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

    /// <summary>The most recent rejected change, if any.</summary>
    public RejectedReload? LastRejection => Volatile.Read(ref _lastRejection);

    /// <summary>When the value now serving was accepted.</summary>
    public DateTimeOffset AcceptedAt => _acceptedAt;

    /// <summary>How many changes were rejected since start.</summary>
    public int RejectedReloads => Volatile.Read(ref _rejectedReloads);

    /// <summary>Calls <paramref name="listener"/> with each accepted new value.</summary>
    public IDisposable OnChange(Action<TOptions> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _listeners, static (listeners, added) => listeners.Add(added), listener);
        return new Subscription(this, listener);
    }

    /// <summary>Calls <paramref name="listener"/> with each rejected change.</summary>
    public IDisposable OnRejected(Action<RejectedReload> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _rejectionListeners, static (listeners, added) => listeners.Add(added), listener);
        return new RejectionSubscription(this, listener);
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
            if (_current is null)
            {
                _current = _factory.Create(Options.DefaultName);
                _acceptedAt = _time.GetUtcNow();
            }

            return _current;
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
                var rejection = new RejectedReload(_time.GetUtcNow(), [.. exception.Failures]);
                Volatile.Write(ref _lastRejection, rejection);
                _logger.ConfigurationReloadRejected(typeof(TOptions).Name, string.Join(" ", exception.Failures));
                foreach (var listener in _rejectionListeners)
                {
                    listener(rejection);
                }

                return;
            }

            Volatile.Write(ref _current, next);
            _acceptedAt = _time.GetUtcNow();
        }

        foreach (var listener in _listeners)
        {
            listener(next);
        }
    }

    private void Remove(Action<TOptions> listener) =>
        ImmutableInterlocked.Update(ref _listeners, static (listeners, removed) => listeners.Remove(removed), listener);

    private sealed class RejectionSubscription(LastGoodOptions<TOptions> owner, Action<RejectedReload> listener) : IDisposable
    {
        public void Dispose() =>
            ImmutableInterlocked.Update(ref owner._rejectionListeners, static (listeners, removed) => listeners.Remove(removed), listener);
    }

    private sealed class Subscription(LastGoodOptions<TOptions> owner, Action<TOptions> listener) : IDisposable
    {
        public void Dispose() => owner.Remove(listener);
    }
}

/// <summary>A configuration change that failed validation: when, and every problem.</summary>
internal sealed record RejectedReload(DateTimeOffset At, IReadOnlyList<string> Problems);
