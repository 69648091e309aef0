using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PayerTrustGateway.Hosting;

/// <summary>The listeners as Kestrel bound them (actual ports, also when configured as 0).</summary>
internal sealed class ListenerEndpoints
{
    private ListenOptions? _partner;
    private ListenOptions? _admin;

    public IPEndPoint Partner => _partner?.IPEndPoint ?? throw new InvalidOperationException("The partner listener is not configured yet.");

    public IPEndPoint Admin => _admin?.IPEndPoint ?? throw new InvalidOperationException("The admin listener is not configured yet.");

    internal void Register(GatewayListener listener, ListenOptions options)
    {
        if (listener == GatewayListener.Partner)
        {
            _partner = options;
        }
        else
        {
            _admin = options;
        }
    }
}
