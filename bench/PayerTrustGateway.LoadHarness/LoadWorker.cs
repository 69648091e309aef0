using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// One closed-loop client: one connection, one request in flight, next request as soon as the response is read.
/// Stops by itself at the end of the schedule; reconnects when the server closes the connection.
/// </summary>
internal sealed class LoadWorker
{
    private static readonly TimeSpan ReconnectBackoff = TimeSpan.FromMilliseconds(50);

    private readonly Uri target;
    private readonly ReadOnlyMemory<byte> request;
    private readonly ClientTlsSettings tls;
    private readonly LoadSchedule schedule;
    private readonly TimeProvider timeProvider;

    public LoadWorker(
        Uri target, ReadOnlyMemory<byte> request, ClientTlsSettings tls, LoadSchedule schedule,
        TimeProvider timeProvider, int latencyCapacity)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.target = target;
        this.request = request;
        this.tls = tls;
        this.schedule = schedule;
        this.timeProvider = timeProvider;
        Stats = new WorkerStats(latencyCapacity);
    }

    public WorkerStats Stats { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        MtlsConnection? connection = null;
        var everConnected = false;
        try
        {
            while (timeProvider.GetTimestamp() < schedule.End)
            {
                if (connection is null)
                {
                    connection = await TryConnectAsync(cancellationToken);
                    if (connection is null)
                    {
                        if (!everConnected)
                        {
                            // A first handshake that fails is a configuration error (wrong CA, port, cert): stop.
                            Stats.NeverConnected = true;
                            return;
                        }

                        await Task.Delay(ReconnectBackoff, timeProvider, cancellationToken);
                        continue;
                    }

                    if (everConnected && schedule.IsMeasured(timeProvider.GetTimestamp()))
                    {
                        Stats.Reconnects++;
                    }

                    everConnected = true;
                }

                if (!await ExchangeOnceAsync(connection, cancellationToken))
                {
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Stats.Abandoned++;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Sends one request and records it; false when the connection cannot be used again.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ExchangeOnceAsync(MtlsConnection connection, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        if (started >= schedule.End)
        {
            return true;
        }

        var measured = schedule.IsMeasured(started);
        var reused = connection.RequestsSent > 0;
        ResponseReadResult result;
        try
        {
            result = await connection.ExchangeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            RecordTransportError(measured, Describe(ex));
            return false;
        }

        var completed = timeProvider.GetTimestamp();
        switch (result.Status)
        {
            case ResponseReadStatus.Complete:
                if (measured)
                {
                    RecordResponse(result, timeProvider.GetElapsedTime(started, completed), completed);
                }

                return result.KeepAlive;

            case ResponseReadStatus.ConnectionClosed when reused:
                // The server closed an idle keep-alive connection; the request is retried on a new one.
                return false;

            default:
                RecordTransportError(measured, $"response {result.Status}");
                return false;
        }
    }

    private void RecordResponse(ResponseReadResult result, TimeSpan latency, long completed)
    {
        Stats.Latencies.Record(latency);
        Stats.StatusCounts[result.StatusCode]++;
        Stats.BodyBytes += result.BodyBytes;
        Stats.LastCompletion = completed;
        if (result.StatusCode is < 200 or > 299)
        {
            Stats.NonSuccessResponses++;
        }
    }

    private void RecordTransportError(bool measured, string message)
    {
        Stats.FirstError ??= message;
        if (measured)
        {
            Stats.TransportErrors++;
        }
    }

    private async ValueTask<MtlsConnection?> TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MtlsConnection.ConnectAsync(target, request, tls, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
        {
            Stats.FirstError ??= $"connect: {Describe(ex)}";
            return null;
        }
    }

    private static string Describe(Exception exception)
    {
        // SslStream wraps the useful part ("Connection reset by peer", the TLS alert) in an inner exception.
        var innermost = exception.GetBaseException();
        return ReferenceEquals(innermost, exception) ? exception.Message : $"{exception.Message} ({innermost.Message})";
    }
}
