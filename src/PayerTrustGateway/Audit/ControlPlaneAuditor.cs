using System.Text.Json;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Audits the control-plane changes that do not arrive as admin requests: an accepted configuration reload
/// that changed a section (before and after fingerprints), a rejected reload (with its problems), and a
/// scheduled signing-key rotation. Changes made through the admin API are audited with their request.
/// </summary>
internal sealed class ControlPlaneAuditor : IHostedService, IDisposable
{
    public const string ReloadAction = "configuration.reload";

    private readonly IServiceProvider _services;
    private readonly IAuditSink _sink;
    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<ControlPlaneAuditor> _logger;
    private readonly List<IDisposable> _subscriptions = [];

    public ControlPlaneAuditor(IServiceProvider services, IAuditSink sink, SigningKeyRing keys, TimeProvider time, ILogger<ControlPlaneAuditor> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _services = services;
        _sink = sink;
        _keys = keys;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Watch<PartnersOptions>("partners");
        Watch<PoliciesOptions>("policies");
        Watch<IssuersOptions>("issuers");
        Watch<TokensOptions>("tokens");
        Watch<TokenServiceOptions>("tokenService");
        Watch<TokenExchangeOptions>("tokenExchange");
        Watch<SigningKeysOptions>("signingKeys");
        Watch<RequestHygieneOptions>("hygiene");
        Watch<ForwardingOptions>("forwarding");
        Watch<ConsentOptions>("consent");
        Watch<Admin.AdminAccessOptions>("adminAccess");
        _keys.Rotated += OnRotated;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _keys.Rotated -= OnRotated;
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }

    private void Watch<TOptions>(string section)
        where TOptions : class
    {
        var options = _services.GetRequiredService<LastGoodOptions<TOptions>>();
        var fingerprint = ConfigurationFingerprint.Of(options.Current);
        var gate = new Lock();
        _subscriptions.Add(options.OnChange(current =>
        {
            var after = ConfigurationFingerprint.Of(current);
            string before;
            lock (gate)
            {
                (before, fingerprint) = (fingerprint, after);
            }

            if (before != after)
            {
                Write(Change(ReloadAction, section, before, after, status: StatusCodes.Status200OK, reason: null));
            }
        }));
        _subscriptions.Add(options.OnRejected(rejected => Write(Change(ReloadAction, section, fingerprint, JsonSerializer.Serialize(rejected.Problems), StatusCodes.Status400BadRequest, "configuration-invalid"))));
    }

    private void OnRotated(string? replaced, string current, bool scheduled)
    {
        if (scheduled)
        {
            Write(Change(AuditScorecardCalculator.KeyRotationAction, current, replaced, current, StatusCodes.Status200OK, reason: null));
        }
    }

    private AuditRecord Change(string action, string target, string? before, string? after, int status, string? reason) => new()
    {
        Time = _time.GetUtcNow(),
        Kind = AuditKind.Change,
        RequestId = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
        ActorKind = AuditActors.System,
        Actor = AuditActors.Gateway,
        Decision = reason is null ? AuditDecisions.Allow : AuditDecisions.Deny,
        Reason = reason,
        Status = status,
        Action = action,
        Target = target,
        Before = before,
        After = after,
    };

    // Change notifications arrive on configuration and signing threads that must not block on the commit;
    // a failure is logged (never silent), and the change itself has already happened.
    private void Write(AuditRecord record) =>
        _ = _sink.WriteAsync(record, CancellationToken.None).AsTask().ContinueWith(
            task => _logger.RecordRefused(record.RequestId, task.Exception!.GetBaseException()), // faulted tasks carry an exception
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
