namespace PayerTrustGateway.Hosting;

/// <summary>Connection feature naming the listener the connection was accepted on.</summary>
internal sealed class ListenerFeature
{
    public static readonly ListenerFeature Partner = new(GatewayListener.Partner);
    public static readonly ListenerFeature Admin = new(GatewayListener.Admin);

    private ListenerFeature(GatewayListener listener) => Listener = listener;

    public GatewayListener Listener { get; }
}
