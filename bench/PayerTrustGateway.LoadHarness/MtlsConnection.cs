using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PayerTrustGateway.LoadHarness;

/// <summary>One keep-alive HTTP/1.1 connection over mutual TLS, carrying one request at a time.</summary>
internal sealed class MtlsConnection : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly SslStream stream;
    private readonly HttpResponseReader reader;
    private readonly ReadOnlyMemory<byte> request;

    private MtlsConnection(TcpClient client, SslStream stream, ReadOnlyMemory<byte> request)
    {
        this.client = client;
        this.stream = stream;
        this.request = request;
        reader = new HttpResponseReader(stream);
    }

    /// <summary>Requests sent on this connection so far.</summary>
    public int RequestsSent { get; private set; }

    /// <summary>Connects and completes the TLS handshake; throws on socket or authentication failure.</summary>
    public static async Task<MtlsConnection> ConnectAsync(
        Uri target, ReadOnlyMemory<byte> request, ClientTlsSettings tls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tls);

        // Small request/response exchanges: do not let Nagle's algorithm hold the request back.
        TcpClient? client = new() { NoDelay = true };
        SslStream? stream = null;
        try
        {
            await client.ConnectAsync(target.IdnHost, target.Port, cancellationToken);
            stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await stream.AuthenticateAsClientAsync(tls.CreateAuthenticationOptions(target.IdnHost), cancellationToken);
            var connection = new MtlsConnection(client, stream, request);
            stream = null;
            client = null;
            return connection;
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }

            client?.Dispose();
        }
    }

    /// <summary>Writes the request and reads the whole response. Socket failures surface as <see cref="IOException"/>.</summary>
    /// <remarks>Pooled builder: called once per request, it must not allocate a state machine box each time.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ResponseReadResult> ExchangeAsync(CancellationToken cancellationToken)
    {
        RequestsSent++;
        await stream.WriteAsync(request, cancellationToken);
        return await reader.ReadResponseAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }
}
