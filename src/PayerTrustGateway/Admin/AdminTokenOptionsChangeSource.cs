using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Tells the JWT bearer options of the admin scheme to rebuild when <see cref="LastGoodOptions{TOptions}"/>
/// accepts a change to <see cref="AdminAccessOptions"/>, so new keys, issuer or roles claim apply to the next
/// request. A rejected change signals nothing: the last good options keep serving.
/// </summary>
internal sealed class AdminTokenOptionsChangeSource : IOptionsChangeTokenSource<JwtBearerOptions>, IDisposable
{
    private readonly IDisposable _subscription;
    private CancellationTokenSource _changed = new();

    public AdminTokenOptionsChangeSource(LastGoodOptions<AdminAccessOptions> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        _subscription = access.OnChange(_ => Signal());
    }

    public string Name => AdminAccessOptions.AuthenticationScheme;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public void Dispose()
    {
        _subscription.Dispose();
        _changed.Dispose();
    }

    private void Signal()
    {
        using var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        previous.Cancel();
    }
}
